/**
 * Payment terms (`GET /settings/paymentterms`) and salespersons (`GET /salespersons`). Neither has a
 * description in api-evangelist/zoho-inventory, and no page of Zoho's API reference for them was found
 * in the stored copies: the shapes are the fields the contacts and sales order descriptions use for
 * them (`payment_terms` integer days, `payment_terms_label` "Net 15"; `salesperson_id`,
 * `salesperson_name`), under the list keys clients read. Answers are accepted with the list at the top
 * level or under `data` (Zoho's settings answers use both); tighten when a published description turns up.
 */
import * as z from 'zod';
import { zohoId } from './common';

export const paymentTerm = z.looseObject({
  payment_terms_id: zohoId,
  payment_terms: z.number().int(),
  payment_terms_label: z.string().min(1),
  is_default: z.boolean().optional(),
});
const terms = z.array(paymentTerm);
export const paymentTermListAnswer = z.union([
  z.looseObject({ code: z.literal(0), message: z.string(), payment_terms: terms }),
  z.looseObject({ code: z.literal(0), message: z.string(), data: z.looseObject({ payment_terms: terms }) }),
]);

export const salesperson = z.looseObject({
  salesperson_id: zohoId,
  salesperson_name: z.string().min(1),
  salesperson_email: z.string().optional(),
  is_active: z.boolean().optional(),
});
const people = z.array(salesperson);
export const salespersonListAnswer = z.union([
  z.looseObject({ code: z.literal(0), message: z.string(), salespersons: people }),
  z.looseObject({ code: z.literal(0), message: z.string(), data: z.looseObject({ salespersons: people }) }),
]);

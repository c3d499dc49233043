/**
 * Estimates (Zoho Books only; Inventory has none, a quote goes there as a draft sales order). Read
 * from Zoho Books' API reference, zoho.com/books/api/v3/estimates ("Create an Estimate", "List
 * estimates", "Get an estimate", "Mark an estimate as sent / accepted / declined"; stored copies in
 * the `pages` corpus): customer_id required, estimate_number with `ignore_auto_number_generation`,
 * reference_number, date, expiry_date, line_items, custom_fields, salesperson_name, notes, terms,
 * discount, adjustment; statuses draft, sent, invoiced, accepted, declined, expired.
 */
import * as z from 'zod';
import {
  customFieldValue,
  customFieldValueRequest,
  discount,
  entityAnswer,
  listAnswer,
  messageAnswer,
  organizationQuery,
  queryBoolean,
  zohoDate,
  zohoId,
} from './common';
import { ESTIMATES_LIST, listQuerySchema } from './filters';

const estimateLineRequest = z.strictObject({
  line_item_id: zohoId.optional(),
  item_id: zohoId.optional(),
  name: z.string().optional(),
  description: z.string().optional(),
  item_order: z.number().int().optional(),
  rate: z.number().optional(),
  quantity: z.number().optional(),
  unit: z.string().optional(),
  discount: discount.optional(),
  tax_id: zohoId.optional(),
  tax_exemption_id: zohoId.optional(),
  item_custom_fields: z.array(customFieldValueRequest).optional(),
  location_id: zohoId.optional(),
});

/** `POST /estimates` and `PUT /estimates/{id}`. */
export const estimateCreate = z.strictObject({
  customer_id: zohoId,
  estimate_number: z.string().min(1).optional(),
  reference_number: z.string().optional(),
  template_id: zohoId.optional(),
  date: zohoDate.optional(),
  expiry_date: zohoDate.optional(),
  exchange_rate: z.number().optional(),
  discount: discount.optional(),
  is_discount_before_tax: z.boolean().optional(),
  discount_type: z.enum(['entity_level', 'item_level']).optional(),
  is_inclusive_tax: z.boolean().optional(),
  custom_body: z.string().optional(),
  custom_subject: z.string().optional(),
  salesperson_name: z.string().optional(),
  custom_fields: z.array(customFieldValueRequest).optional(),
  line_items: z.array(estimateLineRequest).min(1),
  notes: z.string().optional(),
  terms: z.string().optional(),
  shipping_charge: z.number().optional(),
  adjustment: z.number().optional(),
  adjustment_description: z.string().optional(),
  location_id: zohoId.optional(),
  contact_persons: z.array(zohoId).optional(),
});
export const estimateUpdate = estimateCreate;

export const estimateCreateQuery = z.strictObject({
  ...organizationQuery,
  ignore_auto_number_generation: queryBoolean.optional(),
  send: queryBoolean.optional(),
});
export const estimateListQuery = listQuerySchema(ESTIMATES_LIST);

export const ESTIMATE_STATUSES = ['draft', 'sent', 'invoiced', 'accepted', 'declined', 'expired', 'void', 'pending_approval', 'approved'] as const;

export const estimate = z.looseObject({
  estimate_id: zohoId,
  estimate_number: z.string().min(1),
  date: zohoDate.optional(),
  expiry_date: z.string().optional(),
  reference_number: z.string().optional(),
  status: z.enum(ESTIMATE_STATUSES),
  customer_id: zohoId,
  customer_name: z.string().optional(),
  currency_id: z.string().optional(),
  currency_code: z.string().optional(),
  exchange_rate: z.number().optional(),
  discount: discount.optional(),
  is_inclusive_tax: z.boolean().optional(),
  /** As on sales orders (salesorders.ts): seen in Zoho's answers, not in the description. */
  tax_rounding: z.enum(['item_level', 'entity_level']).optional(),
  line_items: z.array(
    z.looseObject({
      line_item_id: zohoId,
      item_id: z.string().optional(),
      name: z.string().optional(),
      rate: z.number(),
      quantity: z.number(),
      discount: discount.optional(),
      item_total: z.number(),
    }),
  ),
  sub_total: z.number().optional(),
  tax_total: z.number().optional(),
  total: z.number(),
  notes: z.string().optional(),
  terms: z.string().optional(),
  salesperson_name: z.string().optional(),
  custom_fields: z.array(customFieldValue).optional(),
  created_time: z.string().optional(),
  last_modified_time: z.string().optional(),
});

export const estimateSummary = z.looseObject({
  estimate_id: zohoId,
  estimate_number: z.string().min(1),
  customer_id: zohoId,
  customer_name: z.string().optional(),
  status: z.enum(ESTIMATE_STATUSES),
  date: zohoDate.optional(),
  reference_number: z.string().optional(),
  total: z.number().optional(),
});

export const estimateAnswer = entityAnswer('estimate', estimate);
export const estimateListAnswer = listAnswer('estimates', estimateSummary);
export const estimateStatusAnswer = messageAnswer;

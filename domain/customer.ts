import * as z from 'zod';
import { MAX_LENGTH as L } from './limits';
import { multiLine, singleLine } from './text';

/** Bounds: domain/limits.ts; every field but the street address is one line. */

export const AddressSchema = z.object({
  attention: singleLine(100).optional(),
  address: multiLine(500).optional(),
  street2: singleLine(255).optional(),
  city: singleLine(100).optional(),
  state: singleLine(100).optional(),
  zip: singleLine(50).optional(),
  country: singleLine(100).optional(),
  phone: singleLine(50).optional(),
});
export type Address = z.infer<typeof AddressSchema>;

export const ContactPersonSchema = z.object({
  firstName: singleLine(100).optional(),
  lastName: singleLine(100).optional(),
  email: z.email().max(L.email).optional(),
  phone: singleLine(50).optional(),
  mobile: singleLine(50).optional(),
  isPrimary: z.boolean().optional(),
});
export type ContactPerson = z.infer<typeof ContactPersonSchema>;

/** A customer as the rep sees it: either already in Zoho, or created on the device (then `id` is a device UUID). */
export const CustomerSchema = z.object({
  id: z.uuid(),
  zohoContactId: singleLine(L.zohoId, { exact: true }).min(1).optional(),
  name: singleLine(L.customerName).min(1),
  companyName: singleLine(L.customerName).optional(),
  email: z.email().max(L.email).optional(),
  phone: singleLine(50).optional(),
  billingAddress: AddressSchema.optional(),
  shippingAddress: AddressSchema.optional(),
  contactPersons: z.array(ContactPersonSchema).max(20).optional(),
  priceListId: singleLine(L.zohoId, { exact: true }).optional(),
  currency: z.string().length(3).optional(),
});
export type Customer = z.infer<typeof CustomerSchema>;

/** A customer created on a device, as the hub's API answers about it (`POST /api/customers`). */
export interface CustomerSummary {
  id: string;
  name: string;
  email: string | null;
  stage: import('./lifecycle').Stage;
  zohoContactId: string | null;
  attentionReason: string | null;
  workflowId: string;
  createdAt: string;
  updatedAt: string;
}

/** A rep's phone or email change to a customer already in Zoho (domain/customer-edit.ts says what becomes of it). */
export const CustomerEditSchema = z
  .object({
    id: z.uuid(),
    zohoContactId: singleLine(L.zohoId, { exact: true }).min(1),
    email: z.email().max(L.email).optional(),
    phone: singleLine(50).optional(),
    before: z.object({ email: z.string().max(L.email).optional(), phone: singleLine(50).optional() }).default({}),
    createdAt: z.iso.datetime({ offset: true }),
  })
  .strict()
  .refine((e) => e.email !== undefined || e.phone !== undefined, { path: ['email'], message: 'change the email or the phone' });

import * as z from 'zod';

export const AddressSchema = z.object({
  attention: z.string().max(100).optional(),
  address: z.string().max(500).optional(),
  street2: z.string().max(255).optional(),
  city: z.string().max(100).optional(),
  state: z.string().max(100).optional(),
  zip: z.string().max(50).optional(),
  country: z.string().max(100).optional(),
  phone: z.string().max(50).optional(),
});
export type Address = z.infer<typeof AddressSchema>;

export const ContactPersonSchema = z.object({
  firstName: z.string().max(100).optional(),
  lastName: z.string().max(100).optional(),
  email: z.email().optional(),
  phone: z.string().max(50).optional(),
  mobile: z.string().max(50).optional(),
  isPrimary: z.boolean().optional(),
});
export type ContactPerson = z.infer<typeof ContactPersonSchema>;

/** A customer as the rep sees it: either already in Zoho, or created on the device (then `id` is a device UUID). */
export const CustomerSchema = z.object({
  id: z.uuid(),
  zohoContactId: z.string().min(1).optional(),
  name: z.string().trim().min(1).max(200),
  companyName: z.string().max(200).optional(),
  email: z.email().optional(),
  phone: z.string().max(50).optional(),
  billingAddress: AddressSchema.optional(),
  shippingAddress: AddressSchema.optional(),
  contactPersons: z.array(ContactPersonSchema).max(20).optional(),
  priceListId: z.string().optional(),
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

import * as z from 'zod';
import { AddressSchema } from './customer';

/**
 * One order line. Prices are integers in the order currency's minor units; quantity may be
 * fractional (kg, m). Tax is a percentage as Zoho stores it.
 */
export const OrderLineSchema = z.object({
  itemId: z.string().min(1),
  sku: z.string().max(100).optional(),
  name: z.string().trim().min(1).max(250),
  description: z.string().max(2000).optional(),
  unit: z.string().max(30).optional(),
  quantity: z.number().positive().max(1_000_000),
  unitPrice: z.number().int().nonnegative(),
  discountPercent: z.number().min(0).max(100).optional(),
  taxId: z.string().optional(),
  taxPercent: z.number().min(0).max(100).optional(),
});
export type OrderLine = z.infer<typeof OrderLineSchema>;

/** Who the order is for: a Zoho contact, or a customer the rep created on the device. */
export const OrderCustomerRefSchema = z
  .object({
    zohoContactId: z.string().min(1).optional(),
    deviceCustomerId: z.uuid().optional(),
    name: z.string().trim().min(1).max(200),
    /** Where the order PDF goes when customers get a copy (the device knows it from the catalogue). */
    email: z.email().optional(),
  })
  .refine((c) => c.zohoContactId || c.deviceCustomerId, {
    message: 'needs zohoContactId or deviceCustomerId',
  });
export type OrderCustomerRef = z.infer<typeof OrderCustomerRefSchema>;

/** A charge on the order that is not an item (delivery, small-order fee): untaxed, in minor units. */
export const OrderFeeSchema = z.object({
  name: z.string().trim().min(1).max(100),
  amount: z.number().int().nonnegative(),
});
export type OrderFee = z.infer<typeof OrderFeeSchema>;

export const DocumentKindSchema = z.enum(['order', 'quote']);
export type DocumentKind = z.infer<typeof DocumentKindSchema>;

/** An order or quote exactly as the device sends it. `id` is a UUID made on the device. */
export const OrderSchema = z.object({
  id: z.uuid(),
  kind: DocumentKindSchema.default('order'),
  customer: OrderCustomerRefSchema,
  currency: z.string().regex(/^[A-Z]{3}$/, 'must be a 3-letter ISO 4217 code'),
  lines: z.array(OrderLineSchema).min(1, 'an order needs at least one line').max(1000),
  reference: z.string().max(100).optional(),
  notes: z.string().max(5000).optional(),
  deliveryDate: z.iso.date().optional(),
  fees: z.array(OrderFeeSchema).max(20).optional(),
  paymentMethod: z.string().trim().max(100).optional(),
  deliveryAddress: AddressSchema.optional(),
  /** The customer's contact person for this order, as the rep typed it. */
  contactPerson: z.string().trim().max(200).optional(),
  /** Who sold it, as chosen on the device (defaults to the signed-in rep; may be a colleague). */
  salesRep: z.string().trim().min(1).max(200).optional(),
  /** The customer's signature captured on the device, printed on the PDF. */
  signature: z
    .string()
    .max(700_000)
    .regex(/^data:image\/(png|jpeg);base64,[A-Za-z0-9+/=]+$/, 'must be a PNG or JPEG data URL')
    .optional(),
  createdAt: z.iso.datetime({ offset: true }),
});
export type Order = z.infer<typeof OrderSchema>;
/** What a client may send before defaults are applied. */
export type OrderInput = z.input<typeof OrderSchema>;

export { lineTotals, orderTotals, type LineTotals, type OrderTotals, type PricedLine } from './totals';

/**
 * The sample order and customer a mapping is checked against at save (its output must carry every
 * required field of the target) and previewed with when no real order is picked. Fixed data, so a
 * save's verdict does not depend on what happens to be in the database.
 */
import { CustomerSchema, OrderSchema, type Customer, type Order } from '../domain';
import type { MappingContext } from './source-view';

export const SAMPLE_ORDER: Order = OrderSchema.parse({
  id: '00000000-0000-4000-8000-000000000001',
  kind: 'order',
  customer: { zohoContactId: '460000000000001', name: 'Sample Customer Ltd', email: 'buyer@sample.example' },
  currency: 'USD',
  lines: [
    { itemId: '460000000010001', sku: 'SKU-1', name: 'Widget', description: 'Blue widget', unit: 'pcs', quantity: 2, unitPrice: 1250, taxPercent: 10 },
    { itemId: '460000000010002', sku: 'SKU-2', name: 'Gadget', quantity: 1, unitPrice: 999, discountPercent: 5 },
  ],
  reference: 'PO-1234',
  notes: 'Leave at the back door',
  deliveryDate: '2026-12-01',
  fees: [{ name: 'Delivery', amount: 500 }],
  paymentMethod: 'card',
  contactPerson: 'Pat Buyer',
  createdAt: '2026-11-20T09:30:00.000Z',
});

export const SAMPLE_CONTEXT: MappingContext = { number: 'SO-SAMPLE00000001' };

export const SAMPLE_CUSTOMER: Customer = CustomerSchema.parse({
  id: '00000000-0000-4000-8000-000000000002',
  name: 'Sample New Shop',
  companyName: 'Sample New Shop Ltd',
  email: 'owner@newshop.example',
  phone: '+1 555 0100',
  billingAddress: { address: '1 High Street', city: 'Springfield', zip: '12345', country: 'USA' },
  contactPersons: [{ firstName: 'Sam', lastName: 'Owner', email: 'owner@newshop.example', isPrimary: true }],
});

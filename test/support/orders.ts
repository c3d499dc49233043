/** Valid orders for tests, built with the shared domain types. */
import crypto from 'node:crypto';
import type { OrderInput } from '../../domain';

export function sampleOrder(overrides: Partial<OrderInput> = {}): OrderInput {
  return {
    id: crypto.randomUUID(),
    kind: 'order',
    customer: { zohoContactId: '460000000000001', name: 'Demo Customer' },
    currency: 'USD',
    lines: [
      { itemId: '460000000010001', sku: 'SKU-1', name: 'Widget', quantity: 2, unitPrice: 1250, taxPercent: 10 },
      { itemId: '460000000010002', sku: 'SKU-2', name: 'Gadget', quantity: 1, unitPrice: 999 },
    ],
    notes: 'Leave at the back door',
    createdAt: new Date().toISOString(),
    ...overrides,
  };
}

import {
  documentNumber,
  fromDecimal,
  hasReached,
  lineTotals,
  MAX_FEE_MINOR,
  MAX_ORDER_TOTAL_MINOR,
  MAX_UNIT_PRICE_MINOR,
  OrderSchema,
  orderTotals,
  roundMinor,
  toDecimal,
  workflowId,
} from '.';
import { sampleOrder } from '../test/support/orders';

describe('money', () => {
  it('rounds half away from zero, absorbing binary noise', () => {
    expect(roundMinor(2.5)).toBe(3);
    expect(roundMinor(-2.5)).toBe(-3);
    expect(roundMinor(1.005 * 100)).toBe(101);
    expect(Object.is(roundMinor(-0.4), 0)).toBe(true);
  });

  it('converts between minor units and Zoho decimals per currency', () => {
    expect(toDecimal(1250, 'USD')).toBe(12.5);
    expect(toDecimal(1250, 'JPY')).toBe(1250);
    expect(toDecimal(1250, 'KWD')).toBe(1.25);
    expect(fromDecimal(12.345, 'USD')).toBe(1235);
  });
});

describe('order totals', () => {
  it('applies discount then tax, rounding each line once', () => {
    expect(lineTotals({ itemId: 'i', name: 'n', quantity: 3, unitPrice: 333, discountPercent: 10, taxPercent: 7.5 })).toEqual({
      net: 899, // 999 * 0.9 = 899.1
      tax: 67, // 899 * 0.075 = 67.425
      gross: 966,
      itemTotal: 899, // what the line shows: exclusive prices, so the net
    });
  });

  it('sums lines in the order currency', () => {
    const order = OrderSchema.parse(sampleOrder());
    const totals = orderTotals(order);
    expect(totals.net).toEqual({ amount: 2500 + 999, currency: 'USD' });
    expect(totals.tax.amount).toBe(250);
    expect(totals.gross.amount).toBe(3749);
  });
});

describe('order validation', () => {
  it('accepts a well-formed order and defaults the kind', () => {
    const { kind, ...rest } = sampleOrder();
    expect(OrderSchema.parse(rest).kind).toBe('order');
    expect(kind).toBe('order');
  });

  it.each([
    ['lines', { lines: [] }],
    ['currency', { currency: 'usd' }],
    ['id', { id: 'not-a-uuid' }],
    ['lines.0.quantity', { lines: [{ itemId: 'i', name: 'n', quantity: -1, unitPrice: 1 }] }],
    ['lines.0.unitPrice', { lines: [{ itemId: 'i', name: 'n', quantity: 1, unitPrice: 12.5 }] }],
    ['customer', { customer: { name: 'No id' } }],
    // Past the columns and Zoho: PostgreSQL answered 500, SQLite stored them and Zoho got them.
    ['customer.zohoContactId', { customer: { zohoContactId: '4'.repeat(65), name: 'Long id' } }],
    ['lines.0.unitPrice', { lines: [{ itemId: 'i', name: 'n', quantity: 1_000_000, unitPrice: Number.MAX_SAFE_INTEGER }] }],
    ['lines.0.quantity', { lines: [{ itemId: 'i', name: 'n', quantity: 1_000_000, unitPrice: MAX_UNIT_PRICE_MINOR }] }],
    ['lines', { lines: Array.from({ length: 2 }, () => ({ itemId: 'i', name: 'n', quantity: 100_000, unitPrice: 90_000_000 })) }],
    ['fees.0.amount', { fees: [{ name: 'Delivery', amount: MAX_FEE_MINOR + 1 }] }],
    // New lines in a name became new lines in email bodies.
    ['customer.name', { customer: { zohoContactId: '1', name: 'Evil\r\nBcc: x@example.test' } }],
    ['lines.0.name', { lines: [{ itemId: 'i', name: 'Widget\u0007', quantity: 1, unitPrice: 1 }] }],
    ['salesRep', { salesRep: 'Ann\u2028Other' }],
  ])('rejects a bad %s and names it', (path, override) => {
    const result = OrderSchema.safeParse({ ...sampleOrder(), ...override });
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((i) => i.path.join('.'))).toContain(path);
  });
});

describe('order bounds', () => {
  it('accepts the largest order within the bounds, exactly, and notes on several lines', () => {
    const lines = [{ itemId: 'i', name: 'n', quantity: 100, unitPrice: MAX_UNIT_PRICE_MINOR }];
    const order = OrderSchema.parse({ ...sampleOrder(), lines, notes: 'Ring twice.\r\nBack door.\tThanks' });
    expect(orderTotals(order).gross.amount).toBe(MAX_ORDER_TOTAL_MINOR);
    // Amounts are never negative, so every partial sum of an accepted order is at most its total: exact.
    expect(MAX_ORDER_TOTAL_MINOR * 100).toBeLessThan(Number.MAX_SAFE_INTEGER);
  });
});

describe('document identity', () => {
  it('derives a stable Zoho number and workflow id from the device UUID', () => {
    const id = '3f2a9c01-b7e4-4d21-9a7b-0c1d2e3f4a5b';
    expect(documentNumber('order', id)).toBe('SO-3F2A9C01B7E44D21');
    expect(documentNumber('quote', id)).toBe('QT-3F2A9C01B7E44D21');
    expect(workflowId('order', id)).toBe(`order-${id}`);
    expect(() => documentNumber('order', 'nope')).toThrow(RangeError);
  });

  it('orders the lifecycle', () => {
    expect(hasReached('in_zoho', 'received')).toBe(true);
    expect(hasReached('received', 'in_zoho')).toBe(false);
    expect(hasReached('needs_attention', 'received')).toBe(false);
  });
});

describe('a line taxed by a group with a compound member', () => {
  test('is charged member by member, the compound one on the amount plus the others (as Zoho charges it)', () => {
    const taxes = [
      { id: 'state', name: 'State', percent: 6, compound: false },
      { id: 'county', name: 'County', percent: 2.25, compound: false },
      { id: 'city', name: 'City surcharge', percent: 1, compound: true },
    ];
    // $100.00: 6.00 + 2.25, then 1 % of 108.25 = 1.0825 → 9.33 in all (the group's listed 9.25 % would say 9.25).
    expect(lineTotals({ quantity: 1, unitPrice: 10_000, taxId: 'g', taxPercent: 9.25, taxes })).toEqual({
      net: 10_000,
      tax: 933,
      gross: 10_933,
      itemTotal: 10_000,
    });
    expect(lineTotals({ quantity: 1, unitPrice: 10_000, taxId: 'g', taxPercent: 9.25 })).toEqual({ net: 10_000, tax: 925, gross: 10_925, itemTotal: 10_000 });
  });
});

import { documentNumber, fromDecimal, hasReached, lineTotals, OrderSchema, orderTotals, roundMinor, toDecimal, workflowId } from '.';
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
  ])('rejects a bad %s and names it', (path, override) => {
    const result = OrderSchema.safeParse({ ...sampleOrder(), ...override });
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((i) => i.path.join('.'))).toContain(path);
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

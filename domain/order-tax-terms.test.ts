/**
 * An order's tax terms (domain/totals.ts): prices that include their tax (Zoho's
 * `is_inclusive_tax`) and the organization's tax rounding (per line or per document), worked on
 * Zoho's own examples, so the cart, the hub and the PDF (all orderTotals) show what Zoho will hold.
 */
import { lineTotals, OrderSchema, orderTotals, type OrderInput } from '.';

const tax4 = { taxId: 't4', taxes: [{ id: 't4', name: 'Tax 4%', percent: 4, compound: false }] };
const line = (itemId: string, unitPrice: number, extra: Partial<OrderInput['lines'][number]> = {}): OrderInput['lines'][number] => ({
  itemId,
  name: itemId,
  quantity: 1,
  unitPrice,
  ...extra,
});
const order = (input: Partial<OrderInput>) =>
  OrderSchema.parse({
    id: crypto.randomUUID(),
    customer: { zohoContactId: '1', name: 'Shop' },
    currency: 'USD',
    lines: [line('a', 1000)],
    createdAt: '2026-12-01T09:00:00.000Z',
    ...input,
  });

// help.zoho.com/portal/en/kb/fsm/billing/articles/tax-discount-preferences: $20 + $10 + $5 at 4 %
// inclusive, "the Sub Total ($35) includes the Tax Amount of $1.35 ($0.769 + $0.384 + $0.192)".
const fsm = [line('service', 2000, tax4), line('contactors', 1000, tax4), line('relays', 500, tax4)];

describe('tax-inclusive prices', () => {
  it("hold their tax: Zoho's example, the sub total $35 holding $1.35, the total $35", () => {
    const t = orderTotals(order({ lines: fsm, taxInclusive: true, taxRounding: 'document' }));
    expect(t).toMatchObject({ net: { amount: 3500 }, tax: { amount: 135 }, gross: { amount: 3500 }, taxIncluded: true });
  });

  it('rounded per line, the same lines hold 0.77 + 0.38 + 0.19', () => {
    const t = orderTotals(order({ lines: fsm, taxInclusive: true }));
    expect([t.tax.amount, t.gross.amount]).toEqual([134, 3500]);
    expect(lineTotals(fsm[0]!, { taxInclusive: true })).toEqual({ net: 1923, tax: 77, gross: 2000, itemTotal: 2000 });
  });

  it('the same prices exclusive add the tax on top (the order says which they are)', () => {
    const t = orderTotals(order({ lines: fsm }));
    expect([t.net.amount, t.tax.amount, t.gross.amount, t.taxIncluded]).toEqual([3500, 140, 3640, false]);
    expect(lineTotals(fsm[0]!)).toEqual({ net: 2000, tax: 80, gross: 2080, itemTotal: 2000 });
  });

  it('an order discount before tax shrinks the tax held, fees are added as they are', () => {
    const t = orderTotals(
      order({ lines: fsm, taxInclusive: true, discount: { percent: 10 }, discountBeforeTax: true, fees: [{ name: 'Delivery', amount: 500 }] }),
    );
    // 3,500 less 350 is 3,150 holding 4/104 of it per line: 69.23 + 34.62 + 17.31 → 69 + 35 + 17.
    expect([t.net.amount, t.discount.amount, t.tax.amount, t.fees.amount, t.gross.amount]).toEqual([3500, 350, 121, 500, 3650]);
  });

  it('a tax-exempt customer pays the inclusive price and no tax is held in it', () => {
    const t = orderTotals(order({ lines: fsm, taxInclusive: true, taxExempt: true }));
    expect([t.tax.amount, t.gross.amount]).toEqual([0, 3500]);
  });
});

describe("the organization's tax rounding", () => {
  // zoho.com/expense/kb/expense/change-tax-amount.html: tax rounded per line (12.35 + 12.35 = 24.70)
  // against tax on the whole amount, rounded once.
  const tax10 = { taxId: 't10', taxes: [{ id: 't10', name: 'Tax 10%', percent: 10, compound: false }] };
  const lines = [line('a', 12345, tax10), line('b', 12345, tax10)];

  it('per line: each line 12.345 → 12.35, the order 24.70', () => {
    expect(orderTotals(order({ lines })).tax.amount).toBe(2470);
    expect(orderTotals(order({ lines, taxRounding: 'line' })).tax.amount).toBe(2470);
  });

  it('per document: 24.69 once, and the total follows', () => {
    const t = orderTotals(order({ lines, taxRounding: 'document' }));
    expect([t.tax.amount, t.gross.amount]).toEqual([2469, 24690 + 2469]);
  });

  it('anything else is refused, naming the field', () => {
    const bad = OrderSchema.safeParse({ ...order({}), taxRounding: 'invoice' });
    expect(bad.error?.issues.map((i) => i.path.join('.'))).toEqual(['taxRounding']);
  });
});

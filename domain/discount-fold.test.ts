/**
 * Order discounts: alone they are Zoho's per-document discount; beside line discounts they are
 * shared out into the lines' amounts, to the minor unit; what Zoho cannot take is refused by the
 * schema with the field named.
 */
import { OrderSchema, orderDocument, orderTotals, shareOut, type OrderInput } from './index';

const base = (over: Partial<OrderInput> = {}): OrderInput => ({
  id: '00000000-0000-4000-8000-0000000000aa',
  customer: { zohoContactId: '1', name: 'Shop' },
  currency: 'USD',
  lines: [
    { itemId: 'a', name: 'A', quantity: 3, unitPrice: 1000, taxPercent: 10 },
    { itemId: 'b', name: 'B', quantity: 1, unitPrice: 2000 },
  ],
  createdAt: '2026-12-01T09:00:00.000Z',
  ...over,
});

describe('shareOut', () => {
  it('shares in proportion, whole units adding up exactly, the remainder to the largest fractions', () => {
    expect(shareOut(100, [1, 1, 1])).toEqual([34, 33, 33]);
    expect(shareOut(10, [3000, 2000])).toEqual([6, 4]);
    expect(shareOut(7, [1, 2, 4])).toEqual([1, 2, 4]);
    expect(shareOut(0, [5, 5])).toEqual([0, 0]);
    expect(shareOut(5, [0, 0])).toEqual([0, 0]);
  });
});

describe('order discounts', () => {
  it('alone: one discount on the document, before tax by default (the taxable amount shrinks)', () => {
    const order = OrderSchema.parse(base({ discount: { percent: 10 } }));
    const doc = orderDocument(order);
    expect(doc).toMatchObject({ discountType: 'entity_level', discount: { percent: 10 }, discountBeforeTax: true });
    // Lines 3000 + 2000; 10 % is 500; line A's tax on 3000 less its 300 share: 270.
    expect(orderTotals(order)).toMatchObject({ net: { amount: 5000 }, discount: { amount: 500 }, tax: { amount: 270 }, gross: { amount: 4770 } });
  });

  it('after tax: taxed on the whole lines, the discount off the total', () => {
    const order = OrderSchema.parse(base({ discount: { amount: 500 }, discountBeforeTax: false }));
    expect(orderTotals(order)).toMatchObject({ net: { amount: 5000 }, discount: { amount: 500 }, tax: { amount: 300 }, gross: { amount: 4800 } });
  });

  it('beside a line discount: folded into line amounts, the same figures as a before-tax order discount', () => {
    const lines = [{ itemId: 'a', name: 'A', quantity: 3, unitPrice: 1000, taxPercent: 10, discountPercent: 10 }, base().lines[1]!];
    const order = OrderSchema.parse(base({ lines, discount: { percent: 5 } }));
    const doc = orderDocument(order);
    expect(doc.discountType).toBe('item_level');
    // A: 3000 − 10 % = 2700; B: 2000; 5 % of 4700 = 235, shared 135 / 100.
    expect(doc.lines.map((l) => l.discount)).toEqual([{ amount: 300 + 135 }, { amount: 100 }]);
    expect(orderTotals(order)).toMatchObject({ net: { amount: 4700 }, discount: { amount: 235 }, tax: { amount: 257 }, gross: { amount: 4722 } });
  });

  it('a line discounted to nothing by its share says so as 100 % (a fractional quantity has no whole-unit gross)', () => {
    const order = OrderSchema.parse(
      base({
        lines: [{ itemId: 'a', name: 'A', quantity: 1.5, unitPrice: 333, discountAmount: 1 }],
        discount: { amount: 499 },
      }),
    );
    expect(orderDocument(order).lines[0]!.discount).toEqual({ percent: 100 });
    expect(orderTotals(order).gross.amount).toBe(0);
  });
});

describe('what Zoho would refuse is refused, the field named', () => {
  const issues = (input: OrderInput) => {
    const r = OrderSchema.safeParse(input);
    return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  };

  it('a line discount above 100 %, or a percentage and an amount together, or more than the line', () => {
    const line = base().lines[0]!;
    expect(issues(base({ lines: [{ ...line, discountPercent: 120 }] }))[0]).toMatch(/^lines\.0\.discountPercent: /);
    expect(issues(base({ lines: [{ ...line, discountPercent: 10, discountAmount: 50 }] }))).toEqual([
      'lines.0.discountAmount: a line takes a discount percentage or an amount, not both',
    ]);
    expect(issues(base({ lines: [{ ...line, discountAmount: 3001 }] }))).toEqual([
      'lines.0.discountAmount: the discount must not be more than the line (quantity × unit price)',
    ]);
  });

  it('an order discount above 100 % or above the lines, or after tax beside line discounts', () => {
    expect(issues(base({ discount: { percent: 101 } }))[0]).toMatch(/^discount/);
    expect(issues(base({ discount: { amount: 5001 } }))).toEqual(["discount.amount: the order discount must not be more than the lines' total"]);
    const lines = [{ ...base().lines[0]!, discountPercent: 5 }];
    expect(issues(base({ lines, discount: { percent: 5 }, discountBeforeTax: false }))[0]).toMatch(
      /^discountBeforeTax: an order discount after tax cannot be combined with line discounts/,
    );
    expect(issues(base({ discount: { percent: 5, amount: 1 } as never }))[0]).toMatch(/^discount/);
  });
});

describe('the warnings the rep sent the order anyway with', () => {
  const issues = (input: OrderInput) => {
    const r = OrderSchema.safeParse(input);
    return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  };
  const warning = { rule: 'stock', message: 'Oak Shelf: only 2 in stock at this location' };

  it('travel on the order, at most 20, each one line of at most 300', () => {
    expect(issues(base({ acceptedWarnings: [warning] }))).toEqual([]);
    expect(OrderSchema.parse(base({ acceptedWarnings: [warning] })).acceptedWarnings).toEqual([warning]);
    expect(issues(base({ acceptedWarnings: Array.from({ length: 21 }, () => warning) }))[0]).toMatch(/^acceptedWarnings: /);
    expect(issues(base({ acceptedWarnings: [{ ...warning, message: 'x'.repeat(301) }] }))[0]).toMatch(/^acceptedWarnings\.0\.message: /);
    expect(issues(base({ acceptedWarnings: [{ ...warning, message: 'two\nlines' }] }))[0]).toMatch(/^acceptedWarnings\.0\.message: /);
    expect(issues(base({ acceptedWarnings: [{ ...warning, rule: 'Not A Rule!' }] }))[0]).toMatch(/^acceptedWarnings\.0\.rule: /);
  });
});

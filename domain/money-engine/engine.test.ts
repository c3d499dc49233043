/**
 * The money engine against Zoho's own worked examples (sources in types.ts and
 * price-selection.ts), one rule each. These, with the sandbox's tests of the same examples, are
 * what make the agreement test meaningful: both sides could otherwise share a misreading.
 */
import { rateToMinor } from '../pricing';
import { appliedTax, bracketRate, convertFromBase, documentTotals, markPercentage, type AppliedTax, type EngineDocument, type TaxSetting } from '.';

const tax = (id: string, percent: number, compound = false): AppliedTax => ({ id, components: [{ id, name: id, percent, compound }] });
const group = (id: string, ...members: Array<[string, number, boolean?]>): AppliedTax => ({
  id,
  components: members.map(([mid, percent, compound]) => ({ id: mid, name: mid, percent, compound: !!compound })),
});
const doc = (over: Partial<EngineDocument>): EngineDocument => ({ currency: 'USD', lines: [], ...over });

describe('tax groups and compound taxes (Zoho KB: tax group vs compound tax)', () => {
  test('a group: $100 at state 5 % + federal 10 % is $15 of tax, $115', () => {
    const t = documentTotals(doc({ lines: [{ quantity: 1, rate: 10000, tax: group('g', ['state', 5], ['federal', 10]) }] }));
    expect(t).toMatchObject({ subTotal: 10000, taxTotal: 1500, total: 11500 });
    expect(t.taxes).toEqual([
      { taxId: 'state', name: 'state', amount: 500 },
      { taxId: 'federal', name: 'federal', amount: 1000 },
    ]);
  });

  test('compound: state 5 %, then federal 10 % on $105: $115.50', () => {
    const t = documentTotals(doc({ lines: [{ quantity: 1, rate: 10000, tax: group('g', ['state', 5], ['federal', 10, true]) }] }));
    expect(t).toMatchObject({ taxTotal: 1550, total: 11550 });
    expect(t.lines[0]!.taxes.map((x) => x.amount)).toEqual([500, 1050]);
  });
});

describe('tax-exclusive and tax-inclusive rates (Zoho FSM: tax and discount preferences)', () => {
  const lines = [20_00, 10_00, 5_00].map((rate) => ({ quantity: 1, rate, tax: tax('t4', 4) }));

  test('exclusive: $20 + $10 + $5 at 4 % is $0.80 + $0.40 + $0.20 of tax on a $35 sub total', () => {
    const t = documentTotals(doc({ lines }));
    expect(t.lines.map((l) => l.taxAmount)).toEqual([80, 40, 20]);
    expect(t).toMatchObject({ subTotal: 3500, taxTotal: 140, total: 3640 });
  });

  test('inclusive: the $35 sub total holds $1.35 of tax (0.769 + 0.384 + 0.192, rounded once), and the total is $35', () => {
    const t = documentTotals(doc({ lines, inclusiveTax: true, taxRounding: 'document' }));
    expect(t).toMatchObject({ subTotal: 3500, taxTotal: 135, total: 3500 });
  });

  test('inclusive, rounded per line: 0.77 + 0.38 + 0.19', () => {
    const t = documentTotals(doc({ lines, inclusiveTax: true, taxRounding: 'line' }));
    expect(t.lines.map((l) => l.taxAmount)).toEqual([77, 38, 19]);
    expect(t).toMatchObject({ taxTotal: 134, total: 3500 });
  });

  test('"Tax Amount = Price inclusive of tax × Tax rate ÷ (100 + Tax rate)": $108.25 at 8.25 % holds $8.25', () => {
    const t = documentTotals(doc({ lines: [{ quantity: 1, rate: 10825, tax: tax('s', 8.25) }], inclusiveTax: true }));
    expect(t).toMatchObject({ taxTotal: 825, total: 10825 });
  });
});

describe('rounding (Zoho expense KB: changing the tax amount; community: tax on the rounded price)', () => {
  const lines = [12345, 12346].map((rate) => ({ quantity: 1, rate, tax: tax('t10', 10) }));

  test('per line: 12.345 → 12.35 and 12.346 → 12.35, $24.70 of tax, $271.61', () => {
    expect(documentTotals(doc({ lines, taxRounding: 'line' }))).toMatchObject({ subTotal: 24691, taxTotal: 2470, total: 27161 });
  });

  test('per document: 10 % of $246.91 is $24.69', () => {
    expect(documentTotals(doc({ lines, taxRounding: 'document' }))).toMatchObject({ taxTotal: 2469, total: 27160 });
  });

  test('a rate of 54.54545 is kept as 54.55 and taxed 5.46 at 10 %: $60.01', () => {
    const rate = rateToMinor(54.54545, 'AUD');
    expect(rate).toBe(5455);
    expect(documentTotals(doc({ currency: 'AUD', lines: [{ quantity: 1, rate, tax: tax('gst', 10) }] }))).toMatchObject({ taxTotal: 546, total: 6001 });
  });
});

describe('discounts (Zoho API: sales order `discount`, `discount_type`, `is_discount_before_tax`)', () => {
  const one = (rate: number, t?: AppliedTax) => [{ quantity: 1, rate, ...(t ? { tax: t } : {}) }];

  test('"on Rs.1000, a 10% discount results in Rs.900, while a flat Rs.200 discount results in Rs.800"', () => {
    expect(documentTotals(doc({ currency: 'INR', lines: one(100000), discountType: 'entity_level', discount: { percent: 10 } })).total).toBe(90000);
    expect(documentTotals(doc({ currency: 'INR', lines: one(100000), discountType: 'entity_level', discount: { amount: 20000 } })).total).toBe(80000);
  });

  test('before tax the tax is on the discounted amount; after tax on the whole', () => {
    const base = { lines: one(20000, tax('s', 8.25)), discountType: 'entity_level' as const, discount: { percent: 10 } };
    expect(documentTotals(doc({ ...base, discountBeforeTax: true }))).toMatchObject({ discount: 2000, taxTotal: 1485, total: 19485 });
    expect(documentTotals(doc({ ...base, discountBeforeTax: false }))).toMatchObject({ discount: 2000, taxTotal: 1650, total: 19650 });
  });

  test('before tax, each line bears its share: 10 % off $60 + $40 taxes them as $54 and $36', () => {
    const t = documentTotals(
      doc({
        lines: [
          { quantity: 1, rate: 6000, tax: tax('a', 10) },
          { quantity: 1, rate: 4000, tax: tax('b', 5) },
        ],
        discountType: 'entity_level',
        discount: { amount: 1000 },
        discountBeforeTax: true,
      }),
    );
    expect(t.lines.map((l) => l.taxAmount)).toEqual([540, 180]);
    expect(t.total).toBe(10000 - 1000 + 720);
  });

  test('per item: "10%" of quantity × rate, or an amount off the line; an order discount then does not apply', () => {
    const t = documentTotals(
      doc({
        lines: [
          { quantity: 3, rate: 333, discount: { percent: 10 } }, // 999 − 99.9 = 899.1 → 899
          { quantity: 2, rate: 1000, discount: { amount: 150 } },
        ],
        discountType: 'item_level',
        discount: { percent: 50 },
      }),
    );
    expect(t.lines.map((l) => l.itemTotal)).toEqual([899, 1850]);
    expect(t).toMatchObject({ discount: 0, total: 2749 });
  });

  test('per document: line discounts do not apply', () => {
    const t = documentTotals(doc({ lines: [{ quantity: 1, rate: 1000, discount: { percent: 10 } }], discountType: 'entity_level' }));
    expect(t.total).toBe(1000);
  });
});

describe('exemptions, shipping, adjustment', () => {
  test('an exempt customer pays no tax on lines or shipping', () => {
    const t = documentTotals(
      doc({ lines: [{ quantity: 2, rate: 1000, tax: tax('s', 8.25) }], shipping: { amount: 500, tax: tax('s', 8.25) }, taxExempt: true }),
    );
    expect(t).toMatchObject({ taxTotal: 0, shippingTax: 0, total: 2500 });
  });

  test('shipping carries its own tax and no discount; the adjustment is added as sent', () => {
    const t = documentTotals(
      doc({
        lines: [{ quantity: 1, rate: 10000, tax: tax('s', 8.25) }],
        discountType: 'entity_level',
        discount: { percent: 10 },
        discountBeforeTax: true,
        shipping: { amount: 1000, tax: tax('r', 5) },
        adjustment: -33,
      }),
    );
    // 100 − 10 = 90 taxed 7.425 → 7.43; shipping 10 + 0.50; adjustment −0.33
    expect(t).toMatchObject({ subTotal: 10000, discount: 1000, shippingTax: 50, taxTotal: 793, total: 10000 - 1000 + 793 + 1000 - 33 });
  });
});

describe('price selection', () => {
  test('volume brackets: "1–9 units ₹100, 10–49 ₹90, 50+ ₹80"', () => {
    const brackets = [
      { startQuantity: 1, endQuantity: 9, rate: 10000 },
      { startQuantity: 10, endQuantity: 49, rate: 9000 },
      { startQuantity: 50, endQuantity: 0, rate: 8000 },
    ];
    expect([1, 9, 9.5, 10, 49, 50, 5000].map((q) => bracketRate(brackets, q))).toEqual([10000, 10000, 10000, 9000, 9000, 8000, 8000]);
    expect(bracketRate(brackets, 0.5)).toBeUndefined();
  });

  test('"$19 with a 5% markdown ... $18.05 ... round it off to the nearest whole number making it $18"', () => {
    expect(markPercentage(1900, 5, false, 'no_rounding', 'USD')).toBe(1805);
    expect(markPercentage(1900, 5, false, 'round_to_dollar', 'USD')).toBe(1800);
    expect(markPercentage(1900, 5, false, 'round_to_dollar_minus_01', 'USD')).toBe(1799);
  });

  test('"1 EUR = 1.28 USD": a $12.80 item is €10.00; $10.00 at 1.0825 is €9.24 (9.2379…)', () => {
    expect(convertFromBase(1280, 'USD', 'EUR', 1.28)).toBe(1000);
    expect(convertFromBase(1000, 'USD', 'EUR', 1.0825)).toBe(924);
    expect(convertFromBase(1000, 'USD', 'JPY', 0.0067)).toBe(1493); // 1492.54 yen
  });
});

describe('tax settings as the engine takes them', () => {
  const settings: Record<string, TaxSetting> = {
    state: { name: 'State', percent: 6, kind: 'tax' },
    county: { name: 'County', percent: 2.25, kind: 'tax' },
    city: { name: 'City', percent: 1, kind: 'compound_tax' },
    group: { name: 'All three', percent: 9.25, kind: 'tax_group', memberIds: ['state', 'county', 'city'] },
    broken: { name: 'Broken', percent: 5, kind: 'tax_group', memberIds: ['state', 'nope'] },
  };
  const lookup = (id: string) => settings[id];

  test('a group lists its members in order, the compound one flagged; an unknown id or member is no tax', () => {
    expect(appliedTax('group', lookup)?.components.map((c) => [c.id, c.percent, c.compound])).toEqual([
      ['state', 6, false],
      ['county', 2.25, false],
      ['city', 1, true],
    ]);
    expect(appliedTax('state', lookup)).toEqual({ id: 'state', components: [{ id: 'state', name: 'State', percent: 6, compound: false }] });
    expect(appliedTax('broken', lookup)).toBeUndefined();
    expect(appliedTax('nope', lookup)).toBeUndefined();
  });

  test("the demo organization's group on $100: 6 + 2.25, then 1 % of $108.25 = $9.33", () => {
    const t = documentTotals(doc({ lines: [{ quantity: 1, rate: 10000, tax: appliedTax('group', lookup)! }] }));
    expect(t.taxes.map((x) => x.amount)).toEqual([600, 225, 108]);
    expect(t.taxTotal).toBe(933);
  });
});

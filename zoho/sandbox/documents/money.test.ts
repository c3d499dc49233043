/**
 * The sandbox's money (pricing.ts, taxes.ts, totals.ts) against Zoho's own worked examples, in
 * Zoho's wire shapes. The domain engine has its own tests of the same examples
 * (domain/money-engine/engine.test.ts); the agreement test (test/money-agreement.test.ts) then
 * holds the two equal on random documents.
 */
import type { Item, Json, LineItem, PriceBook, Tax } from '../types';
import { priceLine, type LineCatalogue } from './pricing';
import { documentTotals, type TotalsContext } from './totals';

const tax = (tax_id: string, tax_percentage: number, tax_type: Tax['tax_type'] = 'tax', tax_ids?: string[]): Tax => ({
  tax_id,
  tax_name: tax_id,
  tax_percentage,
  tax_type,
  ...(tax_ids ? { tax_ids } : {}),
});
const TAXES: Tax[] = [
  tax('state', 5),
  tax('federal', 10),
  tax('federal-c', 10, 'compound_tax'),
  tax('group', 15, 'tax_group', ['state', 'federal']),
  tax('compound-group', 15, 'tax_group', ['state', 'federal-c']),
  tax('t4', 4),
  tax('t10', 10),
  tax('s825', 8.25),
  tax('r5', 5),
];
const item = (item_id: string, rate: number) => ({ item_id, name: item_id, rate, unit: 'pcs', tax_id: '' }) as unknown as Item;
const ITEMS = new Map([
  ['i19', item('i19', 19)],
  ['i1280', item('i1280', 12.8)],
  ['i100', item('i100', 100)],
]);

function catalogue(over: Partial<LineCatalogue> = {}): LineCatalogue {
  return {
    items: ITEMS,
    pricebook: undefined,
    taxes: TAXES,
    locations: [],
    documentLocationId: '',
    currencyCode: 'USD',
    precision: 2,
    exchangeRate: 1,
    baseCurrencyCode: 'USD',
    itemLevelDiscount: true,
    ...over,
  };
}

function totals(body: Json, opts: { perDocument?: boolean; exempt?: boolean; catalogue?: Partial<LineCatalogue> } = {}) {
  const itemLevel = body.discount_type !== 'entity_level';
  const lines: LineItem[] = (body.line_items as Json[]).map((l, k) => ({
    line_item_id: String(k),
    ...priceLine(l, k, catalogue({ itemLevelDiscount: itemLevel, ...opts.catalogue })),
  }));
  const ctx: TotalsContext = {
    taxes: TAXES,
    customer: { is_taxable: !opts.exempt },
    precision: 2,
    perDocumentTaxRounding: !!opts.perDocument,
  };
  return documentTotals(lines, body, ctx);
}

describe('tax groups and compound taxes (Zoho KB: tax group vs compound tax)', () => {
  test('$100 in a group of 5 % and 10 %: $15 of tax, $115; with the 10 % compound: $115.50', () => {
    const group = totals({ line_items: [{ name: 'x', rate: 100, quantity: 1, tax_id: 'group' }] });
    expect(group).toMatchObject({ sub_total: 100, tax_total: 15, total: 115 });
    expect(group.taxes).toEqual([
      { tax_id: 'state', tax_name: 'state', tax_amount: 5 },
      { tax_id: 'federal', tax_name: 'federal', tax_amount: 10 },
    ]);
    expect(totals({ line_items: [{ name: 'x', rate: 100, quantity: 1, tax_id: 'compound-group' }] })).toMatchObject({ tax_total: 15.5, total: 115.5 });
  });
});

describe('inclusive and exclusive rates (Zoho FSM: tax and discount preferences)', () => {
  const line_items = [20, 10, 5].map((rate) => ({ name: 'x', rate, quantity: 1, tax_id: 't4' }));
  test('exclusive: 0.80 + 0.40 + 0.20 on $35', () => {
    const t = totals({ line_items });
    expect(t.line_items.map((l) => l.tax_amount)).toEqual([0.8, 0.4, 0.2]);
    expect(t).toMatchObject({ sub_total: 35, tax_total: 1.4, total: 36.4 });
  });
  test('inclusive: the $35 sub total holds $1.35 (rounded once per document), 1.34 rounded per line', () => {
    expect(totals({ line_items, is_inclusive_tax: true }, { perDocument: true })).toMatchObject({ sub_total: 35, tax_total: 1.35, total: 35 });
    expect(totals({ line_items, is_inclusive_tax: true })).toMatchObject({ tax_total: 1.34, total: 35 });
  });
});

describe('rounding (Zoho expense KB; community: tax on the rounded price)', () => {
  const line_items = [123.45, 123.46].map((rate) => ({ name: 'x', rate, quantity: 1, tax_id: 't10' }));
  test('per line $24.70, per document $24.69', () => {
    expect(totals({ line_items })).toMatchObject({ sub_total: 246.91, tax_total: 24.7, total: 271.61 });
    expect(totals({ line_items }, { perDocument: true })).toMatchObject({ tax_total: 24.69, total: 271.6 });
  });
  test('a sent rate of 54.54545 is stored 54.55 and taxed 5.46', () => {
    const t = totals({ line_items: [{ name: 'x', rate: 54.54545, quantity: 1, tax_id: 't10' }] });
    expect(t.line_items[0]).toMatchObject({ rate: 54.55, tax_amount: 5.46 });
    expect(t.total).toBe(60.01);
  });
});

describe('discounts (Zoho API: discount, discount_type, is_discount_before_tax)', () => {
  test('on 1000, "10%" leaves 900 and 200 leaves 800', () => {
    const one = [{ name: 'x', rate: 1000, quantity: 1 }];
    expect(totals({ line_items: one, discount: '10%', discount_type: 'entity_level' }).total).toBe(900);
    expect(totals({ line_items: one, discount: 200, discount_type: 'entity_level' }).total).toBe(800);
  });
  test('before tax: 10 % off $200 taxed at 8.25 % on $180 ($14.85); after tax on $200 ($16.50)', () => {
    const body = { line_items: [{ name: 'x', rate: 200, quantity: 1, tax_id: 's825' }], discount: '10%', discount_type: 'entity_level' };
    expect(totals({ ...body, is_discount_before_tax: true })).toMatchObject({ discount_amount: 20, tax_total: 14.85, total: 194.85 });
    expect(totals({ ...body, is_discount_before_tax: false })).toMatchObject({ discount_amount: 20, tax_total: 16.5, total: 196.5 });
  });
  test('per item: "10%" of 3 × 3.33 leaves 8.99; an amount comes off the line; no document discount', () => {
    const t = totals({
      discount_type: 'item_level',
      discount: '50%',
      line_items: [
        { name: 'a', rate: 3.33, quantity: 3, discount: '10%' },
        { name: 'b', rate: 10, quantity: 2, discount: 1.5 },
      ],
    });
    expect(t.line_items.map((l) => l.item_total)).toEqual([8.99, 18.5]);
    expect(t).toMatchObject({ discount_amount: 0, total: 27.49 });
  });
});

describe('exemption, shipping, adjustment', () => {
  test('an exempt customer: no tax at all', () => {
    const t = totals(
      { line_items: [{ name: 'x', rate: 10, quantity: 2, tax_id: 's825' }], shipping_charge: 5, shipping_charge_tax_id: 's825' },
      { exempt: true },
    );
    expect(t).toMatchObject({ tax_total: 0, shipping_charge_tax: 0, total: 25 });
  });
  test('shipping taxed by its own tax, not discounted; adjustment as sent', () => {
    const t = totals({
      line_items: [{ name: 'x', rate: 100, quantity: 1, tax_id: 's825' }],
      discount: '10%',
      discount_type: 'entity_level',
      is_discount_before_tax: true,
      shipping_charge: 10,
      shipping_charge_tax_id: 'r5',
      adjustment: -0.33,
    });
    expect(t).toMatchObject({ sub_total: 100, discount_amount: 10, shipping_charge_tax: 0.5, tax_total: 7.93, total: 107.6 });
  });
});

describe('rates from price lists and the exchange rate', () => {
  const pricebook = (over: Partial<PriceBook>): PriceBook => ({
    pricebook_id: 'pb',
    name: 'pb',
    pricebook_type: 'per_item',
    sales_or_purchase_type: 'sales',
    pricing_scheme: 'unit',
    percentage: 0,
    is_increase: false,
    currency_id: 'usd',
    currency_code: 'USD',
    status: 'active',
    pricebook_items: [],
    ...over,
  });
  const rateOf = (l: Json, c: Partial<LineCatalogue>) => priceLine(l, 0, catalogue(c)).rate;

  test('volume: 1–9 at 100, 10–49 at 90, 50+ at 80', () => {
    const pb = pricebook({
      pricing_scheme: 'volume',
      pricebook_items: [
        {
          item_id: 'i100',
          pricebook_rate: 100,
          price_brackets: [
            { start_quantity: 1, end_quantity: 9, pricebook_rate: 100 },
            { start_quantity: 10, end_quantity: 49, pricebook_rate: 90 },
            { start_quantity: 50, end_quantity: 0, pricebook_rate: 80 },
          ],
        },
      ],
    });
    expect([1, 9, 10, 49, 50, 500].map((quantity) => rateOf({ item_id: 'i100', quantity }, { pricebook: pb }))).toEqual([100, 100, 90, 90, 80, 80]);
  });
  test('"$19 with a 5% markdown ... $18.05 ... nearest whole number ... $18"', () => {
    const pb = pricebook({ pricebook_type: 'fixed_percentage', percentage: 5 });
    expect(rateOf({ item_id: 'i19' }, { pricebook: pb })).toBe(18.05);
    expect(rateOf({ item_id: 'i19' }, { pricebook: { ...pb, rounding_type: 'round_to_dollar' } })).toBe(18);
  });
  test('"1 EUR = 1.28 USD": a $12.80 item costs a euro customer €10.00', () => {
    expect(rateOf({ item_id: 'i1280' }, { currencyCode: 'EUR', exchangeRate: 1.28 })).toBe(10);
    expect(rateOf({ item_id: 'i100' }, { currencyCode: 'EUR', exchangeRate: 1.0825 })).toBe(92.38); // 92.378…
  });
});

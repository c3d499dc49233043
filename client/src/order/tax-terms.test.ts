/**
 * The organization's tax terms on the device: the settings record says whether prices include tax
 * and how tax is rounded, and the order the draft makes carries both, so the cart's total is the
 * one the hub, the PDF and Zoho compute.
 */
import { orderTotals, type OrderLine, type SettingsRecord } from '../domain';
import { orderMoney, taxTermsOf } from './build';
import { emptyDraft } from './draft';

const settings = (over: Partial<SettingsRecord>): SettingsRecord => ({
  currency: 'USD',
  product: 'inventory',
  paymentMethods: [],
  fees: [],
  salesReps: [],
  defaults: { orderStatus: 'draft', quoteTarget: 'draft_salesorder' },
  ...over,
});
const taxed = (itemId: string, unitPrice: number): OrderLine => ({
  itemId,
  name: itemId,
  quantity: 1,
  unitPrice,
  taxId: 't10',
  taxPercent: 10,
  taxes: [{ id: 't10', name: 'Tax', percent: 10, compound: false }],
});
const draft = { ...emptyDraft('c'), lines: [{ itemId: 'a', quantity: '1' }] };

describe('tax terms from the settings record', () => {
  it('absent: exclusive prices, tax per line (nothing added to the order)', () => {
    expect(taxTermsOf(undefined)).toEqual({});
    expect(taxTermsOf(settings({}))).toEqual({});
  });

  it('inclusive prices: the order says so and the cart total is the prices', () => {
    const money = orderMoney(draft, [taxed('a', 1100)], 'USD', false, taxTermsOf(settings({ taxInclusive: true })));
    expect(money.taxInclusive).toBe(true);
    expect(orderTotals(money)).toMatchObject({ net: { amount: 1100 }, tax: { amount: 100 }, gross: { amount: 1100 }, taxIncluded: true });
    // The same price exclusive: 11.00 + 1.10.
    expect(orderTotals(orderMoney(draft, [taxed('a', 1100)], 'USD')).gross.amount).toBe(1210);
  });

  it('tax rounded per document: the order carries it, and three lines of 123.45 at 10 % come to 37.04 of tax, not 37.05', () => {
    const lines = ['a', 'b', 'c'].map((id) => taxed(id, 12345));
    const money = orderMoney(draft, lines, 'USD', false, taxTermsOf(settings({ taxRounding: 'document' })));
    expect(money.taxRounding).toBe('document');
    expect(orderTotals(money).tax.amount).toBe(3704);
    expect(orderTotals(orderMoney(draft, lines, 'USD')).tax.amount).toBe(3705);
  });
});

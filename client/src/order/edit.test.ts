/** Edit on a sent document: the draft it opens as builds the same money parts again, and remembers which document it is. */
import { orderTotals, type Order } from '../domain';
import { orderMoney } from './build';
import { checkDraft, hasProblems } from './checks';
import { draftFromOrder } from './edit';

const sent: Order = {
  id: '0b5e6c1a-1f0e-4c59-9a7e-2d4b8c9f1a2b',
  kind: 'order',
  customer: { zohoContactId: 'cust-1', name: 'Corner Goods', email: 'c1@example.test' },
  currency: 'EUR',
  lines: [
    { itemId: 'a', name: 'Widget', quantity: 2.5, unitPrice: 1010, taxPercent: 20, discountPercent: 12.5 },
    { itemId: 'b', name: 'Gadget', quantity: 3, unitPrice: 999, taxPercent: 20, discountAmount: 150 },
    { itemId: 'c', name: 'Bolt', quantity: 1, unitPrice: 50, taxPercent: 20 },
  ],
  fees: [{ name: 'Delivery', amount: 450 }],
  discount: { amount: 205 },
  discountBeforeTax: true,
  fromQuoteId: '4d1f0c3e-8b7a-4c2d-9e1f-0a1b2c3d4e5f',
  deliveryDate: '2099-01-31',
  deliveryAddress: { address: '1 Quay St', city: 'Portland' },
  locationId: 'loc-2',
  contactPerson: 'Ana Buyer',
  salesRep: 'Riley Rep',
  reference: 'PO-77',
  notes: 'Back door',
  createdAt: '2026-12-01T10:00:00.000Z',
};

describe('a sent document opened for editing', () => {
  it('types back its quantities, discounts, fees and details, and builds the same money parts', () => {
    const d = draftFromOrder(sent, 'cust-1');
    expect(d.lines).toEqual([
      { itemId: 'a', quantity: '2.5', discount: { kind: 'percent', value: '12.5' } },
      { itemId: 'b', quantity: '3', discount: { kind: 'amount', value: '1.50' } },
      { itemId: 'c', quantity: '1' },
    ]);
    expect(d.discount).toEqual({ kind: 'amount', value: '2.05' });
    expect(d.details).toMatchObject({
      fees: [{ name: 'Delivery', amount: '4.50' }],
      deliveryDate: '2099-01-31',
      deliveryAddress: { address: '1 Quay St', city: 'Portland' },
      locationId: 'loc-2',
      contactPerson: 'Ana Buyer',
      salesRep: 'Riley Rep',
      reference: 'PO-77',
      notes: 'Back door',
    });
    expect(hasProblems(checkDraft(d, 'EUR', new Date('2026-12-01T12:00:00Z')))).toBe(false);
    // The cart's own code on the draft: the same discounts and fees, so the same totals.
    const priced = sent.lines.map(({ discountPercent: _p, discountAmount: _a, ...l }) => l);
    const money = orderMoney(d, priced, 'EUR');
    expect(money).toEqual({ currency: 'EUR', lines: sent.lines, fees: sent.fees, discount: sent.discount, discountBeforeTax: true });
    expect(orderTotals(money)).toEqual(orderTotals(sent));
  });

  it('remembers the document: a revision keeps its id, kind, customer, creation time and quote', () => {
    const d = draftFromOrder({ ...sent, kind: 'quote', fromQuoteId: undefined }, 'cust-1');
    expect(d.kind).toBe('quote');
    expect(d.fromQuote).toBeUndefined();
    expect(d.editing).toEqual({
      id: sent.id,
      kind: 'quote',
      number: expect.stringMatching(/^QT-/),
      createdAt: sent.createdAt,
      customerId: 'cust-1',
      customer: sent.customer,
    });
    expect(draftFromOrder(sent, 'cust-1').fromQuote).toEqual({ id: sent.fromQuoteId, number: expect.stringMatching(/^QT-/) });
  });
});

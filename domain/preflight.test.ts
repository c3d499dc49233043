/** The pre-flight rules: each finds what it is for, at the policy set, and nothing when allowed or without its data. */
import { DEFAULT_POLICIES, preflight, summarize, type OrderPolicies, type PreflightContext, type PreflightOrder } from './index';

const order = (over: Partial<PreflightOrder> = {}): PreflightOrder => ({
  currency: 'USD',
  lines: [
    { itemId: 'a', name: 'A', quantity: 6, unitPrice: 1000 },
    { itemId: 'b', name: 'B', quantity: 1, unitPrice: 2000, taxPercent: 10 },
  ],
  ...over,
});
const ctx = (over: Partial<PreflightContext> = {}): PreflightContext => ({ role: 'rep', today: '2026-12-01', ...over });
const rules = (o: PreflightOrder, c: PreflightContext, p: OrderPolicies = DEFAULT_POLICIES) => preflight(o, p, c).map((f) => `${f.rule}:${f.policy}:${f.path}`);

describe('preflight', () => {
  it('finds nothing in an ordinary order', () => {
    expect(rules(order(), ctx({ customer: { active: true, creditLimit: 1_000_000, outstanding: 0 } }))).toEqual([]);
  });

  it('an inactive or held customer', () => {
    expect(rules(order(), ctx({ customer: { active: false } }))).toEqual(['customer_inactive:block:customer']);
    expect(rules(order(), ctx({ customer: { active: true, onHold: true } }))).toEqual(['customer_inactive:block:customer']);
  });

  it('over the credit left: limit less outstanding less unsent orders', () => {
    // The order is 6000 + 2000 + 200 tax = 8200.
    expect(rules(order(), ctx({ customer: { creditLimit: 10_000, outstanding: 1000 }, unsentTotal: 800 }))).toEqual([]);
    expect(rules(order(), ctx({ customer: { creditLimit: 10_000, outstanding: 1000 }, unsentTotal: 801 }))).toEqual(['credit_limit:warn:customer']);
    const [finding] = preflight(order(), DEFAULT_POLICIES, ctx({ customer: { name: 'Shop', creditLimit: 10_000, outstanding: 1000 }, unsentTotal: 801 }));
    expect(finding!.message).toBe("This order ($82.00) is over Shop's available credit ($81.99: the limit less what is outstanding and unsent)");
  });

  it("a discount above the role's limit needs approval; support has none", () => {
    const discounted = order({ discount: { percent: 16 } });
    expect(rules(discounted, ctx())).toEqual(['discount_limit:approve:discount']);
    expect(rules(order({ discount: { percent: 15 } }), ctx())).toEqual([]);
    expect(rules(discounted, ctx({ role: 'support' }))).toEqual([]);
    // Line and order discounts add up: 20 % off A (1200 of 8000) and 5 % of what is left (340): 19.25 %.
    const both = order({ lines: [{ ...order().lines[0]!, discountPercent: 20 }, order().lines[1]!], discount: { percent: 5 } });
    expect(preflight(both, DEFAULT_POLICIES, ctx())[0]!.message).toBe('A discount of 19.25 % is above the 15 % a rep may give');
  });

  it('a price below the floor, a quantity under the minimum or off the pack size, more than in stock', () => {
    const item = (id: string) => (id === 'a' ? { listPrice: 1500, minimumQuantity: 12, packSize: 4, stock: 5 } : undefined);
    expect(rules(order(), ctx({ item }))).toEqual([
      'price_floor:warn:lines.0.unitPrice',
      'minimum_quantity:block:lines.0.quantity',
      'pack_size:warn:lines.0.quantity',
      'stock:warn:lines.0.quantity',
    ]);
    expect(rules(order({ lines: [{ itemId: 'a', name: 'A', quantity: 0.3, unitPrice: 1500 }] }), ctx({ item: () => ({ packSize: 0.1 }) }))).toEqual([]);
  });

  it('a delivery date before the earliest allowed', () => {
    const policies = { ...DEFAULT_POLICIES, deliveryLeadDays: 2 };
    expect(rules(order({ deliveryDate: '2026-12-02' }), ctx(), policies)).toEqual(['delivery_date:block:deliveryDate']);
    expect(rules(order({ deliveryDate: '2026-12-03' }), ctx(), policies)).toEqual([]);
  });

  it('checks nothing a policy allows, and sorts what it finds', () => {
    const allowAll = { ...DEFAULT_POLICIES, rules: Object.fromEntries(Object.keys(DEFAULT_POLICIES.rules).map((r) => [r, 'allow'])) as OrderPolicies['rules'] };
    expect(rules(order({ discount: { percent: 50 } }), ctx({ customer: { active: false } }), allowAll)).toEqual([]);
    const s = summarize(preflight(order({ discount: { percent: 50 } }), DEFAULT_POLICIES, ctx({ customer: { active: false } })));
    expect([s.blocks.length, s.approvals.length, s.warnings.length]).toEqual([1, 1, 0]);
  });
  it("a quantity with more decimal places than the item's unit allows (Zoho's quantity_decimal_place), naming the quantity", () => {
    const line = (quantity: number) => order({ lines: [{ itemId: 'a', name: 'Rope', quantity, unitPrice: 100 }] });
    const metres = ctx({ item: () => ({ quantityDecimals: 2, unit: 'm' }) });
    const pieces = ctx({ item: () => ({ quantityDecimals: 0, unit: 'pcs' }) });
    expect(rules(line(2.55), metres)).toEqual([]);
    expect(rules(line(0.1 + 0.2), metres)).toEqual([]); // 0.30000000000000004 as typed 0.3
    expect(rules(line(2.555), metres)).toEqual(['unit_decimals:block:lines.0.quantity']);
    expect(preflight(line(2.555), DEFAULT_POLICIES, metres)[0]!.message).toBe(
      'Rope: the quantity 2.555 m has more decimal places than the unit m allows (at most 2)',
    );
    expect(rules(line(3), pieces)).toEqual([]);
    expect(preflight(line(2.5), DEFAULT_POLICIES, pieces)[0]!.message).toBe('Rope: the quantity 2.5 pcs must be a whole number of pcs');
    // A unit Zoho says nothing about, or the rule allowed: not checked.
    expect(rules(line(2.5), ctx({ item: () => ({}) }))).toEqual([]);
    expect(rules(line(2.5), pieces, { ...DEFAULT_POLICIES, rules: { ...DEFAULT_POLICIES.rules, unit_decimals: 'allow' } })).toEqual([]);
  });
});

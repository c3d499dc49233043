/**
 * The cart's discounts and the device's pre-flight, in Node: what the form says of a discount, the
 * order the draft makes (its totals are the cart's), and the facts pre-flight is given.
 */
import { DEFAULT_POLICIES, orderTotals, type Order, type OrderLine, type SettingsRecord } from '../domain';
import type { OutboxEntry } from '../store/outbox';
import type { CustomerView, ItemView } from '../store/dataset';
import { discountProblems, orderMoney } from './build';
import { checkDraft, hasProblems, parseDiscount } from './checks';
import { emptyDraft, type Draft } from './draft';
import { accepted, acceptedWarnings, runPreflight, stockAt, unsentTotal, type DeviceFacts } from './preflight';

const line = (itemId: string, over: Partial<OrderLine> = {}): OrderLine => ({
  itemId,
  name: `Item ${itemId}`,
  quantity: 2,
  unitPrice: 1000,
  taxPercent: 19,
  ...over,
});
const draftOf = (over: Partial<Draft> = {}): Draft => ({
  ...emptyDraft('cust-1'),
  lines: [
    { itemId: 'a', quantity: '2' },
    { itemId: 'b', quantity: '1' },
  ],
  ...over,
});
const noProblems = () => ({ quantity: {}, discount: {}, fees: {} });

describe('a discount as the rep types it', () => {
  it('reads a percentage or an amount, and names what is wrong', () => {
    expect(parseDiscount({ kind: 'percent', value: '10' }, 'EUR')).toEqual({ value: { percent: 10 } });
    expect(parseDiscount({ kind: 'percent', value: ' 12,5 % ' }, 'EUR')).toEqual({ value: { percent: 12.5 } });
    expect(parseDiscount({ kind: 'amount', value: '5.00' }, 'EUR')).toEqual({ value: { amount: 500 } });
    expect(parseDiscount({ kind: 'amount', value: '' }, 'EUR')).toEqual({ value: undefined });
    expect(parseDiscount({ kind: 'percent', value: '0' }, 'EUR')).toEqual({ value: undefined });
    expect(parseDiscount(undefined, 'EUR')).toEqual({ value: undefined });
    expect(parseDiscount({ kind: 'percent', value: '120' }, 'EUR')).toEqual({ problem: 'At most 100\u00a0%' });
    expect(parseDiscount({ kind: 'percent', value: '-5' }, 'EUR')).toEqual({ problem: 'Cannot be negative' });
    expect(parseDiscount({ kind: 'amount', value: '-5' }, 'EUR')).toEqual({ problem: 'Cannot be negative' });
    expect(parseDiscount({ kind: 'percent', value: '1.234' }, 'EUR')).toEqual({ problem: 'At most 2 decimals' });
    expect(parseDiscount({ kind: 'amount', value: '1.234' }, 'EUR')).toEqual({ problem: 'At most 2 decimals' });
    expect(parseDiscount({ kind: 'amount', value: '5%' }, 'EUR')).toEqual({ problem: expect.any(String) });
    expect(parseDiscount({ kind: 'amount', value: '9'.repeat(20) }, 'EUR')).toEqual({ problem: 'The amount is too large' });
  });

  it('checkDraft names a bad line discount by item and a bad order discount; nothing is created', () => {
    const p = checkDraft(
      draftOf({ lines: [{ itemId: 'a', quantity: '2', discount: { kind: 'percent', value: '150' } }], discount: { kind: 'amount', value: 'x' } }),
      'EUR',
    );
    expect(p.discount).toEqual({ a: 'At most 100\u00a0%' });
    expect(p.orderDiscount).toBe('Enter an amount like 4.50');
    expect(hasProblems(p)).toBe(true);
  });
});

describe('the order the draft makes', () => {
  const lines = [line('a'), line('b', { quantity: 1, unitPrice: 5000 })];

  it('carries each line’s discount, the order discount and the fees, and its totals are the order’s', () => {
    const d = draftOf({
      lines: [
        { itemId: 'a', quantity: '2', discount: { kind: 'percent', value: '10' } },
        { itemId: 'b', quantity: '1', discount: { kind: 'amount', value: '5' } },
      ],
      discount: { kind: 'percent', value: '5' },
      details: { ...emptyDraft().details, fees: [{ name: 'Delivery', amount: '4.50' }] },
    });
    const money = orderMoney(d, lines, 'EUR');
    expect(money.lines.map((l) => [l.discountPercent, l.discountAmount])).toEqual([
      [10, undefined],
      [undefined, 500],
    ]);
    expect(money).toMatchObject({ discount: { percent: 5 }, discountBeforeTax: true, fees: [{ name: 'Delivery', amount: 450 }] });
    const t = orderTotals(money);
    // Lines 1800 + 4500 = 6300; 5 % off is 315; tax 19 % on 5985 = 1137.15; fee 450.
    expect([t.net.amount, t.discount.amount, t.fees.amount]).toEqual([6300, 315, 450]);
    expect(t.gross.amount).toBe(6300 - 315 + t.tax.amount + 450);
    const problems = noProblems();
    discountProblems(money, problems);
    expect(hasProblems({ ...problems })).toBe(false);
  });

  it('leaves out what is typed wrong, and the domain’s rules name a discount above its line and after tax beside line discounts', () => {
    const over = orderMoney(draftOf({ lines: [{ itemId: 'a', quantity: '2', discount: { kind: 'amount', value: '25' } }] }), [line('a')], 'EUR');
    const p = noProblems() as ReturnType<typeof checkDraft>;
    discountProblems(over, p);
    expect(p.discount).toEqual({ a: 'The discount must not be more than the line (quantity × unit price)' });

    const orderOver = orderMoney(draftOf({ discount: { kind: 'amount', value: '100' } }), lines, 'EUR');
    const q = noProblems() as ReturnType<typeof checkDraft>;
    discountProblems(orderOver, q);
    expect(q.orderDiscount).toBe("The order discount must not be more than the lines' total");

    const afterTax = orderMoney(
      draftOf({
        lines: [{ itemId: 'a', quantity: '2', discount: { kind: 'percent', value: '5' } }],
        discount: { kind: 'percent', value: '5' },
        discountBeforeTax: false,
      }),
      [line('a')],
      'EUR',
    );
    const r = noProblems() as ReturnType<typeof checkDraft>;
    discountProblems(afterTax, r);
    expect(r.discountBeforeTax).toMatch(/^An order discount after tax cannot be combined with line discounts/);

    const typo = orderMoney(draftOf({ discount: { kind: 'percent', value: 'ten' } }), lines, 'EUR');
    expect(typo.discount).toBeUndefined();
  });
});

describe('pre-flight on the device', () => {
  const order: Order = {
    id: '3b241101-e2bb-4255-8caf-4136c566a962',
    kind: 'order',
    customer: { zohoContactId: 'c1', name: 'Harbour Café' },
    currency: 'EUR',
    lines: [line('a', { quantity: 5, unitPrice: 10_000 }), line('b', { quantity: 3 })],
    createdAt: '2026-06-15T10:00:00.000Z',
  };
  const item = (id: string, over: Partial<ItemView> = {}): ItemView => ({ id, name: `Item ${id}`, rate: 1000, currency: 'EUR', ...over });
  const settings = (over: Partial<SettingsRecord> = {}): SettingsRecord => ({
    currency: 'USD',
    product: 'inventory',
    paymentMethods: [],
    fees: [],
    salesReps: [],
    defaults: { orderStatus: 'draft', quoteTarget: 'estimate', locationId: 'loc-2' },
    ...over,
  });
  const entry = (over: Partial<OutboxEntry>): OutboxEntry => ({
    id: 'e1',
    kind: 'order',
    body: order,
    customerId: 'c1',
    customerName: 'Harbour Café',
    total: { amount: 100_000, currency: 'EUR' },
    createdAt: order.createdAt,
    seq: 1,
    state: 'queued',
    attempts: 0,
    ...over,
  });
  const customer: CustomerView = { id: 'c1', name: 'Harbour Café', currency: 'EUR', detailed: true };
  const facts = (over: Partial<DeviceFacts> = {}): DeviceFacts => ({
    order,
    customerId: 'c1',
    customer,
    settings: settings(),
    locations: new Map([
      ['loc-1', { name: 'Main', primary: true }],
      ['loc-2', { name: 'North', primary: false }],
    ]),
    items: new Map([
      ['a', { item: item('a'), listPrice: 10_000 }],
      ['b', { item: item('b'), listPrice: 1000 }],
    ]),
    outbox: [],
    role: 'rep',
    now: new Date(2026, 5, 15, 12),
    ...over,
  });

  it('checks nothing it has no data for: a plain order passes', () => {
    expect(runPreflight(facts())).toEqual({ blocks: [], approvals: [], warnings: [] });
  });

  it('blocks an inactive customer and one on hold', () => {
    expect(runPreflight(facts({ customer: { ...customer, active: false } })).blocks.map((f) => f.message)).toEqual([
      'Harbour Café is inactive in Zoho: no orders can be taken for them',
    ]);
    expect(runPreflight(facts({ customer: { ...customer, onHold: true } })).blocks[0]!.rule).toBe('customer_inactive');
  });

  it('counts the customer’s unsent orders on the device against their credit (same customer, currency, orders only)', () => {
    const outbox = [
      entry({ id: '1' }),
      entry({ id: '2', state: 'rejected' }),
      entry({ id: '3', state: 'sent' }),
      entry({ id: '4', customerId: 'other' }),
      entry({ id: '5', kind: 'quote' }),
      entry({ id: '6', total: { amount: 5, currency: 'USD' } }),
    ];
    expect(unsentTotal(outbox, 'c1', 'EUR')).toBe(200_000);
    const total = orderTotals(order).gross.amount;
    const limited = { ...customer, creditLimit: total + 150_000, outstanding: 0 };
    expect(runPreflight(facts({ customer: limited })).warnings).toEqual([]);
    const over = runPreflight(facts({ customer: limited, outbox }));
    expect(over.warnings.map((f) => f.rule)).toEqual(['credit_limit']);
    // A limit in another currency than the order's is not compared.
    expect(runPreflight(facts({ customer: { ...limited, currency: 'USD' }, outbox })).warnings).toEqual([]);
  });

  it('gives the items’ minimum, pack size, list price and the stock at the default location', () => {
    const stocked = item('a', { minimumQuantity: 10, packSize: 4, stock: { total: 100, at: { 'loc-1': 90, 'loc-2': 2 } } });
    expect(stockAt(stocked, settings(), facts().locations)).toBe(2);
    expect(stockAt(stocked, settings(), facts().locations, 'loc-1')).toBe(90); // chosen on the order (Ship from)
    expect(stockAt(stocked, settings({ defaults: { orderStatus: 'draft', quoteTarget: 'estimate' } }), facts().locations)).toBe(90);
    expect(stockAt(item('x', { stock: { total: 7 } }), settings(), facts().locations)).toBe(7);
    expect(stockAt(item('x'), settings(), facts().locations)).toBeUndefined();
    const r = runPreflight(facts({ items: new Map([['a', { item: stocked, listPrice: 20_000 }]]) }));
    expect(r.blocks.map((f) => f.rule)).toEqual(['minimum_quantity']);
    // Shipped from the location that has them: no stock warning.
    const fromMain = runPreflight(facts({ order: { ...order, locationId: 'loc-1' }, items: new Map([['a', { item: stocked, listPrice: 20_000 }]]) }));
    expect(fromMain.warnings.map((f) => f.rule)).toEqual(['price_floor', 'pack_size']);
    expect(r.warnings.map((f) => [f.rule, f.path])).toEqual([
      ['price_floor', 'lines.0.unitPrice'],
      ['pack_size', 'lines.0.quantity'],
      ['stock', 'lines.0.quantity'],
    ]);
  });

  it("blocks a quantity the item's unit does not take (Zoho's decimal places), naming it, before anything is sent", () => {
    const halves = { ...order, lines: order.lines.map((l, i) => (i === 0 ? { ...l, quantity: 2.5 } : l)) };
    const crate = item('a', { unit: 'pcs', quantityDecimals: 0 });
    const r = runPreflight(facts({ order: halves, items: new Map([['a', { item: crate, listPrice: 0 }]]) }));
    expect(r.blocks.map((f) => [f.rule, f.path])).toEqual([['unit_decimals', 'lines.0.quantity']]);
    expect(r.blocks[0]!.message).toContain('2.5 pcs must be a whole number');
    const kilos = item('a', { unit: 'kg', quantityDecimals: 3 });
    expect(runPreflight(facts({ order: halves, items: new Map([['a', { item: kilos, listPrice: 0 }]]) })).blocks).toEqual([]);
  });

  it('uses the policies of the settings, else the defaults, and the rep’s discount limit', () => {
    const discounted = { ...order, discount: { percent: 20 } };
    expect(runPreflight(facts({ order: discounted })).approvals.map((f) => f.rule)).toEqual(['discount_limit']);
    const policies = { ...DEFAULT_POLICIES, rules: { ...DEFAULT_POLICIES.rules, discount_limit: 'block' as const } };
    expect(runPreflight(facts({ order: discounted, settings: settings({ policies }) })).blocks.map((f) => f.rule)).toEqual(['discount_limit']);
    expect(runPreflight(facts({ order: discounted, role: 'admin' })).approvals).toEqual([]);
  });

  it('sends only with every warning seen, and records them within the schema’s bounds', () => {
    const w = { rule: 'stock' as const, policy: 'warn' as const, path: 'lines.0.quantity', message: 'Item a: only 2 in stock at this location' };
    expect(accepted([w], undefined)).toBe(false);
    expect(accepted([w], [w])).toBe(true);
    expect(accepted([w, { ...w, path: 'lines.1.quantity' }], [w])).toBe(false);
    expect(accepted([], undefined)).toBe(true);
    const many = Array.from({ length: 25 }, (_, i) => ({ ...w, message: `${'x'.repeat(400)} ${i}` }));
    const recorded = acceptedWarnings(many);
    expect(recorded).toHaveLength(20);
    expect(recorded.every((r) => r.message.length === 300 && r.rule === 'stock')).toBe(true);
    expect(acceptedWarnings([w])).toEqual([{ rule: 'stock', message: w.message }]);
  });
});

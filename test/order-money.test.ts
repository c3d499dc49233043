/**
 * The device's total is Zoho's total, through the real path: random Satchel orders (line discounts
 * as percentages and amounts, order discounts before and after tax, both levels together, simple,
 * compound and group taxes, fees, fractional quantities, the customers' currencies, tax-exempt
 * customers, prices that include their tax, tax rounded per line or per document as the
 * organization is set) totalled by the
 * domain (what the cart, the hub and the PDF show), mapped by the default mappings of Inventory and
 * Books (sales order and estimate), and POSTed to a live sandbox, which computes like Zoho and
 * shares no code with domain/. Sub total, discount, tax and total must agree to the minor unit.
 * Under the other reading of Inventory (line discounts dropped), they must not: the difference the
 * workflow then notes on the timeline (workflows/activities/zoho.ts) is real.
 *
 * ORDER_MONEY_SEED picks the seed, ORDER_MONEY_CASES the count per target; a failure prints its case seed.
 */
import { SANDBOX_DEMO } from '../config';
import { appliedTax, fromDecimal, OrderSchema, orderTotals, type Order, type OrderInput, type TaxSetting } from '../domain';
import { applyMapping, defaultMapping, type MappingTarget } from '../mappings';
import type { Contact, SandboxData, Tax } from '../zoho/sandbox/types';
import { sandboxAccessToken, startSandbox, type RunningSandbox } from '../zoho/testing';
import { chance, int, oneOf, prng } from './support/random';

const SEED = Number(process.env.ORDER_MONEY_SEED ?? 20261201);
const CASES = Number(process.env.ORDER_MONEY_CASES ?? 400);

function taxSetting(data: SandboxData): (id: string) => TaxSetting | undefined {
  const byId = new Map(data.taxes.map((t: Tax) => [t.tax_id, t]));
  return (id) => {
    const t = byId.get(id);
    return t && { name: t.tax_name, percent: t.tax_percentage, kind: t.tax_type, memberIds: t.tax_ids };
  };
}

/** A random order for one of the organization's taxable customers, in the customer's currency. */
function drawOrder(seed: number, data: SandboxData, customers: Contact[]): Order {
  const r = prng(seed);
  const customer = oneOf(r, customers);
  const currency = data.currencies!.find((c) => c.currency_id === customer.currency_id)!.currency_code;
  const lookup = taxSetting(data);
  const lines = Array.from({ length: int(r, 1, 6) }, () => {
    const item = oneOf(r, data.items);
    const quantity = chance(r, 0.85) ? int(r, 1, 40) : int(r, 1, 200) / 4;
    const unitPrice = int(r, 1, 60_000);
    const line: OrderInput['lines'][number] = { itemId: item.item_id, name: item.name, quantity, unitPrice };
    // The item's own tax, as the device prices it (Zoho applies it to a line that names none); now and then another one.
    const tax = appliedTax(chance(r, 0.3) ? oneOf(r, data.taxes).tax_id : item.tax_id, lookup);
    if (tax) Object.assign(line, { taxId: tax.id, taxes: tax.components.map((c) => ({ ...c })) });
    if (chance(r, 0.35)) line.discountPercent = int(r, 1, 500) / 10;
    else if (chance(r, 0.2)) line.discountAmount = int(r, 0, Math.floor((quantity * unitPrice) / 3));
    return line;
  });
  const input: OrderInput = {
    id: crypto.randomUUID(),
    customer: { zohoContactId: customer.contact_id, name: customer.contact_name },
    currency,
    lines,
    createdAt: '2026-12-01T09:00:00.000Z',
    // As the device's copy of the customer says (server/catalogue/zoho-records.ts: is_taxable false or an exemption).
    ...(customer.is_taxable === false || customer.tax_exemption_id ? { taxExempt: true } : {}),
  };
  if (chance(r, 0.6)) {
    input.discount = chance(r, 0.6) ? { percent: int(r, 1, 300) / 10 } : { amount: int(r, 0, 2000) };
    const lineDiscounts = lines.some((l) => l.discountPercent || l.discountAmount);
    input.discountBeforeTax = lineDiscounts || chance(r, 0.6);
  }
  if (chance(r, 0.4)) input.fees = [{ name: 'Delivery', amount: int(r, 0, 3000) }];
  // The organization's preferences, as the device's settings carry them onto the order.
  if (chance(r, 0.3)) input.taxInclusive = true;
  if (chance(r, 0.3)) input.taxRounding = 'document';
  const parsed = OrderSchema.safeParse(input);
  if (!parsed.success) throw new Error(`case seed ${seed} drew an order the schema refuses: ${parsed.error.message}`);
  return parsed.data;
}

const TARGETS: Array<{ target: MappingTarget; path: string; key: 'salesorder' | 'estimate' }> = [
  { target: 'inventory.salesorder', path: '/inventory/v1/salesorders', key: 'salesorder' },
  { target: 'books.salesorder', path: '/books/v3/salesorders', key: 'salesorder' },
  { target: 'books.estimate', path: '/books/v3/estimates', key: 'estimate' },
];

interface ZohoDocument {
  custom_fields?: Array<{ api_name?: string; value?: unknown }>;
  is_inclusive_tax?: boolean;
  sub_total: number;
  discount_amount: number;
  tax_total: number;
  total: number;
  currency_code: string;
}

let zs: RunningSandbox;
let token: string;
let data: SandboxData;
let customers: Contact[];

beforeAll(async () => {
  zs = await startSandbox({ seed: { items: 60, customers: 40 } });
  zs.sandbox.limits.configure({ perWindow: 1_000_000, windowMs: 60_000, perDay: 1_000_000, concurrency: 10, tokenRequests: 10 });
  token = await sandboxAccessToken(zs.url);
  data = zs.sandbox.store.snapshot();
  // Tax rounding per line (as the order's document says); exempt customers too (the order says so, as the device's copy does).
  customers = data.contacts.filter((c) => c.contact_type === 'customer' && c.status === 'active');
});
afterAll(async () => {
  await zs?.close();
});

async function post(path: string, key: string, order: Order, target: MappingTarget, mapping = defaultMapping(target)): Promise<ZohoDocument> {
  // Zoho rounds as the organization is set (no request field says it): the sandbox's organization is set as the order says.
  zs.sandbox.store.snapshot().organization.tax_rounding = order.taxRounding === 'document' ? 'entity_level' : 'item_level';
  const { payload, problems } = await applyMapping(mapping, order, { number: `${key === 'estimate' ? 'QT' : 'SO'}-${order.id.slice(0, 8)}` });
  if (problems.length) throw new Error(`mapping problems: ${JSON.stringify(problems)}`);
  const url = new URL(`${zs.url}${path}`);
  url.searchParams.set('organization_id', SANDBOX_DEMO.organizationId);
  url.searchParams.set('ignore_auto_number_generation', 'true');
  const res = await fetch(url, {
    method: 'POST',
    headers: { Authorization: `Zoho-oauthtoken ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(payload),
  });
  const answer = (await res.json()) as Record<string, unknown> & { message: string };
  if (res.status !== 201) throw new Error(`HTTP ${res.status} ${answer.message}\n${JSON.stringify(payload, null, 2)}`);
  return answer[key] as ZohoDocument;
}

/** The device's figures and Zoho's, in minor units. */
function figures(order: Order, doc: ZohoDocument) {
  const t = orderTotals(order);
  const m = (v: number) => fromDecimal(v, order.currency);
  // What the lines come to after every discount: Zoho's sub total less its document discount (a
  // folded order discount is in the lines' own amounts, and Zoho's document discount is then 0).
  return {
    device: { afterDiscounts: t.net.amount - t.discount.amount, tax: t.tax.amount, total: t.gross.amount },
    zoho: { afterDiscounts: m(doc.sub_total) - m(doc.discount_amount ?? 0), tax: m(doc.tax_total), total: m(doc.total) },
  };
}

describe.each(TARGETS)('orders mapped for $target total as Zoho totals them', ({ target, path, key }) => {
  beforeAll(() => {
    zs.sandbox.store.readings = { ...zs.sandbox.store.readings, inventoryLineDiscounts: 'honour' };
    zs.sandbox.store.snapshot().organization.tax_rounding = 'item_level';
  });

  test(`${CASES} random orders (seed ${SEED})`, async () => {
    const drawn = {
      lineDiscount: 0,
      orderDiscount: 0,
      both: 0,
      afterTax: 0,
      groups: 0,
      foreign: 0,
      fractional: 0,
      exempt: 0,
      inclusive: 0,
      perDocument: 0,
      inclusiveDiscounted: 0,
    };
    for (let i = 0; i < CASES; i++) {
      const seed = (SEED + i * 7919) >>> 0;
      const order = drawOrder(seed, data, customers);
      const doc = await post(path, key, order, target);
      expect(doc.currency_code).toBe(order.currency);
      const { device, zoho } = figures(order, doc);
      if (JSON.stringify(device) !== JSON.stringify(zoho)) {
        throw new Error(
          `case seed ${seed} (ORDER_MONEY_SEED=${SEED}): device ${JSON.stringify(device)}, Zoho ${JSON.stringify(zoho)}\n${JSON.stringify(order, null, 2)}`,
        );
      }
      const lineDiscount = order.lines.some((l) => l.discountPercent || l.discountAmount);
      drawn.lineDiscount += lineDiscount ? 1 : 0;
      drawn.orderDiscount += order.discount ? 1 : 0;
      drawn.both += order.discount && lineDiscount ? 1 : 0;
      drawn.afterTax += order.discount && order.discountBeforeTax === false ? 1 : 0;
      drawn.groups += order.lines.some((l) => (l.taxes?.length ?? 0) > 1) ? 1 : 0;
      drawn.foreign += order.currency !== 'USD' ? 1 : 0;
      drawn.fractional += order.lines.some((l) => !Number.isInteger(l.quantity)) ? 1 : 0;
      drawn.exempt += order.taxExempt ? 1 : 0;
      drawn.inclusive += order.taxInclusive ? 1 : 0;
      drawn.perDocument += order.taxRounding === 'document' ? 1 : 0;
      drawn.inclusiveDiscounted += order.taxInclusive && (order.discount || lineDiscount) ? 1 : 0;
    }
    console.log(`order money (${target}): ${CASES} orders agree with the sandbox (seed ${SEED}); of them ${JSON.stringify(drawn)}`);
    for (const [rule, n] of Object.entries(drawn)) expect([rule, n > 0]).toEqual([rule, true]);
  });
});

describe('Inventory dropping line discounts (the other reading of its description)', () => {
  afterAll(() => {
    zs.sandbox.store.readings = { ...zs.sandbox.store.readings, inventoryLineDiscounts: 'honour' };
  });

  test("an order with a line discount then totals differently in Zoho, so the workflow's check has something to catch", async () => {
    zs.sandbox.store.readings = { ...zs.sandbox.store.readings, inventoryLineDiscounts: 'ignore' };
    const customer = customers.find((c) => data.currencies!.find((x) => x.currency_id === c.currency_id)?.currency_code === 'USD')!;
    const item = data.items[0]!;
    const tax = appliedTax(item.tax_id, taxSetting(data));
    const line = { itemId: item.item_id, name: item.name, quantity: 2, unitPrice: 5000, ...(tax ? { taxId: tax.id, taxes: [...tax.components] } : {}) };
    const order = OrderSchema.parse({
      id: crypto.randomUUID(),
      customer: { zohoContactId: customer.contact_id, name: customer.contact_name },
      currency: 'USD',
      lines: [{ ...line, discountPercent: 10 }],
      createdAt: '2026-12-01T09:00:00.000Z',
    });
    const { device, zoho } = figures(order, await post('/inventory/v1/salesorders', 'salesorder', order, 'inventory.salesorder'));
    // Zoho totals the line undiscounted; the device, with its 10 %.
    const undiscounted = orderTotals({ ...order, lines: [line] }).gross.amount;
    expect(zoho.total).toBe(undiscounted);
    expect(device.total).toBeLessThan(undiscounted);
  });
});

describe.each(TARGETS)('the payment method and the tax terms reach $target', ({ target, path, key }) => {
  test('the payment method goes to the custom field ORDER_PAYMENT_METHOD_FIELD names; inclusive prices arrive as is_inclusive_tax', async () => {
    const customer = customers.find((c) => data.currencies!.find((x) => x.currency_id === c.currency_id)?.currency_code === 'USD' && !c.tax_exemption_id)!;
    const item = data.items[0]!;
    const order = OrderSchema.parse({
      id: crypto.randomUUID(),
      customer: { zohoContactId: customer.contact_id, name: customer.contact_name },
      currency: 'USD',
      lines: [{ itemId: item.item_id, name: item.name, quantity: 2, unitPrice: 1100 }],
      paymentMethod: 'Card',
      taxInclusive: true,
      createdAt: '2026-12-01T09:00:00.000Z',
    });
    const doc = await post(path, key, order, target, defaultMapping(target, { paymentMethodField: 'cf_payment_method' }));
    expect(doc.custom_fields).toEqual([expect.objectContaining({ api_name: 'cf_payment_method', value: 'Card' })]);
    expect(doc.is_inclusive_tax).toBe(true);
    // Not named: nothing is sent for it.
    expect((await post(path, key, { ...order, id: crypto.randomUUID() }, target)).custom_fields ?? []).toEqual([]);
  });
});

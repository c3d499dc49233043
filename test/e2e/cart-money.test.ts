/**
 * "The money is right", end to end in Chromium on the real stack: a EUR customer of the demo
 * organization, a line with the compound tax group and a plain one, a line discount, an order
 * discount and a fee; the total the cart shows is the total of the sales order that arrives in
 * the Zoho sandbox, to the cent. Then pre-flight: a line over the stock at the order's location
 * is a warning the rep sends anyway, and the warning travels on the order (`acceptedWarnings`);
 * a discount above the rep's limit goes, telling the rep it will wait for the office's approval.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { documentNumber } from '../../domain';
import { seedData } from '../../zoho/sandbox/seed';
import { TAX_GROUP_ID } from '../../zoho/sandbox/seed-settings';
import { eventually } from '../support/temporal';
import { AxeLog } from './support/axe';
import { clickText, docStatuses, fill, launch, waitForSelector, waitForText, type Session } from './support/browser';
import { startProxy, type Proxy } from './support/proxy';
import { scenario } from './support/scenario';
import { startStack, syncCatalogue, type RunningStack } from './support/stack';

jest.setTimeout(420_000);

const PORTS = { hub: 3370, sandbox: 3470, smtp: 1175, mailWeb: 8175, temporal: 7383, temporalUi: 8383 };
const PROXY_PORT = 3379;
const SIZE = { items: 300, customers: 60 };

// The demo organization the sandbox is seeded with: pick from it what the test needs.
const demo = seedData(SIZE);
const customFields = (it: (typeof demo.items)[number]) => (it as { custom_fields?: Array<{ api_name: string }> }).custom_fields ?? [];
/** Sold one at a time (no minimum, no pack), in stock everywhere, not a variant (one row, one + in the list): pre-flight has nothing to say of it. */
const plain = (it: (typeof demo.items)[number]) =>
  it.status === 'active' && !it.group_id && customFields(it).length === 0 && (it.locations ?? []).every((l) => Number(l.location_available_stock) >= 20);
const grouped = demo.items.find((it) => it.tax_id === TAX_GROUP_ID && plain(it))!;
const simple = demo.items.find((it) => it.tax_id !== TAX_GROUP_ID && Number(it.tax_percentage) > 0 && plain(it) && it !== grouped)!;
const scarce = demo.items.find((it) => plain(it) && it !== grouped && it !== simple)!;
const euroCustomer = demo.contacts.find((c) => c.currency_code === 'EUR' && c.status === 'active' && !c.credit_limit && c.is_taxable !== false)!;

let stack: RunningStack;
let proxy: Proxy;
let tmp: string;
let s: Session | undefined;
let steps: ReturnType<typeof scenario>;
const axe = new AxeLog();

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'satchel-e2e-money-'));
  stack = await startStack(PORTS, { ZOHO_SANDBOX_ITEMS: String(SIZE.items), ZOHO_SANDBOX_CUSTOMERS: String(SIZE.customers) });
  const hub = new URL(stack.hubUrl);
  proxy = await startProxy({ host: hub.hostname, port: Number(hub.port) }, PROXY_PORT);
  steps = scenario({ proxy, stack, axe });
  await syncCatalogue(stack.hubUrl);
});

afterAll(async () => {
  if (axe.screens.size) console.log(axe.summary());
  await s?.browser.close().catch(() => undefined);
  await proxy?.close();
  await stack?.stop();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

const line = (itemId: string) => `.cart-line[data-item-id="${itemId}"]`;

/** The cart's total as shown, and in minor units. */
async function cartTotal(session: Session) {
  await waitForSelector(session.page, '[data-testid="total"]');
  return session.page.$eval('[data-testid="total"]', (el) => ({
    text: el.textContent!,
    minor: Number((el as HTMLElement).dataset.amount),
    currency: (el as HTMLElement).dataset.currency,
  }));
}

/** Create Order, and the id of the order that appeared on the device. */
async function createOrder(session: Session, before: Set<string>, button = 'Create Order'): Promise<string> {
  await clickText(session.page, 'button', button);
  await waitForText(session.page, '[data-testid="flash"]', 'saved on this device', 30_000);
  let id: string | undefined;
  await eventually(
    async () => {
      const after = await docStatuses(session.page);
      id = Object.keys(after).find((k) => !before.has(k) && after[k]!.kind === 'order');
      return id ? true : undefined;
    },
    { timeoutMs: 15_000, intervalMs: 200, what: 'the new order to be listed' },
  );
  return id!;
}

async function chooseCustomer(session: Session, name: string): Promise<void> {
  await session.page.goto(`${proxy.url}/#/customers`);
  await fill(session.page, 'input[type="search"]', name);
  await clickText(session.page, '[data-testid="customer-list"] li .row-main', name);
  await waitForSelector(session.page, '[data-testid="product-search"]');
}

/** The device's POST of an order, once it has gone. */
const postOf = (id: string) =>
  eventually(async () => proxy.seen.find((r) => r.method === 'POST' && r.path === '/api/orders' && r.body?.includes(id)), {
    timeoutMs: 60_000,
    intervalMs: 500,
    what: `order ${id} to be sent`,
  });

/** The sandbox's sales order of a device order (by its document number), once it has arrived. */
async function salesOrderOf(id: string) {
  const number = documentNumber('order', id);
  return eventually(
    async () => {
      const state = (await (await fetch(`${stack.sandboxUrl}/__sandbox/state`)).json()) as { salesorders: Array<Record<string, unknown>> };
      return state.salesorders.find((so) => JSON.stringify(so).includes(`"${number}"`));
    },
    { timeoutMs: 150_000, intervalMs: 1000, what: `sales order ${number} in the sandbox` },
  );
}

describe('the money is right (Chromium)', () => {
  it('the demo organization has what the test needs', () => {
    expect({ grouped: !!grouped, simple: !!simple, scarce: !!scarce, euroCustomer: !!euroCustomer }).toEqual({
      grouped: true,
      simple: true,
      scarce: true,
      euroCustomer: true,
    });
  });

  it('sends a EUR order with a tax group, a line discount, an order discount and a fee; Zoho’s total is the cart’s', async () => {
    s = await launch('chromium', path.join(tmp, 'chromium'));
    await steps.signInAndSync(s.driver);
    await chooseCustomer(s, euroCustomer.contact_name);
    await steps.addProduct(s.driver, grouped.sku!);
    await steps.addProduct(s.driver, simple.sku!);
    await s.page.goto(`${proxy.url}/#/cart`);
    await waitForSelector(s.page, line(simple.item_id));
    await fill(s.page, `${line(grouped.item_id)} input[name="quantity"]`, '3');

    // What the form refuses, next to the field, before anything is created.
    await fill(s.page, `#discount-${grouped.item_id}`, '150');
    await waitForText(s.page, `#discount-${grouped.item_id}-error`, 'At most 100\u00a0%');
    expect(await s.page.$eval(`#discount-${grouped.item_id}`, (el) => [el.getAttribute('aria-invalid'), el.getAttribute('aria-describedby')])).toEqual([
      'true',
      `discount-${grouped.item_id}-error`,
    ]);
    await clickText(s.page, 'button', 'Create Order');
    await waitForText(s.page, '[data-testid="draft-problems"]', 'At most 100\u00a0%');
    await s.page.select(`#discount-${simple.item_id}-kind`, 'amount');
    await fill(s.page, `#discount-${simple.item_id}`, '100000');
    await waitForText(s.page, `#discount-${simple.item_id}-error`, 'must not be more than the line');
    await axe.check(s.driver, 'cart with discount problems');
    await fill(s.page, `#discount-${simple.item_id}`, '');
    await s.page.select(`#discount-${simple.item_id}-kind`, 'percent');

    // 10 % off the tax-group line, 5.00 off the order (before tax: after tax is refused beside line discounts).
    await fill(s.page, `#discount-${grouped.item_id}`, '10');
    await s.page.select('#order-discount-kind', 'amount');
    await fill(s.page, '#order-discount', '5.00');
    expect(await s.page.$eval('input[name="discountBeforeTax"][value="after"]', (el) => (el as HTMLInputElement).disabled)).toBe(true);
    await waitForText(s.page, '#after-tax-note', 'not possible while lines have their own discount');
    await waitForSelector(s.page, '[data-testid="total-discount"]');
    await waitForSelector(s.page, `${line(grouped.item_id)} [data-testid="line-tax"]`);

    // A fee on the details screen; back in the cart the totals hold it.
    await clickText(s.page, 'button', 'Next');
    await clickText(s.page, 'button', '+ Other fee');
    await fill(s.page, '.fee input:not([inputmode])', 'Delivery');
    await fill(s.page, '.fee input[inputmode="decimal"]', '7.50');
    await clickText(s.page, '.actions button', 'Back');
    await waitForText(s.page, '[data-testid="total-fees"]', '7.50');
    await axe.check(s.driver, 'cart with discounts');
    const shown = await cartTotal(s);
    expect(shown.currency).toBe('EUR');
    expect(shown.minor).toBeGreaterThan(0);

    const id = await createOrder(s, new Set(Object.keys(await docStatuses(s.page))));
    const posted = JSON.parse((await postOf(id)).body!);
    expect(posted).toMatchObject({ currency: 'EUR', discount: { amount: 500 }, discountBeforeTax: true, fees: [{ name: 'Delivery', amount: 750 }] });
    expect(posted.lines.find((l: { itemId: string }) => l.itemId === grouped.item_id)).toMatchObject({ quantity: 3, discountPercent: 10 });
    expect(posted.acceptedWarnings).toBeUndefined();
    const so = await salesOrderOf(id);
    expect({ currency: so.currency_code, total: Math.round(Number(so.total) * 100) }).toEqual({ currency: 'EUR', total: shown.minor });
    expect(s.errors).toEqual([]);
  });

  it('a warning (more than the stock) is shown with Send anyway, and the accepted warning travels on the order', async () => {
    const page = s!.page;
    await chooseCustomer(s!, euroCustomer.contact_name);
    await steps.addProduct(s!.driver, scarce.sku!);
    await page.goto(`${proxy.url}/#/cart`);
    const stock = (scarce.locations ?? []).reduce((n, l) => n + Number(l.location_available_stock), 0);
    await fill(page, `${line(scarce.item_id)} input[name="quantity"]`, String(stock + 1));
    const before = new Set(Object.keys(await docStatuses(page)));
    const posts = () => proxy.seen.filter((r) => r.method === 'POST' && r.path === '/api/orders').length;
    const postsBefore = posts();
    await clickText(page, 'button', 'Create Order');
    await waitForSelector(page, '[data-testid="preflight"][data-outcome="warn"]');
    expect(await page.$eval('[data-testid="preflight"]', (el) => [el.getAttribute('role'), el.textContent])).toEqual([
      'alert',
      expect.stringContaining('in stock at this location'),
    ]);
    await axe.check(s!.driver, 'cart with a pre-flight warning');
    // Nothing was created or sent: the rep decides first.
    expect(await page.$('[data-testid="flash"]')).toBeNull();
    expect(posts()).toBe(postsBefore);

    const id = await createOrder(s!, before, 'Send anyway');
    expect(JSON.parse((await postOf(id)).body!).acceptedWarnings).toEqual([{ rule: 'stock', message: expect.stringContaining('in stock at this location') }]);
    await salesOrderOf(id);
    expect(s!.errors).toEqual([]);
  });

  it('a discount above the rep’s limit goes, and the rep is told it will wait for approval by the office', async () => {
    const page = s!.page;
    await steps.addProduct(s!.driver, simple.sku!);
    await page.goto(`${proxy.url}/#/cart`);
    await fill(page, '#order-discount', '20'); // the default limit for a rep is 15 %
    await waitForSelector(page, '[data-testid="total-discount"]');
    await clickText(page, 'button', 'Create Order');
    await waitForText(page, '[data-testid="flash"]', 'It will wait for approval by the office');
    await axe.check(s!.driver, 'orders after an approval');
    expect(s!.errors).toEqual([]);
    expect(axe.blocking()).toEqual([]);
  });
});

/**
 * The organization's terms end to end in Chromium on the real stack: the hub is set to sell at
 * tax-inclusive prices (ZOHO_PRICES_INCLUDE_TAX) and to send the payment method to the demo's
 * custom field (ORDER_PAYMENT_METHOD_FIELD). The cart says the tax is included and totals the
 * prices; the details screen offers the configured payment methods and shows the customer's
 * payment terms; the sales order that arrives in the Zoho sandbox is tax-inclusive, has the cart's
 * total to the cent and the payment method in its custom field.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { documentNumber } from '../../domain';
import { seedData } from '../../zoho/sandbox/seed';
import { eventually } from '../support/temporal';
import { AxeLog } from './support/axe';
import { clickText, docStatuses, fill, launch, waitForSelector, waitForText, type Session } from './support/browser';
import { startProxy, type Proxy } from './support/proxy';
import { scenario } from './support/scenario';
import { startStack, syncCatalogue, type RunningStack } from './support/stack';

jest.setTimeout(420_000);

const PORTS = { hub: 3520, sandbox: 3620, smtp: 3525, mailWeb: 3526, temporal: 3527, temporalUi: 3528 };
const PROXY_PORT = 3529;
const SIZE = { items: 300, customers: 60 };

const demo = seedData(SIZE);
const customFields = (it: (typeof demo.items)[number]) => (it as { custom_fields?: Array<{ api_name: string }> }).custom_fields ?? [];
/** A taxed item pre-flight has nothing to say of: no minimum or pack, in stock, not a variant. */
const taxed = demo.items.find(
  (it) =>
    it.status === 'active' &&
    !it.group_id &&
    Number(it.tax_percentage) > 0 &&
    customFields(it).length === 0 &&
    (it.locations ?? []).every((l) => Number(l.location_available_stock) >= 20),
)!;
const customer = demo.contacts.find(
  (c) =>
    c.currency_code === 'USD' &&
    c.status === 'active' &&
    !c.credit_limit &&
    !c.pricebook_id &&
    c.is_taxable !== false &&
    !c.tax_exemption_id &&
    c.payment_terms_label,
)!;

let stack: RunningStack;
let proxy: Proxy;
let tmp: string;
let s: Session | undefined;
const axe = new AxeLog();

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'satchel-e2e-terms-'));
  stack = await startStack(PORTS, {
    ZOHO_SANDBOX_ITEMS: String(SIZE.items),
    ZOHO_SANDBOX_CUSTOMERS: String(SIZE.customers),
    ZOHO_PRICES_INCLUDE_TAX: 'true',
    PAYMENT_METHODS: 'Cash,Card,On account',
    ORDER_PAYMENT_METHOD_FIELD: 'cf_payment_method',
  });
  const hub = new URL(stack.hubUrl);
  proxy = await startProxy({ host: hub.hostname, port: Number(hub.port) }, PROXY_PORT);
  await syncCatalogue(stack.hubUrl);
});

afterAll(async () => {
  if (axe.screens.size) console.log(axe.summary());
  await s?.browser.close().catch(() => undefined);
  await proxy?.close();
  await stack?.stop();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

describe("the organization's terms (Chromium)", () => {
  it('the demo organization has what the test needs', () => {
    expect({ taxed: !!taxed, customer: !!customer }).toEqual({ taxed: true, customer: true });
  });

  it('tax-inclusive prices: the cart totals the prices, says the tax is included, and Zoho holds the same total; the payment method reaches its custom field', async () => {
    const steps = scenario({ proxy, stack, axe });
    s = await launch('chromium', path.join(tmp, 'chromium'));
    await steps.signInAndSync(s.driver);
    await s.page.goto(`${proxy.url}/#/customers`);
    await fill(s.page, 'input[type="search"]', customer.contact_name);
    await clickText(s.page, '[data-testid="customer-list"] li .row-main', customer.contact_name);
    await waitForSelector(s.page, '[data-testid="product-search"]');
    await steps.addProduct(s.driver, taxed.sku!);
    await s.page.goto(`${proxy.url}/#/cart`);
    const row = `.cart-line[data-item-id="${taxed.item_id}"]`;
    await waitForSelector(s.page, row);
    await fill(s.page, `${row} input[name="quantity"]`, '3');
    await waitForSelector(s.page, '[data-testid="total-tax"][data-included="true"]');
    const figures = await s.page.$eval('[data-testid="totals"]', (el) => ({
      text: el.textContent!,
      net: el.querySelector('[data-testid="total-net"]')!.textContent!,
      total: el.querySelector('[data-testid="total"]')!.textContent!,
      minor: Number((el.querySelector('[data-testid="total"]') as HTMLElement).dataset.amount),
    }));
    expect(figures.text).toContain('Tax included');
    // The prices hold the tax: the total is the lines' amount, nothing is added.
    expect(figures.total).toBe(figures.net);
    expect(figures.minor).toBe(3 * Math.round(taxed.rate * 100)); // a customer without a price list: the item's rate
    await axe.check(s.driver, 'cart with tax-inclusive prices');

    // Details: the configured payment methods, and the customer's terms in Zoho.
    await clickText(s.page, 'button', 'Next');
    await waitForText(s.page, '[data-testid="payment-terms"]', customer.payment_terms_label!);
    expect(await s.page.$$eval('select[name="paymentMethod"] option', (os) => os.map((o) => o.textContent))).toEqual([
      'Not specified',
      'Cash',
      'Card',
      'On account',
    ]);
    await s.page.select('select[name="paymentMethod"]', 'Card');
    await axe.check(s.driver, 'details with payment terms');

    const before = new Set(Object.keys(await docStatuses(s.page)));
    await clickText(s.page, 'button', 'Create Order');
    await waitForText(s.page, '[data-testid="flash"]', 'saved on this device', 30_000);
    let id: string | undefined;
    await eventually(
      async () => {
        const after = await docStatuses(s!.page);
        id = Object.keys(after).find((k) => !before.has(k) && after[k]!.kind === 'order');
        return id ? true : undefined;
      },
      { timeoutMs: 15_000, intervalMs: 200, what: 'the new order to be listed' },
    );
    const posted = await eventually(async () => proxy.seen.find((r) => r.method === 'POST' && r.path === '/api/orders' && r.body?.includes(id!)), {
      timeoutMs: 60_000,
      intervalMs: 500,
      what: 'the order to be sent',
    });
    expect(JSON.parse(posted.body!)).toMatchObject({
      taxInclusive: true,
      paymentMethod: 'Card',
      paymentTerms: customer.payment_terms,
      paymentTermsLabel: customer.payment_terms_label,
    });
    const number = documentNumber('order', id!);
    const so = await eventually(
      async () => {
        const state = (await (await fetch(`${stack.sandboxUrl}/__sandbox/state`)).json()) as { salesorders: Array<Record<string, unknown>> };
        return state.salesorders.find((x) => JSON.stringify(x).includes(`"${number}"`));
      },
      { timeoutMs: 150_000, intervalMs: 1000, what: `sales order ${number} in the sandbox` },
    );
    expect({ inclusive: so.is_inclusive_tax, total: Math.round(Number(so.total) * 100) }).toEqual({ inclusive: true, total: figures.minor });
    expect(Number(so.tax_total)).toBeGreaterThan(0);
    expect(so.custom_fields).toEqual([expect.objectContaining({ api_name: 'cf_payment_method', value: 'Card' })]);
    expect(s.errors).toEqual([]);
  });
});

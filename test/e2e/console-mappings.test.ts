/**
 * The console's field mappings end to end, in Chromium, on the real stack (Temporal, worker, hub,
 * Zoho sandbox, mail catcher): an admin adds the payment method to the Inventory sales order as
 * the organization's "Payment method" custom field through a lookup table, watches the preview
 * change, is refused a broken expression at its row, saves; an order goes to Zoho with the custom
 * field; the admin rolls back, and the next order goes without it. Ports 3330-3336 only.
 */
import type { Page } from 'puppeteer-core';
import type { OrderDetail, OrderInput } from '../../domain';
import { eventually } from '../support/temporal';
import { clickText, waitForText, type Session } from './support/browser';
import { ADMIN, REP, retype, signInToConsole, startConsoleRig, type ConsoleRig } from './support/console';
import { apiSession, type RunningStack } from './support/stack';

jest.setTimeout(300_000);

const PORTS = { hub: 3330, sandbox: 3331, smtp: 3332, mailWeb: 3333, temporal: 3334, temporalUi: 3335 };
let rig: ConsoleRig;
let stack: RunningStack;
let session: Session;

beforeAll(async () => {
  rig = await startConsoleRig(
    'mappings',
    PORTS,
    { WORKER_METRICS_PORT: '3336', ZOHO_SANDBOX_ITEMS: '30', ZOHO_SANDBOX_CUSTOMERS: '10' },
    { width: 1400, height: 1000 },
  );
  ({ stack, session } = rig);
});

afterAll(async () => {
  await rig?.stop();
});

interface SandboxSalesOrder {
  salesorder_number: string;
  custom_fields: Array<{ api_name?: string; label?: string; value?: unknown }>;
}

/** A rep's order paid by card, through the hub; resolves once Zoho has its sales order. */
async function sendOrder(): Promise<{ detail: OrderDetail; salesOrder: SandboxSalesOrder }> {
  const rep = await apiSession(stack.hubUrl, REP.email, REP.password);
  const order = { ...(await rep.get<OrderInput>('/api/dev/sample-order')), paymentMethod: 'card' };
  const res = await rep.post('/api/orders', order);
  expect(res.status).toBe(201);
  const detail = await eventually(
    async () => {
      const { order: d } = await rep.get<{ order: OrderDetail }>(`/api/orders/${order.id}`);
      if (d.stage === 'needs_attention') throw new Error(`order needs attention: ${d.attentionReason}`);
      return d.zohoNumber ? d : undefined;
    },
    { timeoutMs: 90_000, intervalMs: 500, what: 'the order to reach Zoho' },
  );
  const state = (await (await fetch(`${stack.sandboxUrl}/__sandbox/state`)).json()) as { salesorders: SandboxSalesOrder[] };
  const salesOrder = state.salesorders.find((so) => so.salesorder_number === detail.zohoNumber);
  if (!salesOrder) throw new Error(`no sales order ${detail.zohoNumber} in the sandbox`);
  return { detail, salesOrder };
}

const previewText = (page: Page) => page.$eval('[data-test="preview-payload"]', (el) => el.textContent ?? '');

/** The last row of the document fields table. */
const lastRow = (page: Page) => page.$$eval('table[data-list="fields"] tbody tr', (rows) => rows.length);

async function select(page: Page, label: string, value: string) {
  await page.waitForSelector(`select[aria-label="${label}"]`);
  await page.select(`select[aria-label="${label}"]`, value);
}

const type = (page: Page, label: string, text: string) => retype(page, `[aria-label="${label}"]`, text);

it('adds a custom field through a lookup table, sees the preview change, saves, sends, rolls back', async () => {
  const { page, errors } = session;
  await signInToConsole(page, stack.hubUrl, ADMIN);
  await clickText(page, 'nav a', 'Mappings');
  await waitForText(page, '[data-test="active-version"]', 'the default file (version 0)');
  await waitForText(page, '[data-test="preview-status"]', 'Valid');
  expect(await previewText(page)).not.toContain('cf_payment_method');

  // A custom field row, from the organization's list in Zoho
  const before = await lastRow(page);
  await clickText(page, 'button', 'Add a custom field');
  const n = before + 1;
  expect(await lastRow(page)).toBe(n);
  await select(page, `Zoho field of row ${n}`, 'custom_fields.cf_payment_method');

  // A broken expression: the preview marks its row; Save is refused at that row and nothing changes
  await select(page, `Source of row ${n}`, 'expression');
  await type(page, `Value of row ${n}`, 'paymentMethod = ');
  await waitForText(page, `tr[data-row="fields[${n - 1}]"] .row-problem`, 'expression does not compile');
  await clickText(page, 'button', 'Save as a new version');
  await waitForText(page, '[data-test="mapping-message"]', 'was not saved');
  await waitForText(page, `tr[data-row="fields[${n - 1}]"] .row-problem`, 'expression does not compile');
  await waitForText(page, '[data-test="active-version"]', 'version 0');

  // The lookup table: the order's payment method → the dropdown's value in Zoho
  await select(page, `Source of row ${n}`, 'lookup');
  await type(page, `Lookup path of row ${n}`, 'paymentMethod');
  for (const [from, to] of [
    ['card', 'Card'],
    ['cash', 'Cash'],
  ]) {
    const keys = (await page.$$(`input[aria-label="When row ${n} reads"]`)).length;
    await clickText(page, 'button', 'Add an entry');
    await page.waitForFunction(
      (label: string, count: number) => document.querySelectorAll(`input[aria-label="${label}"]`).length > count,
      {},
      `When row ${n} reads`,
      keys,
    );
    const key = (await page.$$(`input[aria-label="When row ${n} reads"]`)).at(-1)!;
    await key.type(from!);
    await page.keyboard.press('Tab'); // the key is taken on change
    await page.waitForFunction(
      (label: string, v: string) => [...document.querySelectorAll<HTMLInputElement>(`input[aria-label="${label}"]`)].some((i) => i.value === v),
      {},
      `When row ${n} reads`,
      from!,
    );
    const value = (await page.$$(`input[aria-label="Row ${n} sends"]`)).at(-1)!;
    await value.type(to!);
  }
  await page.waitForFunction(
    () => /"api_name": "cf_payment_method",\s*"value": "Card"/.test(document.querySelector('[data-test="preview-payload"]')?.textContent ?? ''),
    { timeout: 20_000 },
  );
  await waitForText(page, '[data-test="preview-status"]', 'Valid');

  await clickText(page, 'button', 'Save as a new version');
  await waitForText(page, '[data-test="mapping-message"]', 'Saved as version 1');
  await waitForText(page, '[data-test="active-version"]', 'version 1');
  await waitForText(page, 'table[data-test="versions"] tr[data-version="1"]', ADMIN.email);

  // An order goes to Zoho with the custom field, recorded as sent with version 1
  const first = await sendOrder();
  expect(first.detail.mapping).toEqual({ target: 'inventory.salesorder', version: 1 });
  expect(first.salesOrder.custom_fields).toEqual([expect.objectContaining({ api_name: 'cf_payment_method', label: 'Payment method', value: 'Card' })]);

  // The diff, then one click back to the default
  await clickText(page, 'table[data-test="versions"] tr[data-version="1"] button', 'Changes');
  await waitForText(page, '[data-test="diff"]', 'added field custom_fields.cf_payment_method');
  await page.click('button[aria-label="Roll back to version 0"]');
  await waitForText(page, '[data-test="mapping-message"]', 'Version 0 is back, as version 2');
  await waitForText(page, '[data-test="active-version"]', 'version 2');
  await page.waitForFunction(() => !(document.querySelector('[data-test="preview-payload"]')?.textContent ?? '').includes('cf_payment_method'), {
    timeout: 20_000,
  });

  const second = await sendOrder();
  expect(second.detail.mapping).toEqual({ target: 'inventory.salesorder', version: 2 });
  expect(second.salesOrder.custom_fields).toEqual([]);

  const audit = await (await apiSession(stack.hubUrl, ADMIN.email, ADMIN.password)).get<{ entries: Array<{ action: string; target: string }> }>('/api/audit');
  expect(audit.entries.filter((e) => e.target === 'inventory.salesorder').map((e) => e.action)).toEqual([
    'mapping.rollback',
    'mapping.save',
    'mapping.refused',
  ]);
  expect(errors).toEqual([]);
});

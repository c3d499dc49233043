/**
 * The console's order rules in Chromium on the real stack (Temporal, worker, hub, Zoho sandbox):
 *   (a) an admin changes a rule and the rep's discount limit on the Order rules screen; a value out
 *       of range is refused naming its field; support sees the rules read-only;
 *   (b) a rep's order with a 30 % discount waits for approval; support opens it, Approve, and it
 *       reaches Zoho exactly once, the approval on its timeline.
 * Ports 3380-3386 only.
 */
import type { Page } from 'puppeteer-core';
import type { OrderDetail, OrderInput, OrderPolicies } from '../../domain';
import { eventually } from '../support/temporal';
import { clickText, waitForText, type Session } from './support/browser';
import { ADMIN, REP, retype, signInToConsole, startConsoleRig, SUPPORT, type Account, type ConsoleRig } from './support/console';
import { apiSession, type RunningStack } from './support/stack';

jest.setTimeout(300_000);

const PORTS = { hub: 3380, sandbox: 3381, smtp: 3382, mailWeb: 3383, temporal: 3384, temporalUi: 3385 };
let rig: ConsoleRig;
let stack: RunningStack;
let session: Session;

beforeAll(async () => {
  rig = await startConsoleRig(
    'order-rules',
    PORTS,
    { WORKER_METRICS_PORT: '3386', ZOHO_SANDBOX_ITEMS: '30', ZOHO_SANDBOX_CUSTOMERS: '10' },
    { width: 1280, height: 900 },
  );
  ({ stack, session } = rig);
});

afterAll(async () => {
  await rig?.stop();
});

const signIn = (page: Page, who: Account) => signInToConsole(page, stack.hubUrl, who);

it('(a) an admin changes the rules; a bad value names its field; support reads them only', async () => {
  const { page, errors } = session;
  await signIn(page, ADMIN);
  await clickText(page, 'nav a', 'Order rules');
  await waitForText(page, 'legend', 'Pack size');
  await page.click('input[name="rules.pack_size"][value="block"]');
  await retype(page, 'input[name="discountLimitPercent.rep"]', '10');
  await retype(page, 'input[name="priceFloorPercent"]', '120');
  await clickText(page, 'button', 'Save rules');
  await waitForText(page, '#priceFloorPercent-error[role="alert"]', '100 or less');
  expect(await page.$eval('input[name="priceFloorPercent"]', (el) => el.getAttribute('aria-invalid'))).toBe('true');

  await retype(page, 'input[name="priceFloorPercent"]', '60');
  await clickText(page, 'button', 'Save rules');
  await waitForText(page, '[role="status"]', 'Saved');
  const rep = await apiSession(stack.hubUrl, REP.email, REP.password);
  const { policies } = await rep.get<{ policies: OrderPolicies }>('/api/policies');
  expect(policies).toMatchObject({ rules: { pack_size: 'block' }, discountLimitPercent: { rep: 10 }, priceFloorPercent: 60 });

  await signIn(page, SUPPORT);
  await clickText(page, 'nav a', 'Order rules');
  await waitForText(page, 'p', 'Only an admin can change them');
  // Disabled through its fieldset: the input matches :disabled though its own property is unset.
  await waitForText(page, 'legend', 'Pack size');
  const packBlock = await page.$eval('input[name="rules.pack_size"][value="block"]', (el) => [(el as HTMLInputElement).checked, el.matches(':disabled')]);
  expect(packBlock).toEqual([true, true]);
  expect(await page.$$eval('button[type="submit"]', (b) => b.map((x) => x.textContent))).not.toContain('Save rules');
  expect(errors).toEqual([]);
});

it('(b) an order above the rep’s discount limit waits for approval; support approves it in the console; it reaches Zoho once', async () => {
  const { page, errors } = session;
  const rep = await apiSession(stack.hubUrl, REP.email, REP.password);
  const order = { ...(await rep.get<OrderInput>('/api/dev/sample-order')), discount: { percent: 30 } };
  expect((await rep.post('/api/orders', order)).status).toBe(201);
  const waiting = await eventually(
    async () => {
      const { order: d } = await rep.get<{ order: OrderDetail }>(`/api/orders/${order.id}`);
      return d.stage === 'needs_attention' ? d : undefined;
    },
    { timeoutMs: 90_000, intervalMs: 500, what: 'the order to wait for approval' },
  );
  expect(waiting.attentionReason).toMatch(/^waiting for approval: A discount of 30(\.\d+)? % is above the 10 % a rep may give$/);

  await signIn(page, SUPPORT);
  await page.goto(`${stack.hubUrl}/console/#/orders/${order.id}`, { waitUntil: 'networkidle0' });
  await waitForText(page, '[data-testid="attention-reason"]', 'waiting for approval');
  await clickText(page, 'button', 'Approve');
  await waitForText(page, '[role="status"]', 'Approved');
  await waitForText(page, '.stage', 'Done', 90_000);
  await waitForText(page, 'ol.timeline', 'approved by Sam Support');

  const state = (await (await fetch(`${stack.sandboxUrl}/__sandbox/state`)).json()) as { salesorders: Array<{ salesorder_number: string }> };
  expect(state.salesorders.filter((so) => so.salesorder_number === waiting.number)).toHaveLength(1);
  const admin = await apiSession(stack.hubUrl, ADMIN.email, ADMIN.password);
  const audit = await admin.get<{ entries: Array<{ action: string; actorEmail: string; target: string }> }>('/api/audit?action=order.approve');
  expect(audit.entries.map((e) => [e.action, e.actorEmail, e.target])).toEqual([['order.approve', SUPPORT.email, order.id]]);
  expect(errors).toEqual([]);
});

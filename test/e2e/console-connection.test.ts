/**
 * The console in Chromium on the real stack (Temporal, worker, hub, Zoho sandbox, mail catcher):
 *   (a) an admin enters the sandbox's OAuth client, goes through Zoho's authorization-code flow,
 *       and "Test connection" names the organization; the API budget shows the calls;
 *   (b) an order refused by Zoho (its customer is on hold) waits in needs attention; support finds
 *       it by its number, the customer is made active again in Zoho, Retry, and the order reaches
 *       Zoho exactly once, through the connection saved in (a).
 * Ports 3340-3346 only.
 */
import type { Page } from 'puppeteer-core';
import { SANDBOX_DEMO } from '../../config';
import type { OrderDetail, OrderInput } from '../../domain';
import { eventually } from '../support/temporal';
import { clickText, waitForText, type Session } from './support/browser';
import { ADMIN, REP, retype, signInToConsole, startConsoleRig, SUPPORT, type Account, type ConsoleRig } from './support/console';
import { apiSession, type RunningStack } from './support/stack';

jest.setTimeout(300_000);

const PORTS = { hub: 3340, sandbox: 3341, smtp: 3342, mailWeb: 3343, temporal: 3344, temporalUi: 3345 };
let rig: ConsoleRig;
let stack: RunningStack;
let session: Session;

beforeAll(async () => {
  rig = await startConsoleRig(
    'console',
    PORTS,
    {
      // The OAuth redirect comes back to the address the browser uses (a loopback URI the sandbox's client accepts).
      PUBLIC_URL: `http://127.0.0.1:${PORTS.hub}`,
      WORKER_METRICS_PORT: '3346',
      ZOHO_SANDBOX_ITEMS: '30',
      ZOHO_SANDBOX_CUSTOMERS: '10',
    },
    { width: 1280, height: 900 },
  );
  ({ stack, session } = rig);
});

afterAll(async () => {
  await rig?.stop();
});

const signIn = (page: Page, who: Account) => signInToConsole(page, stack.hubUrl, who);

/** What Zoho says through its own API (an access token from the demo client). */
async function zohoApi(method: 'GET' | 'POST', apiPath: string): Promise<Record<string, unknown>> {
  const token = (await (
    await fetch(`${stack.sandboxUrl}/oauth/v2/token`, {
      method: 'POST',
      body: new URLSearchParams({
        grant_type: 'refresh_token',
        client_id: SANDBOX_DEMO.clientId,
        client_secret: SANDBOX_DEMO.clientSecret,
        refresh_token: SANDBOX_DEMO.refreshToken,
      }),
    })
  ).json()) as { access_token: string };
  const url = `${stack.sandboxUrl}/inventory/v1${apiPath}${apiPath.includes('?') ? '&' : '?'}organization_id=${SANDBOX_DEMO.organizationId}`;
  return (await (await fetch(url, { method, headers: { authorization: `Zoho-oauthtoken ${token.access_token}` } })).json()) as Record<string, unknown>;
}

it('(a) connects Zoho through the authorization-code flow and tests the connection', async () => {
  const { page, errors } = session;
  await signIn(page, ADMIN);
  await clickText(page, 'nav a', 'Zoho connection');
  await waitForText(page, '[data-testid="connection-source"]', 'The environment');

  await page.select('select[name="dataCentre"]', 'sandbox');
  await retype(page, 'input[name="organizationId"]', SANDBOX_DEMO.organizationId);
  await retype(page, 'input[name="clientId"]', SANDBOX_DEMO.clientId);
  await retype(page, 'input[name="clientSecret"]', SANDBOX_DEMO.clientSecret);
  await clickText(page, 'button', 'Save connection');
  await waitForText(page, 'p', 'waiting for authorization');

  // Zoho's consent page (the sandbox approves at once) and back to the hub's callback.
  await Promise.all([page.waitForNavigation({ waitUntil: 'networkidle0' }), clickText(page, 'button', 'Authorize with Zoho')]);
  await waitForText(page, 'p', 'Zoho authorized Satchel');
  expect(page.url()).toBe(`${stack.hubUrl}/console/#/zoho?oauth=connected`);
  await waitForText(page, '[data-testid="connection-source"]', 'Saved in the console (version 2)');

  const organization = (await zohoApi('GET', '/organizations')) as { organizations: Array<{ organization_id: string; name: string }> };
  const name = organization.organizations.find((o) => o.organization_id === SANDBOX_DEMO.organizationId)!.name;
  await clickText(page, 'button', 'Test connection');
  await waitForText(page, '[data-testid="test-result"]', `Connected to ${name}`);

  // The calls it made are counted (the budget refreshes itself).
  await page.waitForFunction(() => /Today \(UTC\): [1-9]\d* of 1000 calls/.test(document.querySelector('[data-testid="budget"]')?.textContent ?? ''), {
    timeout: 20_000,
  });
  expect(errors).toEqual([]);

  const admin = await apiSession(stack.hubUrl, ADMIN.email, ADMIN.password);
  const audit = await admin.get<{ entries: Array<{ action: string; actorEmail: string }> }>('/api/audit?action=zoho.connection');
  expect(audit.entries.map((e) => [e.action, e.actorEmail])).toEqual([
    ['zoho.connection.authorize', ADMIN.email],
    ['zoho.connection.save', ADMIN.email],
  ]);
});

it('(b) support finds an order waiting in needs attention, retries it after the fix, and it reaches Zoho once', async () => {
  const { page, errors } = session;
  const rep = await apiSession(stack.hubUrl, REP.email, REP.password);
  const order = await rep.get<OrderInput>('/api/dev/sample-order');
  const contactId = order.customer.zohoContactId!;
  // The customer is put on hold in Zoho: Zoho refuses new documents for it.
  expect((await zohoApi('POST', `/contacts/${contactId}/inactive`)).code).toBe(0);
  expect((await rep.post('/api/orders', order)).status).toBe(201);
  const parked = await eventually(
    async () => {
      const { order: d } = await rep.get<{ order: OrderDetail }>(`/api/orders/${order.id}`);
      return d.stage === 'needs_attention' ? d : undefined;
    },
    { timeoutMs: 90_000, intervalMs: 500, what: 'the order to wait in needs attention' },
  );
  expect(parked.attentionReason).toMatch(/inactive/);

  await signIn(page, SUPPORT);
  await clickText(page, 'nav a', 'Orders');
  await retype(page, 'input[name="q"]', parked.number.toLowerCase());
  await clickText(page, 'button', 'Search');
  await page.waitForFunction(
    (n: string) => {
      const rows = [...document.querySelectorAll('table[aria-label="Orders"] tbody tr')];
      return rows.length === 1 && rows[0]!.textContent!.includes(n) && rows[0]!.textContent!.includes('Needs attention');
    },
    { timeout: 20_000 },
    parked.number,
  );
  await clickText(page, 'table[aria-label="Orders"] a', parked.number);
  await waitForText(page, '[data-testid="attention-reason"]', 'inactive');
  const workflowLink = await page.$eval('a[href*="/workflows/"]', (a) => (a as HTMLAnchorElement).href);
  expect(workflowLink).toBe(`http://localhost:${PORTS.temporalUi}/namespaces/default/workflows/${parked.workflowId}`);

  // The fix, in Zoho; then Retry.
  expect((await zohoApi('POST', `/contacts/${contactId}/active`)).code).toBe(0);
  await clickText(page, 'button', 'Retry');
  await waitForText(page, '[role="status"]', 'Retry sent');
  await waitForText(page, '.stage', 'Done', 90_000);
  await waitForText(page, '[data-testid="zoho-number"]', parked.number);
  await waitForText(page, 'ol.timeline', 'Emailed');

  const state = (await (await fetch(`${stack.sandboxUrl}/__sandbox/state`)).json()) as { salesorders: Array<{ salesorder_number: string }> };
  expect(state.salesorders.filter((so) => so.salesorder_number === parked.number)).toHaveLength(1);
  const support = await apiSession(stack.hubUrl, SUPPORT.email, SUPPORT.password);
  const retried = await support.get<{ entries: unknown[] }>('/api/audit').catch((err: Error) => err.message);
  expect(String(retried)).toContain('403'); // support may not read the audit log
  expect(errors).toEqual([]);
});

/**
 * The rep's app end to end, on the real stack (Temporal, worker, hub, Zoho sandbox, mail catcher)
 * in real browsers. The browser talks to the hub through a proxy, so "no signal" is real for the
 * page and the service worker alike (every connection cut), in any browser; Chromium also gets
 * its offline emulation (navigator.onLine false).
 *
 *   1. Chromium: sign in, first sync, go offline, create a customer, an order for them with a
 *      signature and a quote; close and reopen the browser offline; come back online: each
 *      document reaches the sandbox and the mail catcher exactly once.
 *   2. The hub answers 500, then 200: nothing is lost. A 4xx is kept with its reason.
 *   3. The hub stores an order but its answer is lost: the replay gets 200, one document.
 *   4. Firefox (no Background Sync API): the same offline order through the fallback path.
 *
 * The steps live in support/scenario.ts, shared with WebKit (offline-orders-webkit.test.ts); each
 * screen on the way is checked with axe-core, and no serious or critical violation is allowed.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'puppeteer-core';
import { documentNumber } from '../../domain';
import { eventually } from '../support/temporal';
import { AxeLog } from './support/axe';
import { clickText, docStatuses, fill, FIREFOX, launch, waitForText, type BrowserName, type Session } from './support/browser';
import { startProxy, type Proxy } from './support/proxy';
import { occurrencesOf as occurrences, REP, scenario } from './support/scenario';
import { apiSession, startStack, syncCatalogue, type RunningStack } from './support/stack';

jest.setTimeout(300_000);

const PORTS = { hub: 3320, sandbox: 3420, smtp: 1145, mailWeb: 8145, temporal: 7353, temporalUi: 8353 };
const PROXY_PORT = 3329;

/** Reuse a running stack while developing: SATCHEL_E2E_ATTACH=<hub url>,<sandbox url>,<mail url>. */
const ATTACH = process.env.SATCHEL_E2E_ATTACH?.split(',');

let stack: Pick<RunningStack, 'hubUrl' | 'sandboxUrl' | 'mailUrl' | 'stop'>;
let proxy: Proxy;
let tmp: string;
let steps: ReturnType<typeof scenario>;
const axe = new AxeLog();
const sessions: Session[] = [];

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'satchel-e2e-browsers-'));
  stack = ATTACH
    ? { hubUrl: ATTACH[0]!, sandboxUrl: ATTACH[1]!, mailUrl: ATTACH[2]!, stop: async () => undefined }
    : await startStack(PORTS, { ZOHO_SANDBOX_ITEMS: '300', ZOHO_SANDBOX_CUSTOMERS: '60' });
  const hub = new URL(stack.hubUrl);
  proxy = await startProxy({ host: hub.hostname, port: Number(hub.port) }, ATTACH ? 0 : PROXY_PORT);
  steps = scenario({ proxy, stack, axe });
  await syncCatalogue(stack.hubUrl);
});

// A test that fails while "offline" must not leave the next one without a network.
afterEach(() => proxy?.up());

afterAll(async () => {
  if (axe.screens.size) console.log(axe.summary());
  for (const s of sessions) await s.browser.close().catch(() => undefined);
  await proxy?.close();
  await stack?.stop();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

async function open(name: BrowserName, profile: string): Promise<Session> {
  const s = await launch(name, path.join(tmp, profile));
  sessions.push(s);
  if (process.env.E2E_DEBUG) {
    s.page.on('console', (m) => console.log(`[page] ${m.text()}`));
    s.browser.on('targetcreated', (t) => {
      if (t.type() === 'service_worker') void t.worker().then((w) => w?.on('console', (m) => console.log(`[sw] ${m.text()}`)));
    });
  }
  return s;
}

async function close(s: Session): Promise<void> {
  await s.browser.close();
  sessions.splice(sessions.indexOf(s), 1);
}

const hubOrder = (id: string) => steps.hubOrder(id);
const sandboxState = () => steps.sandboxState();
const mails = () => steps.mails();
const addProduct = (page: Page, query: string) => steps.addProduct(launchedDriver(page), query);
const launchedDriver = (page: Page) => sessions.find((s) => s.page === page)!.driver;

describe('offline order taking in Chromium', () => {
  it('creates a customer, a signed order and a quote offline, survives a restart, and delivers each exactly once', async () => {
    let s = await open('chromium', 'chromium');
    await steps.signInAndSync(s.driver);
    // "Prices as of" in the menu.
    await s.page.click('button[aria-label="Menu"]');
    await waitForText(s.page, '[data-testid="prices-as-of"]', 'Prices as of');
    await axe.check(s.driver, 'menu');
    await s.page.click('button[aria-label="Menu"]');

    const customerName = `Offline Outfitters ${Date.now().toString(36)}`;
    const docs = await steps.takeOrdersOffline(s.driver, customerName);
    const orderId = Object.keys(docs).find((id) => docs[id]!.kind === 'order')!;
    const quoteId = Object.keys(docs).find((id) => docs[id]!.kind === 'quote')!;

    // Sign-out is refused while work is unsent.
    await s.page.click('button[aria-label="Menu"]');
    await clickText(s.page, '.menu button', 'Sign out');
    await waitForText(s.page, '[data-testid="app-notice"]', 'unsent');

    // Close the browser and open it again, still offline: the app and the outbox are there.
    await close(s);
    s = await open('chromium', 'chromium');
    await s.page.setOfflineMode(true);
    await s.page.goto(`${proxy.url}/#/documents`, { waitUntil: 'load' });
    const reopened = await steps.documentsOnDevice(s.driver, 3);
    expect(Object.keys(reopened).sort()).toEqual(Object.keys(docs).sort());
    expect(Object.values(reopened).every((d) => d.status === 'device')).toBe(true);
    expect(proxy.seen.filter((r) => r.method === 'POST' && /^\/api\/(orders|customers)/.test(r.path) && r.status > 0)).toHaveLength(0);

    // Signal again: everything goes, in order, and is followed to the end.
    await steps.offline(s.driver, false);
    await s.page.waitForFunction(
      (ids: string[]) => ids.every((id) => ['emailed', 'zoho'].includes(document.querySelector<HTMLElement>(`[data-doc-id="${id}"]`)?.dataset.status ?? '')),
      { timeout: 150_000, polling: 500 },
      Object.keys(docs),
    );
    await steps.expectExactlyOnceEverywhere(
      [
        { id: orderId, kind: 'order' },
        { id: quoteId, kind: 'quote' },
      ],
      customerName,
    );
    await waitForText(s.page, `[data-doc-id="${orderId}"]`, 'Emailed', 30_000);

    const order = await hubOrder(orderId);
    expect(order.customerName).toBe(customerName);
    const posted = proxy.seen.filter((r) => r.method === 'POST' && r.path === '/api/orders' && r.body?.includes(orderId));
    expect(JSON.parse(posted[0]!.body!).signature).toMatch(/^data:image\/png;base64,/);
    expect(JSON.parse(posted[0]!.body!).deliveryDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    // The sales rep travels as its own field (the PDF and the mapping use it), not inside the notes.
    expect(JSON.parse(posted[0]!.body!)).toMatchObject({ salesRep: expect.any(String), notes: 'Leave at the back door' });

    // The customer made offline comes back from Zoho with the next catalogue sync: the app lists
    // it once (the device's copy steps aside), and its history still holds both documents.
    await syncCatalogue(stack.hubUrl, customerName);
    await s.page.click('button[aria-label="Menu"]');
    await clickText(s.page, '.menu button', 'Sync data');
    const contactId = (await sandboxState()).createdContacts.find((c) => c.contact_name === customerName)!.contact_id;
    await s.page.goto(`${proxy.url}/#/customers`);
    await fill(s.page, 'input[type="search"]', customerName);
    // Wait for the Zoho contact to be on the device, then count the rows.
    await s.page.waitForSelector(`[data-testid="customer-list"] li a.row-link[href="#/customers/${contactId}"]`, { timeout: 30_000 });
    expect(await s.page.$$eval('[data-testid="customer-list"] li a.row-link', (links) => links.map((a) => a.getAttribute('href')))).toEqual([
      `#/customers/${contactId}`,
    ]);
    await s.page.click('[data-testid="customer-list"] li a.row-link');
    await s.page.waitForFunction(
      (ids: string[]) => ids.every((id) => document.querySelector(`[data-testid="doc-list"] [data-doc-id="${id}"]`)),
      { timeout: 20_000 },
      [orderId, quoteId],
    );
    await axe.check(s.driver, 'customer detail');
    expect(s.errors).toEqual([]);
    expect(axe.blocking()).toEqual([]);
    await close(s);

    // A second device (a new phone, the same rep) has none of this in its outbox: the customer's
    // history comes from the office, and re-order fills the cart with the same products.
    const other = await open('chromium', 'chromium-second-device');
    await steps.signInAndSync(other.driver);
    await other.page.goto(`${proxy.url}/#/customers/${contactId}`);
    await other.page.waitForFunction(
      (ids: string[]) => ids.every((id) => document.querySelector(`[data-testid="office-list"] [data-doc-id="${id}"]`)),
      { timeout: 30_000 },
      [orderId, quoteId],
    );
    await other.page.click(`[data-testid="office-list"] [data-doc-id="${orderId}"] button`);
    await waitForText(other.page, '[data-testid="cart-badge"]', '2');
    expect(other.errors).toEqual([]);
    await close(other);
  });
});

/** An order for the first customer in the data set, created while online. Returns its id. */
async function quickOrder(page: Page, sku: string): Promise<string> {
  await page.goto(`${proxy.url}/#/customers`);
  await page.waitForSelector('[data-testid="customer-list"] li .row-main');
  await page.click('[data-testid="customer-list"] li .row-main');
  await page.waitForSelector('[data-testid="product-search"]');
  await addProduct(page, sku);
  await page.goto(`${proxy.url}/#/cart`);
  const before = new Set(Object.keys(await docStatuses(page)));
  await clickText(page, 'button', 'Create Order');
  await waitForText(page, '[data-testid="flash"]', 'saved on this device');
  // The list re-renders from the outbox a moment after the flash: wait for the new row, not for time.
  const deadline = Date.now() + 15_000;
  for (;;) {
    const after = await docStatuses(page);
    const id = Object.keys(after).find((k) => !before.has(k) && after[k]!.kind === 'order');
    if (id) return id;
    if (Date.now() > deadline) throw new Error('the new order is not listed');
    await new Promise((r) => setTimeout(r, 200));
  }
}

const waitForStatus = (page: Page, id: string, statuses: string[], timeout = 60_000) =>
  page.waitForFunction(
    (docId: string, wanted: string[]) => wanted.includes(document.querySelector<HTMLElement>(`[data-doc-id="${docId}"]`)?.dataset.status ?? ''),
    { timeout, polling: 200 },
    id,
    statuses,
  );

const postsOf = (id: string) => proxy.seen.filter((r) => r.method === 'POST' && r.path === '/api/orders' && r.body?.includes(id));

describe('replay failures (Chromium, online)', () => {
  let s: Session;
  beforeAll(async () => {
    s = await open('chromium', 'chromium-faults');
    await steps.signInAndSync(s.driver);
  });
  afterAll(async () => {
    if (sessions.includes(s)) await close(s);
  });

  it('keeps an order the hub answered 500 queued, and delivers it on the next replay', async () => {
    proxy.fault({ method: 'POST', path: /^\/api\/orders$/, status: 500, body: { error: { message: 'Database is restarting' } }, times: 1 });
    const id = await quickOrder(s.page, 'SKU-00031');
    await waitForText(s.page, `[data-doc-id="${id}"]`, 'Database is restarting');
    expect((await docStatuses(s.page))[id]!.status).toBe('device');
    expect(postsOf(id).map((r) => r.status)).toEqual([500]);

    await clickText(s.page, 'button', 'Send now');
    await waitForStatus(s.page, id, ['hub', 'zoho', 'emailed']);
    expect(postsOf(id).map((r) => r.status)).toEqual([500, 201]);
    await expectExactlyOnceEverywhereOrder(id);
  });

  it('keeps an order the hub refused (4xx) with the hub’s reason, and sends it again on Retry', async () => {
    proxy.fault({
      method: 'POST',
      path: /^\/api\/orders$/,
      status: 422,
      body: { error: { message: 'Harbour Café is on credit hold', fields: [{ path: 'customer', message: 'on credit hold' }] } },
      times: 1,
    });
    const id = await quickOrder(s.page, 'SKU-00032');
    await waitForStatus(s.page, id, ['attention']);
    const shown = (await docStatuses(s.page))[id]!.text;
    expect(shown).toContain('Harbour Café is on credit hold');
    expect(shown).toContain('customer: on credit hold');

    // Still there after a reload and a replay: a refusal is never dropped, nor resent by itself.
    await s.page.reload({ waitUntil: 'load' });
    await clickText(s.page, 'button', 'Send now').catch(() => undefined); // disabled: nothing queued
    await waitForStatus(s.page, id, ['attention']);
    expect(postsOf(id).map((r) => r.status)).toEqual([422]);

    await s.page.click(`[data-doc-id="${id}"] .row-end .button`); // Retry
    await waitForStatus(s.page, id, ['hub', 'zoho', 'emailed']);
    expect(postsOf(id).map((r) => r.status)).toEqual([422, 201]);
  });

  it('replays an order whose answer was lost, and the hub keeps one document', async () => {
    proxy.fault({ method: 'POST', path: /^\/api\/orders$/, dropAnswer: true, times: 1 });
    const id = await quickOrder(s.page, 'SKU-00035'); // in stock at the primary location: no pre-flight warning
    // The hub stored it but the device never heard: it stays queued and goes again (Chromium's
    // network stack may even resend it by itself on the dead keep-alive connection).
    await eventually(
      async () => {
        if (postsOf(id).some((r) => r.status === 200 || r.status === 201)) return true;
        await clickText(s.page, 'button', 'Send now', 1000).catch(() => undefined);
        return undefined;
      },
      { timeoutMs: 60_000, intervalMs: 1000, what: 'the replay' },
    );
    await waitForStatus(s.page, id, ['hub', 'zoho', 'emailed']);
    const posts = postsOf(id);
    expect(posts.length).toBeGreaterThanOrEqual(2);
    expect(posts[0]).toMatchObject({ hubStatus: 201, status: 0 }); // stored, answer lost
    expect(posts.slice(1).every((r) => r.hubStatus === 200)).toBe(true); // every replay: "already have it"
    const rep = await apiSession(stack.hubUrl, REP.email, REP.password);
    const listed = (await rep.get<{ orders: Array<{ id: string }> }>('/api/orders')).orders.filter((o) => o.id === id);
    expect(listed).toHaveLength(1);
    await expectExactlyOnceEverywhereOrder(id);
  });
});

async function expectExactlyOnceEverywhereOrder(id: string): Promise<void> {
  await eventually(async () => ((await hubOrder(id)).stage === 'done' ? true : undefined), {
    timeoutMs: 120_000,
    intervalMs: 1000,
    what: `order ${id} to be done`,
  });
  const number = documentNumber('order', id);
  expect(occurrences(JSON.stringify(await sandboxState()), `"${number}"`)).toBe(1);
  expect((await mails()).filter((m) => `${m.subject}\n${m.text ?? ''}`.includes(number))).toHaveLength(1);
}

const haveFirefox = fs.existsSync(FIREFOX);
(haveFirefox ? describe : describe.skip)('offline order taking in Firefox (no Background Sync API)', () => {
  it('takes the orders offline, survives a restart, and the fallback replay delivers each exactly once', async () => {
    let s = await open('firefox', 'firefox');
    await steps.signInAndSync(s.driver);
    expect(await s.page.evaluate(async () => 'sync' in (await navigator.serviceWorker.ready))).toBe(false);

    const customerName = `Firefox Field Goods ${Date.now().toString(36)}`;
    const docs = await steps.takeOrdersOffline(s.driver, customerName);
    const orderId = Object.keys(docs).find((id) => docs[id]!.kind === 'order')!;
    const quoteId = Object.keys(docs).find((id) => docs[id]!.kind === 'quote')!;

    // Restart while the hub is still unreachable (Firefox cannot emulate offline here).
    await close(s);
    s = await open('firefox', 'firefox');
    await s.page.goto(`${proxy.url}/#/documents`, { waitUntil: 'load' });
    const reopened = await steps.documentsOnDevice(s.driver, 3);
    expect(Object.values(reopened).every((d) => d.status === 'device')).toBe(true);
    // navigator.onLine is true here: the pill must not say Online while the hub does not answer.
    await waitForText(s.driver, '[data-testid="online-status"]', 'Hub unreachable', 30_000);

    // The hub is back: the on-demand replay (Send now) sends everything through the fallback path.
    await steps.offline(s.driver, false);
    await clickText(s.page, 'button', 'Send now');
    await s.page.waitForFunction(
      (ids: string[]) =>
        ids.every((id) => ['emailed', 'zoho', 'hub'].includes(document.querySelector<HTMLElement>(`[data-doc-id="${id}"]`)?.dataset.status ?? '')),
      { timeout: 60_000, polling: 500 },
      Object.keys(docs),
    );
    await steps.expectExactlyOnceEverywhere(
      [
        { id: orderId, kind: 'order' },
        { id: quoteId, kind: 'quote' },
      ],
      customerName,
    );
    await waitForText(s.driver, '[data-testid="online-status"]', 'Online', 30_000);
    expect(s.errors).toEqual([]);
    expect(axe.blocking()).toEqual([]);
    await close(s);
  });
});

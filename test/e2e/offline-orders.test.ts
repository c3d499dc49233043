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
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'puppeteer-core';
import { documentNumber, type OrderDetail } from '../../domain';
import { eventually } from '../support/temporal';
import { clickText, docStatuses, fill, FIREFOX, launch, sign, signIn, waitForText, type BrowserName, type Session } from './support/browser';
import { startProxy, type Proxy } from './support/proxy';
import { apiSession, startStack, syncCatalogue, type RunningStack } from './support/stack';

jest.setTimeout(300_000);

const PORTS = { hub: 3320, sandbox: 3420, smtp: 1145, mailWeb: 8145, temporal: 7353, temporalUi: 8353 };
const PROXY_PORT = 3329;
const REP = { email: 'rep@satchel.local', password: 'satchel-rep-demo' };

/** Reuse a running stack while developing: SATCHEL_E2E_ATTACH=<hub url>,<sandbox url>,<mail url>. */
const ATTACH = process.env.SATCHEL_E2E_ATTACH?.split(',');

let stack: Pick<RunningStack, 'hubUrl' | 'sandboxUrl' | 'mailUrl' | 'stop'>;
let proxy: Proxy;
let tmp: string;
const sessions: Session[] = [];

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'satchel-e2e-browsers-'));
  stack = ATTACH
    ? { hubUrl: ATTACH[0]!, sandboxUrl: ATTACH[1]!, mailUrl: ATTACH[2]!, stop: async () => undefined }
    : await startStack(PORTS, { ZOHO_SANDBOX_ITEMS: '300', ZOHO_SANDBOX_CUSTOMERS: '60' });
  const hub = new URL(stack.hubUrl);
  proxy = await startProxy({ host: hub.hostname, port: Number(hub.port) }, ATTACH ? 0 : PROXY_PORT);
  await syncCatalogue(stack.hubUrl);
});

// A test that fails while "offline" must not leave the next one without a network.
afterEach(() => proxy?.up());

afterAll(async () => {
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

/** Offline as the browser can tell it: connections cut, and navigator.onLine false where emulated. */
async function offline(page: Page, name: BrowserName, off: boolean): Promise<void> {
  if (off) proxy.down();
  else proxy.up();
  if (name === 'chromium') await page.setOfflineMode(off);
}

/** Sign in and wait for the first sync to land on the Customers screen. */
async function signInAndSync(page: Page): Promise<void> {
  await page.goto(proxy.url, { waitUntil: 'load' });
  await signIn(page, REP.email, REP.password);
  await page.waitForSelector('[data-testid="customer-list"] li', { timeout: 60_000 });
  await waitForText(page, '[data-testid="offline-ready"]', 'Ready to work offline', 30_000);
}

async function addProduct(page: Page, query: string): Promise<void> {
  await page.goto(`${proxy.url}/#/products`);
  await fill(page, '[data-testid="product-search"]', query);
  await page.waitForFunction((q: string) => document.querySelector('[data-testid="product-list"] li')?.textContent?.includes(q), { timeout: 10_000 }, query);
  await page.click('[data-testid="product-list"] li button.add');
  await page.waitForFunction(() => document.querySelector('[data-testid="product-list"] li .in-cart'), { timeout: 5000 });
}

async function newCustomer(page: Page, name: string): Promise<void> {
  await page.goto(`${proxy.url}/#/customers/new`);
  await fill(page, 'input[name="name"]', name);
  await fill(page, 'input[name="email"]', `orders@${name.toLowerCase().replace(/[^a-z]+/g, '-')}.example`);
  await fill(page, 'input[name="city"]', 'Portland');
  await clickText(page, 'button', 'Save customer');
  await waitForText(page, '[data-testid="selected-customer"]', name);
}

/** Problems the form shows before anything is created. */
async function problems(page: Page): Promise<string> {
  await page.waitForSelector('[data-testid="draft-problems"]', { timeout: 5000 });
  return page.$eval('[data-testid="draft-problems"]', (el) => (el as HTMLElement).innerText);
}

const setQuantity = (page: Page, value: string) => fill(page, '.cart-line input[name="quantity"]', value);

/** The outbox as the app shows it, once `count` documents are listed. */
async function documentsOnDevice(page: Page, count: number) {
  await page.goto(`${proxy.url}/#/documents`);
  await page.waitForFunction((n: number) => document.querySelectorAll('[data-doc-id]').length >= n, { timeout: 20_000 }, count);
  return docStatuses(page);
}

async function hubOrder(id: string): Promise<OrderDetail> {
  const rep = await apiSession(stack.hubUrl, REP.email, REP.password);
  return (await rep.get<{ order: OrderDetail }>(`/api/orders/${id}`)).order;
}

interface SandboxState {
  salesorders: Array<{ salesorder_number: string; reference_number?: string; customer_name: string }>;
  estimates: Array<{ estimate_number: string }>;
  createdContacts: Array<{ contact_name: string; contact_id: string }>;
}
const sandboxState = async () => (await (await fetch(`${stack.sandboxUrl}/__sandbox/state`)).json()) as SandboxState;
const mails = async () =>
  (
    (await (await fetch(`${stack.mailUrl}/api/messages`)).json()) as {
      messages: Array<{ subject: string; text?: string; attachments: Array<{ filename?: string }> }>;
    }
  ).messages;
const occurrences = (haystack: string, needle: string) => haystack.split(needle).length - 1;

/** Wait until each document is done on the hub; then count it in the sandbox and the mail catcher. */
async function expectExactlyOnceEverywhere(ids: Array<{ id: string; kind: 'order' | 'quote' }>, customerName: string): Promise<void> {
  for (const { id } of ids) {
    await eventually(async () => ((await hubOrder(id)).stage === 'done' ? true : undefined), {
      timeoutMs: 120_000,
      intervalMs: 1000,
      what: `document ${id} to be done`,
    });
  }
  const state = JSON.stringify(await sandboxState());
  const allMail = JSON.stringify(await mails());
  for (const { id, kind } of ids) {
    const number = documentNumber(kind, id);
    expect({ number, inSandbox: occurrences(state, `"${number}"`) }).toEqual({ number, inSandbox: 1 });
    expect({ number, mails: (await mails()).filter((m) => `${m.subject}\n${m.text ?? ''}`.includes(number)).length }).toEqual({ number, mails: 1 });
  }
  expect((await sandboxState()).createdContacts.filter((c) => c.contact_name === customerName)).toHaveLength(1);
  expect(allMail.length).toBeGreaterThan(0);
}

/**
 * The whole offline flow in one browser: a new customer, an order with a signature, a quote,
 * all while the hub cannot be reached; then a restart, still offline. Returns the documents.
 */
async function takeOrdersOffline(s: Session, name: BrowserName, customerName: string) {
  const { page } = s;
  await offline(page, name, true);
  if (name === 'chromium') await waitForText(page, '[data-testid="online-status"]', 'Offline');

  await newCustomer(page, customerName);
  await addProduct(page, 'SKU-00007');
  await addProduct(page, 'SKU-00012');
  await page.goto(`${proxy.url}/#/cart`);
  await page.waitForSelector('[data-testid="cart-badge"]');
  expect(await page.$eval('[data-testid="cart-badge"]', (el) => el.textContent)).toBe('2');

  // Bad input is named before anything is created.
  await page.$$eval('.cart-line input[name="quantity"]', () => undefined);
  await setQuantity(page, '0');
  await clickText(page, 'button', 'Create Order');
  expect(await problems(page)).toContain('Must be more than 0');
  await setQuantity(page, '-2');
  await clickText(page, 'button', 'Create Order');
  expect(await problems(page)).toContain('Cannot be negative');
  await setQuantity(page, 'three');
  await clickText(page, 'button', 'Create Order');
  expect(await problems(page)).toContain('Not a number');
  await setQuantity(page, '3');

  // Next: delivery details, signature.
  await clickText(page, 'button', 'Next');
  await page.waitForSelector('input[name="deliveryDate"]');
  await fill(page, 'input[name="deliveryDate"]', '2020-01-02');
  await clickText(page, 'button[type="submit"]', 'Create Order');
  expect(await problems(page)).toContain('The delivery date is in the past');
  const future = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
  await fill(page, 'input[name="deliveryDate"]', future);
  await fill(page, 'input[name="contactPerson"]', 'Dana Buyer');
  await fill(page, 'textarea[name="notes"]', 'Leave at the back door');
  await sign(page);
  await page.waitForFunction(() => document.querySelector('[data-testid="signature-pad"]')?.getAttribute('aria-label')?.includes('signed'), { timeout: 5000 });
  await clickText(page, 'button[type="submit"]', 'Create Order');
  await waitForText(page, '[data-testid="flash"]', 'saved on this device');

  // A quote for the same customer.
  await addProduct(page, 'SKU-00021');
  await page.goto(`${proxy.url}/#/cart`);
  await clickText(page, '.segmented button', 'Quote');
  await clickText(page, 'button', 'Create Quote');
  await waitForText(page, '[data-testid="flash"]', 'Quote QT-');

  const docs = await documentsOnDevice(page, 3);
  expect(
    Object.values(docs)
      .map((d) => [d.kind, d.status])
      .sort(),
  ).toEqual([
    ['customer', 'device'],
    ['order', 'device'],
    ['quote', 'device'],
  ]);
  return docs;
}

describe('offline order taking in Chromium', () => {
  it('creates a customer, a signed order and a quote offline, survives a restart, and delivers each exactly once', async () => {
    let s = await open('chromium', 'chromium');
    await signInAndSync(s.page);
    // "Prices as of" in the menu.
    await s.page.click('button[aria-label="Menu"]');
    await waitForText(s.page, '[data-testid="prices-as-of"]', 'Prices as of');
    await s.page.click('button[aria-label="Menu"]');

    const customerName = `Offline Outfitters ${Date.now().toString(36)}`;
    const docs = await takeOrdersOffline(s, 'chromium', customerName);
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
    const reopened = await documentsOnDevice(s.page, 3);
    expect(Object.keys(reopened).sort()).toEqual(Object.keys(docs).sort());
    expect(Object.values(reopened).every((d) => d.status === 'device')).toBe(true);
    expect(proxy.seen.filter((r) => r.method === 'POST' && /^\/api\/(orders|customers)/.test(r.path) && r.status > 0)).toHaveLength(0);

    // Signal again: everything goes, in order, and is followed to the end.
    await offline(s.page, 'chromium', false);
    await s.page.waitForFunction(
      (ids: string[]) => ids.every((id) => ['emailed', 'zoho'].includes(document.querySelector<HTMLElement>(`[data-doc-id="${id}"]`)?.dataset.status ?? '')),
      { timeout: 150_000, polling: 500 },
      Object.keys(docs),
    );
    await expectExactlyOnceEverywhere(
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
    expect(s.errors).toEqual([]);
    await close(s);

    // A second device (a new phone, the same rep) has none of this in its outbox: the customer's
    // history comes from the office, and re-order fills the cart with the same products.
    const other = await open('chromium', 'chromium-second-device');
    await signInAndSync(other.page);
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
  const after = await docStatuses(page);
  const id = Object.keys(after).find((k) => !before.has(k) && after[k]!.kind === 'order');
  if (!id) throw new Error('the new order is not listed');
  return id;
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
    await signInAndSync(s.page);
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
    const id = await quickOrder(s.page, 'SKU-00033');
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
    await signInAndSync(s.page);
    expect(await s.page.evaluate(async () => 'sync' in (await navigator.serviceWorker.ready))).toBe(false);

    const customerName = `Firefox Field Goods ${Date.now().toString(36)}`;
    const docs = await takeOrdersOffline(s, 'firefox', customerName);
    const orderId = Object.keys(docs).find((id) => docs[id]!.kind === 'order')!;
    const quoteId = Object.keys(docs).find((id) => docs[id]!.kind === 'quote')!;

    // Restart while the hub is still unreachable (Firefox cannot emulate offline here).
    await close(s);
    s = await open('firefox', 'firefox');
    await s.page.goto(`${proxy.url}/#/documents`, { waitUntil: 'load' });
    const reopened = await documentsOnDevice(s.page, 3);
    expect(Object.values(reopened).every((d) => d.status === 'device')).toBe(true);

    // The hub is back: the on-demand replay (Send now) sends everything through the fallback path.
    await offline(s.page, 'firefox', false);
    await clickText(s.page, 'button', 'Send now');
    await s.page.waitForFunction(
      (ids: string[]) =>
        ids.every((id) => ['emailed', 'zoho', 'hub'].includes(document.querySelector<HTMLElement>(`[data-doc-id="${id}"]`)?.dataset.status ?? '')),
      { timeout: 60_000, polling: 500 },
      Object.keys(docs),
    );
    await expectExactlyOnceEverywhere(
      [
        { id: orderId, kind: 'order' },
        { id: quoteId, kind: 'quote' },
      ],
      customerName,
    );
    expect(s.errors).toEqual([]);
    await close(s);
  });
});

/**
 * The client in a real Chromium: built into a temp dir, served by a tiny express server that fakes
 * the few hub endpoints the shell uses (the real hub has its own tests).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import express from 'express';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { MAIN_LINE, OrderSchema, documentNumber, isFinal, orderTotals, type Order, type Stage } from '../domain';
import type { OrderSummary } from './src/api';
import { buildClient, type BuildResult } from './build';
import { POLL_MS } from './src/settings';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { findChromium } = require('../scripts/lib/toolchain.cjs') as { findChromium(): string | undefined };

const SCREENSHOT = '/tmp/satchel-client.png';

function sampleOrder(): Order {
  return {
    id: randomUUID(),
    kind: 'order',
    customer: { zohoContactId: '460000000012345', name: 'Harbour Café' },
    currency: 'EUR',
    lines: [
      { itemId: 'item-1', sku: 'COF-1KG', name: 'Espresso beans 1 kg', quantity: 3, unitPrice: 1890, taxPercent: 7 },
      { itemId: 'item-2', sku: 'CUP-100', name: 'Paper cups (100)', quantity: 2, unitPrice: 650, discountPercent: 10, taxPercent: 19 },
    ],
    reference: 'Demo order',
    createdAt: new Date().toISOString(),
  };
}

/** The fields every summary has that these tests do not look at. */
function summary(fields: Pick<OrderSummary, 'id' | 'kind' | 'number' | 'stage' | 'customerName' | 'total' | 'createdAt' | 'updatedAt'> & Partial<OrderSummary>): OrderSummary {
  return {
    zohoId: null,
    zohoNumber: null,
    attentionReason: null,
    workflowId: `${fields.kind}-${fields.id}`,
    workflowUrl: `http://localhost:8233/namespaces/default/workflows/${fields.kind}-${fields.id}`,
    ...fields,
  };
}

const SEEDED: OrderSummary[] = [
  summary({
    id: '6f1c1f5e-8a57-4d55-9a65-0c2d7a3b9a10',
    kind: 'order',
    number: 'SO-6F1C1F5E8A574D55',
    stage: 'done',
    customerName: 'Northwind Traders',
    total: { amount: 123456, currency: 'USD' },
    zohoId: '460000000099001',
    createdAt: '2025-03-02T09:15:00Z',
    updatedAt: '2025-03-02T09:20:00Z',
  }),
  summary({
    id: '0b7f4a0e-2c3d-4e5f-8a9b-1c2d3e4f5a6b',
    kind: 'quote',
    number: 'QT-0B7F4A0E2C3D4E5F',
    stage: 'cancelled',
    customerName: 'Blue Lagoon Bistro',
    total: { amount: 45000, currency: 'EUR' },
    createdAt: '2025-03-01T16:40:00Z',
    updatedAt: '2025-03-01T17:00:00Z',
  }),
];

/** What the fake hub saw and will answer. */
interface FakeHub {
  orders: OrderSummary[];
  posted: Order[];
  invalid: unknown[];
  listRequests: number;
  sampleEnabled: boolean;
  rejectNext?: { message: string; fields?: Array<{ path: string; message: string }> };
  /** Whether the device's session is good; false answers 401 on every /api call but sign-in. */
  signedIn: boolean;
  /** The next POST /api/orders answers 401 with this message (the session expired meanwhile). */
  expireNext?: string;
  logins: number;
  /** POSTs that came without the X-Requested-With header the hub's CSRF guard demands. */
  unguardedPosts: number;
}

const DEMO_USER = { id: '5d2b8b0e-6a41-4c0e-9d3e-4c1f2b3a4d5e', email: 'rep@satchel.local', name: 'Riley Rep', role: 'rep', disabled: false };

function fakeHub(staticDir: string, hub: FakeHub): express.Express {
  const app = express();
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.use('/api', (req, res, next) => {
    if (req.method === 'POST' && req.get('x-requested-with') !== 'satchel') hub.unguardedPosts++;
    if (req.path === '/auth/login' || hub.signedIn) return next();
    res.status(401).json({ error: { code: 'signed_out', message: 'Sign in to continue.' } });
  });
  app.post('/api/auth/login', express.json(), (req, res) => {
    hub.logins++;
    if (req.body?.email !== DEMO_USER.email || req.body?.password !== 'satchel-rep-demo') {
      res.status(401).json({ error: { code: 'bad_credentials', message: 'Email or password is incorrect.' } });
      return;
    }
    hub.signedIn = true;
    res.json({ user: DEMO_USER });
  });
  app.get('/api/auth/me', (_req, res) => {
    res.json({ user: DEMO_USER });
  });
  app.get('/api/orders', (_req, res) => {
    hub.listRequests++;
    // Orders placed in this test move three stages along the main line per look.
    for (const o of hub.orders) {
      if (SEEDED.some((s) => s.id === o.id) || isFinal(o.stage)) continue;
      const at = (MAIN_LINE as readonly Stage[]).indexOf(o.stage);
      o.stage = MAIN_LINE[Math.min(at + 3, MAIN_LINE.length - 1)]!;
      o.updatedAt = new Date().toISOString();
    }
    res.json({ orders: hub.orders });
  });
  app.get('/api/dev/sample-order', (_req, res) => {
    if (!hub.sampleEnabled) res.status(404).json({ error: { message: 'Not found' } });
    else res.json(sampleOrder());
  });
  app.post('/api/orders', express.json(), (req, res) => {
    if (hub.expireNext) {
      hub.signedIn = false;
      res.status(401).json({ error: { code: 'session_expired', message: hub.expireNext } });
      hub.expireNext = undefined;
      return;
    }
    if (hub.rejectNext) {
      res.status(400).json({ error: hub.rejectNext });
      hub.rejectNext = undefined;
      return;
    }
    const parsed = OrderSchema.safeParse(req.body);
    if (!parsed.success) {
      hub.invalid.push(req.body);
      res.status(400).json({
        error: { message: 'The order is not valid', fields: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) },
      });
      return;
    }
    const order = parsed.data;
    hub.posted.push(order);
    const placed: OrderSummary = summary({
      id: order.id,
      kind: order.kind,
      number: documentNumber(order.kind, order.id),
      stage: 'received',
      customerName: order.customer.name,
      total: orderTotals(order).gross,
      createdAt: order.createdAt,
      updatedAt: new Date().toISOString(),
    });
    hub.orders.unshift(placed);
    res.status(201).json({ order: placed });
  });
  app.use(
    express.static(staticDir, {
      setHeaders(res, file) {
        if (file.endsWith('sw.js')) res.setHeader('Cache-Control', 'no-cache');
      },
    }),
  );
  return app;
}

const LAUNCH_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

describe('client shell in Chromium', () => {
  let tmp: string;
  let build: BuildResult;
  let server: Server;
  let baseUrl: string;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];
  const hub: FakeHub = { orders: [], posted: [], invalid: [], listRequests: 0, sampleEnabled: true, signedIn: false, logins: 0, unguardedPosts: 0 };

  const launch = async () => {
    const executablePath = findChromium();
    if (!executablePath) throw new Error('No Chromium found: set PUPPETEER_EXECUTABLE_PATH');
    const b = await puppeteer.launch({ executablePath, headless: true, args: LAUNCH_ARGS, userDataDir: path.join(tmp, 'profile') });
    const p = await b.newPage();
    await p.setViewport({ width: 390, height: 760 });
    p.on('pageerror', (err) => pageErrors.push(err instanceof Error ? err.message : String(err)));
    return { b, p };
  };

  const text = (selector: string) => page.$eval(selector, (el) => (el as HTMLElement).innerText);
  const waitForText = (selector: string, expected: string, timeout = 10_000) =>
    page.waitForFunction((s, t) => document.querySelector(s)?.textContent?.includes(t), { timeout }, selector, expected);
  /** Paths of everything in the page's Cache Storage. */
  const cachedPaths = () =>
    page.evaluate(async () => {
      const paths: string[] = [];
      for (const name of await caches.keys()) {
        for (const req of await (await caches.open(name)).keys()) paths.push(new URL(req.url).pathname);
      }
      return paths;
    });
  const stageOf = (id: string) => page.$eval(`[data-order-id="${id}"] [data-stage]`, (el) => el.getAttribute('data-stage'));

  beforeAll(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'satchel-client-'));
    build = await buildClient({ outDir: path.join(tmp, 'dist'), log: () => {} });
    hub.orders = SEEDED.map((o) => ({ ...o }));
    server = fakeHub(build.outDir, hub).listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    ({ b: browser, p: page } = await launch());
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('builds hashed bundles and a service worker with the shell precached', () => {
    expect(build.mainJs).toMatch(/^\/assets\/main-[A-Z0-9]{8}\.js$/);
    expect(build.mainCss).toMatch(/^\/assets\/main-[A-Z0-9]{8}\.css$/);
    const html = fs.readFileSync(path.join(build.outDir, 'index.html'), 'utf8');
    expect(html).toContain(`src="${build.mainJs}"`);
    expect(html).not.toContain('%MAIN_');
    expect(build.precache.urls).toEqual(expect.arrayContaining(['index.html', 'manifest.webmanifest', 'icons/icon-192.png', build.mainJs.slice(1)]));
    expect(build.precache.urls.some((u) => u.endsWith('.map') || u === 'sw.js')).toBe(false);
    const sw = fs.readFileSync(path.join(build.outDir, 'sw.js'), 'utf8');
    expect(sw).not.toContain('__WB_MANIFEST');
    for (const icon of ['icon-192.png', 'icon-512.png', 'maskable-512.png']) {
      const png = fs.readFileSync(path.join(build.outDir, 'icons', icon));
      expect(png.subarray(1, 4).toString()).toBe('PNG');
    }
  });

  const signInAsDemoRep = async (password = 'satchel-rep-demo') => {
    const email = await page.waitForSelector('input[name="email"]');
    await email!.click({ count: 3 });
    await email!.type(DEMO_USER.email);
    const pw = await page.waitForSelector('input[name="password"]');
    await pw!.click({ count: 3 });
    await pw!.type(password);
    await (await page.waitForSelector('button::-p-text(Sign in)'))!.click();
  };

  it('asks a signed-out rep to sign in, says plainly when that fails, then opens the app', async () => {
    await page.goto(baseUrl, { waitUntil: 'load' });
    await waitForText('h2', 'Sign in');
    expect(await page.$('[data-testid="order-list"]')).toBeNull();
    await signInAsDemoRep('not the password');
    await waitForText('[role="alert"]', 'Email or password is incorrect.');
    await signInAsDemoRep();
    await waitForText('[data-testid="user-name"]', 'Riley Rep');
    expect(hub.logins).toBe(2);
  });

  it('renders the shell, the hub health and the order list with readable stages', async () => {
    await page.goto(baseUrl, { waitUntil: 'load' });
    await waitForText('h1', 'Satchel');
    await waitForText('[data-testid="hub-status"]', 'Hub connected');
    await page.waitForSelector('[data-testid="order-list"] li');
    expect(await text('[data-testid="online-status"]')).toContain('Online');
    const items = await page.$$eval('[data-testid="order-list"] li', (lis) => lis.map((li) => (li as HTMLElement).innerText));
    expect(items).toHaveLength(2);
    expect(items[0]).toContain('Northwind Traders');
    expect(items[0]).toContain('SO-6F1C1F5E8A574D55');
    expect(items[0]).toMatch(/\$1,234\.56/);
    expect(items[0]).toContain('Done');
    expect(items[1]).toContain('Blue Lagoon Bistro');
    expect(items[1]).toMatch(/quote/i);
    expect(items[1]).toContain('Cancelled');
    expect(items.join('\n')).not.toMatch(/needs_attention|in_zoho|cancelled\b/);
  });

  it('activates the service worker, which controls the page with the shell precached', async () => {
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, { timeout: 15_000 });
    const state = await page.evaluate(async () => (await navigator.serviceWorker.ready).active?.state);
    expect(state).toBe('activated');
    await waitForText('[data-testid="offline-ready"]', 'Ready to work offline');
    expect(await cachedPaths()).toEqual(expect.arrayContaining(['/index.html', build.mainJs, build.mainCss]));
  });

  it('places a demo order that passes OrderSchema, then follows it to done by polling', async () => {
    const button = await page.waitForSelector('button::-p-text(Place a demo order)');
    await button!.click();
    await page.waitForSelector('[data-order-id] ::-p-text(Harbour Café)');

    expect(hub.invalid).toEqual([]);
    expect(hub.posted).toHaveLength(1);
    const posted = hub.posted[0]!;
    expect(OrderSchema.safeParse(posted).success).toBe(true);
    await waitForText('.notice-ok', `Order ${documentNumber('order', posted.id)} placed`);
    expect(await stageOf(posted.id)).toBe('received');
    const first = await text(`[data-order-id="${posted.id}"]`);
    expect(first).toContain('Received');
    expect(first).toContain('€'); // 3 × 18.90 + 7 % and 2 × 6.50 − 10 % + 19 %
    expect(first).toContain(((orderTotals(posted).gross.amount / 100).toFixed(2)));

    await page.screenshot({ path: SCREENSHOT, fullPage: true });

    // The list is polled while the new order is on its way: received → confirmed → done.
    await page.waitForFunction((id) => document.querySelector(`[data-order-id="${id}"] [data-stage]`)?.getAttribute('data-stage') === 'done', { timeout: POLL_MS * 4 }, posted.id);
    expect(await text(`[data-order-id="${posted.id}"]`)).toContain('Done');

    // ...and no longer once every order is final.
    const requests = hub.listRequests;
    await new Promise((r) => setTimeout(r, POLL_MS * 1.5));
    expect(hub.listRequests).toBe(requests);
  }, 30_000);

  it('never caches the hub’s answers (the API went through the service worker by now)', async () => {
    expect(hub.listRequests).toBeGreaterThan(2);
    const cached = await cachedPaths();
    expect(cached.length).toBeGreaterThan(0);
    expect(cached.filter((u) => u.startsWith('/api/') || u === '/healthz')).toEqual([]);
  });

  it('shows the hub’s error message plainly when an order is refused', async () => {
    hub.rejectNext = { message: 'Harbour Café is on credit hold', fields: [{ path: 'customer', message: 'on credit hold' }] };
    await (await page.waitForSelector('button::-p-text(Place a demo order)'))!.click();
    await waitForText('[data-testid="order-error"]', 'Harbour Café is on credit hold');
    expect(await text('[data-testid="order-error"]')).toContain('customer: on credit hold');
    expect(hub.posted).toHaveLength(1);
  });

  it('sends the session back to sign-in with the hub’s reason when it has expired', async () => {
    hub.expireNext = 'Your sign-in has expired. Sign in again; anything not yet sent stays on this device.';
    await (await page.waitForSelector('button::-p-text(Place a demo order)'))!.click();
    await waitForText('.sign-in', 'Your sign-in has expired');
    await signInAsDemoRep();
    await page.waitForSelector('[data-testid="order-list"] li');
    expect(hub.unguardedPosts).toBe(0); // every POST carried the CSRF header
  });

  it('hides the demo button when the hub is not in sandbox mode', async () => {
    hub.sampleEnabled = false;
    await page.reload({ waitUntil: 'load' });
    await page.waitForSelector('[data-testid="order-list"] li');
    await waitForText('[data-testid="hub-status"]', 'Hub connected');
    await new Promise((r) => setTimeout(r, 300));
    expect(await page.$('button::-p-text(Place a demo order)')).toBeNull();
    hub.sampleEnabled = true;
  });

  it('opens offline from the precache, after a reload and from a cold start', async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));

    await page.setOfflineMode(true);
    await page.reload({ waitUntil: 'load' });
    await waitForText('h1', 'Satchel');
    await waitForText('[data-testid="online-status"]', 'Offline');
    await waitForText('[data-testid="hub-status"]', 'Hub unreachable');

    // Cold start: a new browser on the same profile, the server gone, a deep link.
    await browser.close();
    ({ b: browser, p: page } = await launch());
    await page.goto(`${baseUrl}/orders/new`, { waitUntil: 'load' });
    await waitForText('h1', 'Satchel');
    await waitForText('[data-testid="hub-status"]', 'Hub unreachable');
    expect(await page.$('button::-p-text(Place a demo order)')).toBeNull();
    expect(pageErrors).toEqual([]);
  }, 30_000);
});

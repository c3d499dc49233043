/**
 * The client in a real Chromium: built into a temp dir, served by a small express server that
 * fakes the hub endpoints the app uses (the real stack is driven by test/e2e). Fast checks of
 * the build, sign-in, the data set download (progress, a cut-off download resuming, a corrupt
 * record skipped and reported, deltas), the form's checks, the cart's discounts and pre-flight
 * (a block, a warning sent anyway), the outbox, editing a sent order offline (its revision), and
 * offline start.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import express from 'express';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import {
  MAIN_LINE,
  OrderSchema,
  CustomerSchema,
  RevisionRequestSchema,
  documentNumber,
  orderTotals,
  type Order,
  type OrderSummary,
  type RevisionRequest,
  type Stage,
} from '../domain';
import { axeViolations } from '../test/e2e/support/axe';
import type { Driver } from '../test/e2e/support/driver';
import { buildClient, type BuildResult } from './build';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { findChromium } = require('../scripts/lib/toolchain.cjs') as { findChromium(): string | undefined };

const EPOCH = 'c0ffee01';
const DEMO_USER = { id: '5d2b8b0e-6a41-4c0e-9d3e-4c1f2b3a4d5e', email: 'rep@satchel.local', name: 'Riley Rep', role: 'rep', disabled: false };

interface Rec {
  c: number;
  k: string;
  id: string;
  d?: unknown;
  del?: 1;
}

/** A small catalogue: 30 products, stock, a price list, 6 customers, one corrupt item. */
function catalogue(): Rec[] {
  const recs: Array<Omit<Rec, 'c'>> = [
    {
      k: 'settings',
      id: 'client',
      d: {
        currency: 'EUR',
        product: 'inventory',
        paymentMethods: ['Cash'],
        fees: [{ id: 'd', name: 'Delivery', amount: 500 }],
        salesReps: [],
        defaults: { orderStatus: 'draft', quoteTarget: 'estimate' },
      },
    },
    { k: 'tax', id: 'tax-std', d: { name: 'Standard', percent: 20 } },
    { k: 'pricelist', id: 'pl-key', d: { name: 'Key accounts -10%', type: 'fixed_percentage', percentage: 10, isIncrease: false, currency: 'EUR' } },
  ];
  for (let i = 1; i <= 30; i++) {
    const id = `item-${i}`;
    recs.push({
      k: 'item',
      id,
      d: {
        name: `${i % 2 ? 'Walnut' : 'Copper'} Widget ${i}`,
        sku: `W-${String(i).padStart(3, '0')}`,
        rate: 1000 + i * 10,
        currency: 'EUR',
        taxId: 'tax-std',
        category: i % 3 ? 'Widgets' : 'Gadgets',
      },
    });
    recs.push({ k: 'stock', id, d: { total: i * 2 } });
  }
  recs.push({ k: 'item', id: 'item-bad', d: { name: 'Broken Widget', rate: 'twelve', currency: 'EUR' } });
  const names = ['Harbour Café', 'Müller Hardware', 'Corner Goods', 'Lakeside Living', 'Station Supplies', 'Old Town Depot'];
  names.forEach((name, i) =>
    recs.push({
      k: 'customer',
      id: `cust-${i + 1}`,
      d: { name, email: `c${i + 1}@example.test`, ...(i === 0 ? { priceListId: 'pl-key' } : {}), billingAddress: { city: 'Portland' }, detailed: true },
    }),
  );
  return recs.map((r, i) => ({ ...r, c: i + 1 }));
}

interface FakeHub {
  records: Rec[];
  datasetRequests: string[];
  /** Cut the next data set response after its first page (mid-line). */
  cutNext: boolean;
  orders: Array<OrderSummary & { body: Order }>;
  customersPosted: unknown[];
  signedIn: boolean;
  /** The next POST /api/orders answers 401 (the session expired meanwhile). */
  expireNext?: string;
  /** The session expired (expireNext fired): every request hears so until the rep signs in, as the hub's auth says it. */
  expired?: string;
  logins: number;
  unguardedPosts: number;
  /** The hub is unreachable: every API connection is cut. */
  down?: boolean;
  /** The hub is still loading its catalogue from Zoho (said in the data set's start line). */
  loading?: { items: number };
  /** Revisions stored, as posted; and every POST to /revisions (stored, replayed or refused). */
  revisions: RevisionRequest[];
  revisionPosts: number;
  /** Editing has closed (confirmed in Zoho): the list says so and a revision is refused with it. */
  editClosed?: string;
}

const PAGE = 10;

function fakeHub(staticDir: string, hub: FakeHub): express.Express {
  const app = express();
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.use('/api', (req, res, next) => {
    if (hub.down) return void req.socket.destroy();
    if (req.method === 'POST' && req.get('x-requested-with') !== 'satchel') hub.unguardedPosts++;
    if (req.path === '/auth/login' || hub.signedIn) return next();
    if (hub.expired) res.status(401).json({ error: { code: 'session_expired', message: hub.expired } });
    else res.status(401).json({ error: { code: 'signed_out', message: 'Sign in to continue.' } });
  });
  app.post('/api/auth/login', express.json(), (req, res) => {
    hub.logins++;
    if (req.body?.email !== DEMO_USER.email || req.body?.password !== 'satchel-rep-demo') {
      res.status(401).json({ error: { code: 'bad_credentials', message: 'Email or password is incorrect.' } });
      return;
    }
    hub.signedIn = true;
    hub.expired = undefined;
    res.json({ user: DEMO_USER });
  });
  app.get('/api/auth/me', (_req, res) => {
    res.json({ user: DEMO_USER });
  });
  app.post('/api/auth/logout', (_req, res) => {
    hub.signedIn = false;
    res.json({ ok: true });
  });
  app.get('/api/catalogue/dataset', (req, res) => {
    const since = String(req.query.since ?? '0');
    hub.datasetRequests.push(since);
    const from = since === '0' ? 0 : Number(since.split('.')[0]);
    const head = hub.records.reduce((n, r) => Math.max(n, r.c), 0);
    const rows = hub.records.filter((r) => r.c > from).sort((a, b) => a.c - b.c);
    const cut = hub.cutNext;
    hub.cutNext = false;
    res.type('application/x-ndjson');
    let out = `${JSON.stringify({ type: 'start', since: `${from}.${EPOCH}`, until: `${head}.${EPOCH}`, scope: 'all', schema: 1, ...(hub.loading ? { loading: hub.loading } : {}) })}\n`;
    for (let i = 0; i < rows.length; i += PAGE) {
      const page = rows.slice(i, i + PAGE);
      if (cut && i > 0) {
        res.write(out + JSON.stringify(page[0]).slice(0, 20)); // half a line, then the connection dies
        // A stream that errors drops what the page has not read yet (as a real cut would): give
        // the page time to take in the complete first page, even on a loaded machine.
        setTimeout(() => res.destroy(), 1000);
        return;
      }
      for (const r of page) out += `${JSON.stringify(r)}\n`;
      out += `${JSON.stringify({ type: 'page', cursor: `${page[page.length - 1]!.c}.${EPOCH}`, records: page.length })}\n`;
    }
    out += `${JSON.stringify({ type: 'end', cursor: `${head}.${EPOCH}`, records: rows.length, more: false })}\n`;
    res.end(out);
  });
  app.get('/api/orders', (_req, res) => {
    // Each look moves every order three stages along.
    for (const o of hub.orders) {
      const at = (MAIN_LINE as readonly Stage[]).indexOf(o.stage);
      o.stage = MAIN_LINE[Math.min(at + 3, MAIN_LINE.length - 1)]!;
      o.updatedAt = new Date().toISOString();
    }
    res.json({ orders: hub.orders.map((o) => summaryOf(hub, o)) });
  });
  app.post('/api/orders/:id/revisions', express.json({ limit: '2mb' }), (req, res) => {
    hub.revisionPosts++;
    const parsed = RevisionRequestSchema.safeParse(req.body);
    if (!parsed.success) {
      res.status(400).json({
        error: { message: 'The revision is not valid', fields: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) },
      });
      return;
    }
    const { revision, order } = parsed.data;
    const doc = hub.orders.find((o) => o.id === req.params.id && o.id === order.id);
    if (!doc) return void res.status(404).json({ error: { message: 'No such order' } });
    if (hub.editClosed) return void res.status(409).json({ error: { code: 'not_editable', message: hub.editClosed } });
    const stored = hub.revisions.find((r) => r.order.id === doc.id && r.revision === revision);
    if (stored && JSON.stringify(stored) === JSON.stringify(parsed.data)) return void res.status(200).json({ order: summaryOf(hub, doc) });
    if (revision !== doc.revision + 1)
      return void res.status(409).json({ error: { code: 'stale_revision', message: `The hub holds revision ${doc.revision} already.` } });
    hub.revisions.push(parsed.data);
    Object.assign(doc, { revision, body: order, total: orderTotals(order).gross, updatedAt: new Date().toISOString() });
    res.status(202).json({ order: summaryOf(hub, doc) });
  });
  app.post('/api/orders', express.json({ limit: '2mb' }), (req, res) => {
    if (hub.expireNext) {
      hub.signedIn = false;
      res.status(401).json({ error: { code: 'session_expired', message: hub.expireNext } });
      hub.expired = hub.expireNext;
      hub.expireNext = undefined;
      return;
    }
    const parsed = OrderSchema.safeParse(req.body);
    if (!parsed.success) {
      res
        .status(400)
        .json({ error: { message: 'The order is not valid', fields: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) } });
      return;
    }
    const order = parsed.data;
    const existing = hub.orders.find((o) => o.id === order.id);
    const now = new Date().toISOString();
    const summary = existing ?? {
      id: order.id,
      kind: order.kind,
      number: documentNumber(order.kind, order.id),
      stage: 'received' as Stage,
      customerName: order.customer.name,
      total: orderTotals(order).gross,
      zohoId: null,
      zohoNumber: null,
      attentionReason: null,
      workflowId: `order-${order.id}`,
      workflowUrl: '',
      revision: 0,
      editable: true,
      createdAt: order.createdAt,
      updatedAt: now,
      body: order,
    };
    if (!existing) hub.orders.push(summary);
    res.status(existing ? 200 : 201).json({ order: summaryOf(hub, summary) });
  });
  app.post('/api/customers', express.json(), (req, res) => {
    const parsed = CustomerSchema.safeParse(req.body);
    if (!parsed.success) {
      res.status(400).json({ error: { message: 'The customer is not valid' } });
      return;
    }
    hub.customersPosted.push(parsed.data);
    res.status(201).json({
      customer: {
        id: parsed.data.id,
        name: parsed.data.name,
        email: null,
        stage: 'received',
        zohoContactId: null,
        attentionReason: null,
        workflowId: '',
        createdAt: '',
        updatedAt: '',
      },
    });
  });
  app.use(express.static(staticDir, { setHeaders: (res, file) => file.endsWith('sw.js') && res.setHeader('Cache-Control', 'no-cache') }));
  app.get(/^\/(?!api\/).*/, (_req, res) => res.sendFile(path.join(staticDir, 'index.html')));
  return app;
}

/** An order as the hub lists it: editable until editing closes. */
function summaryOf(hub: FakeHub, { body: _b, ...o }: OrderSummary & { body: Order }): OrderSummary {
  return hub.editClosed ? { ...o, editable: false, notEditableReason: hub.editClosed } : o;
}

const LAUNCH_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

describe('the rep’s app in Chromium (fake hub)', () => {
  let tmp: string;
  let build: BuildResult;
  let server: Server;
  let baseUrl: string;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];
  const hub: FakeHub = {
    records: catalogue(),
    datasetRequests: [],
    cutNext: true,
    orders: [],
    customersPosted: [],
    signedIn: false,
    logins: 0,
    unguardedPosts: 0,
    revisions: [],
    revisionPosts: 0,
  };

  const launch = async () => {
    const executablePath = findChromium();
    if (!executablePath) throw new Error('No Chromium found: set PUPPETEER_EXECUTABLE_PATH');
    const b = await puppeteer.launch({ executablePath, headless: true, args: LAUNCH_ARGS, userDataDir: path.join(tmp, 'profile') });
    const p = (await b.pages())[0] ?? (await b.newPage());
    await p.setViewport({ width: 390, height: 800 });
    p.on('pageerror', (err) => pageErrors.push(err instanceof Error ? err.message : String(err)));
    return { b, p };
  };

  const waitForText = (selector: string, expected: string, timeout = 10_000) =>
    page.waitForFunction(
      (s: string, t: string) => [...document.querySelectorAll(s)].some((el) => el.textContent?.includes(t)),
      { timeout, polling: 50 },
      selector,
      expected,
    );
  const text = (selector: string) => page.$eval(selector, (el) => (el as HTMLElement).innerText);
  const clickText = async (selector: string, t: string) => {
    await waitForText(selector, t);
    await page.evaluate((s: string, x: string) => [...document.querySelectorAll<HTMLElement>(s)].find((e) => e.textContent?.includes(x))!.click(), selector, t);
  };
  const fill = (selector: string, value: string) =>
    page.$eval(
      selector,
      (el, v) => {
        Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(el, v);
        el.dispatchEvent(new Event('input', { bubbles: true }));
      },
      value,
    );
  /** axe-core's serious and critical findings on the page as it is (the e2e suites' rules and tags). */
  const axeBlocking = async () => {
    const driver = { engine: 'chromium', evaluate: (fn: () => unknown) => page.evaluate(fn), evaluateSource: (s: string) => page.evaluate(s) };
    const found = await axeViolations(driver as unknown as Driver);
    return found.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help} (${v.targets.join(', ')})`);
  };
  const cachedPaths = () =>
    page.evaluate(async () => {
      const paths: string[] = [];
      for (const name of await caches.keys()) for (const req of await (await caches.open(name)).keys()) paths.push(`${name} ${new URL(req.url).pathname}`);
      return paths;
    });

  beforeAll(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'satchel-client-'));
    build = await buildClient({ outDir: path.join(tmp, 'dist'), log: () => {} });
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

  /** A built file and every file it imports statically (`import … from "./x.js"`, not `import("./x.js")`), by path under outDir. */
  function staticImports(outDir: string, entry: string, seen = new Set<string>()): string[] {
    if (seen.has(entry)) return [...seen];
    seen.add(entry);
    const code = fs.readFileSync(path.join(outDir, entry), 'utf8');
    for (const m of code.matchAll(/import\s*(?:[^"'();]*?from\s*)?["']\.\/([\w.-]+\.js)["']/g))
      staticImports(outDir, path.posix.join(path.posix.dirname(entry), m[1]!), seen);
    return [...seen];
  }

  it('builds hashed bundles, a small shell, and a service worker with the shell precached', () => {
    expect(build.mainJs).toMatch(/^\/assets\/main-[A-Z0-9]{8}\.js$/);
    expect(build.mainCss).toMatch(/^\/assets\/main-[A-Z0-9]{8}\.css$/);
    const html = fs.readFileSync(path.join(build.outDir, 'index.html'), 'utf8');
    expect(html).toContain(`src="${build.mainJs}"`);
    expect(build.precache.urls).toEqual(expect.arrayContaining(['index.html', 'manifest.webmanifest', 'icons/icon-192.png', build.mainJs.slice(1)]));
    expect(build.precache.urls.some((u) => u.endsWith('.map') || u === 'sw.js')).toBe(false);
    // The shell: the JavaScript a cold start loads (the entry and what it imports statically); the
    // scanner's decoder and the data set's sync are chunks loaded on first use, bounded with the rest.
    const shell = staticImports(build.outDir, build.mainJs.slice(1));
    const gzipOf = (files: string[]) => build.files.filter((f) => files.includes(f.file)).reduce((n, f) => n + f.gzipBytes, 0);
    const allJs = build.files.filter((f) => f.file.endsWith('.js') && f.file !== 'sw.js').map((f) => f.file);
    expect(shell.length).toBeLessThan(allJs.length); // some chunks are lazy
    expect(gzipOf(shell)).toBeLessThan(60 * 1024);
    expect(gzipOf(allJs)).toBeLessThan(80 * 1024);
    const sw = fs.readFileSync(path.join(build.outDir, 'sw.js'), 'utf8');
    expect(sw).not.toContain('__WB_MANIFEST');
    expect(sw).toContain('satchel-outbox'); // the background-sync queue
  });

  it('asks a signed-out rep to sign in, and says plainly when that fails', async () => {
    await page.goto(baseUrl, { waitUntil: 'load' });
    await waitForText('h2', 'Sign in');
    await fill('input[name="email"]', DEMO_USER.email);
    await fill('input[name="password"]', 'not the password');
    await clickText('button', 'Sign in');
    await waitForText('[role="alert"]', 'Email or password is incorrect.');
  });

  it('downloads the data set with progress, resumes a cut-off download, and skips a corrupt record', async () => {
    await fill('input[name="password"]', 'satchel-rep-demo');
    await clickText('button', 'Sign in');
    await page.waitForSelector('[data-testid="customer-list"] li', { timeout: 20_000 });
    // The first response died after its first page: the second asked from that page's cursor.
    expect(hub.datasetRequests.slice(0, 2)).toEqual(['0', `10.${EPOCH}`]);
    expect(await page.$$eval('[data-testid="customer-list"] li', (lis) => lis.length)).toBe(6);
    await page.click('button[aria-label="Menu"]');
    await waitForText('[data-testid="prices-as-of"]', 'Prices as of');
    await waitForText('[data-testid="sync-skipped"]', '1 unreadable record skipped (last: item:item-bad: rate is not whole minor units)');
    await page.click('button[aria-label="Menu"]');
    const stored = await page.evaluate(
      () =>
        new Promise<{ items: number; skipped: string[] }>((resolve) => {
          const open = indexedDB.open('satchel');
          open.onsuccess = () => {
            const tx = open.result.transaction(['items', 'meta']);
            const count = tx.objectStore('items').count();
            const sync = tx.objectStore('meta').get('sync');
            tx.oncomplete = () => resolve({ items: count.result, skipped: (sync.result as { skipped: string[] }).skipped });
          };
        }),
    );
    expect(stored.items).toBe(30);
    expect(stored.skipped).toEqual([expect.stringContaining('item:item-bad')]);
  });

  it('searches products by name or SKU, browses by category, and prices for the customer', async () => {
    await page.goto(`${baseUrl}/#/products`);
    await page.waitForSelector('[data-testid="product-list"] li');
    await fill('[data-testid="product-search"]', 'w-007');
    await waitForText('[data-testid="product-list"] li', 'Walnut Widget 7');
    expect(await page.$$eval('[data-testid="product-list"] li', (lis) => lis.length)).toBe(1);
    expect(await text('[data-testid="product-list"] li')).toContain('14 in stock');
    expect(await text('[data-testid="product-list"] li [data-testid="price"]')).toContain('10.70'); // base rate
    await fill('[data-testid="product-search"]', '');
    await page.select('.filters select', 'Gadgets');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="product-list"] li').length === 10);
    await page.select('.filters select', '');
    // Harbour Café has the "Key accounts -10%" price list.
    await page.goto(`${baseUrl}/#/customers`);
    await clickText('[data-testid="customer-list"] .row-main', 'Harbour Café');
    await waitForText('[data-testid="selected-customer"]', 'Harbour Café');
    await fill('[data-testid="product-search"]', 'W-007');
    await waitForText('[data-testid="product-list"] li [data-testid="price"]', '9.63'); // 10.70 − 10 %
  });

  it('names what is wrong before an order is created: no customer, bad quantities', async () => {
    await page.evaluate(() => localStorage.clear());
    await page.goto(`${baseUrl}/#/products`);
    await (await page.waitForSelector('[data-testid="product-list"] li button.add'))!.click();
    await page.waitForSelector('[data-testid="cart-badge"]');
    expect(await text('[data-testid="cart-badge"]')).toBe('1');
    // Forget the customer (a fresh draft keeps lines; choose none), once the app has saved the line:
    // the badge shows the line before the draft's write lands (on a busy machine, well before).
    const forgetCustomer = () =>
      page.evaluate(
        () =>
          new Promise<boolean>((resolve) => {
            const open = indexedDB.open('satchel');
            open.onsuccess = () => {
              const tx = open.result.transaction('state', 'readwrite');
              const store = tx.objectStore('state');
              const get = store.get('draft');
              let saved = false;
              get.onsuccess = () => {
                saved = (get.result?.lines?.length ?? 0) > 0;
                if (saved) store.put({ ...get.result, customerId: undefined }, 'draft');
              };
              tx.oncomplete = () => resolve(saved);
            };
          }),
      );
    for (let tries = 0; !(await forgetCustomer()); tries++) {
      if (tries > 100) throw new Error('the draft with its line was never saved');
      await new Promise((r) => setTimeout(r, 100));
    }
    await page.reload({ waitUntil: 'load' });
    await page.goto(`${baseUrl}/#/cart`);
    await page.waitForSelector('.cart-line input[name="quantity"]');
    await fill('.cart-line input[name="quantity"]', '0');
    await clickText('button', 'Create Order');
    await page.waitForSelector('[data-testid="draft-problems"]');
    const problems = await text('[data-testid="draft-problems"]');
    expect(problems).toContain('Choose a customer first');
    expect(problems).toContain('Must be more than 0');
    expect(await page.$eval('.cart-line input[name="quantity"]', (el) => el.getAttribute('aria-invalid'))).toBe('true');
    expect(hub.orders).toHaveLength(0);
  });

  it('sends an order through the outbox and follows it to "Emailed"', async () => {
    await page.goto(`${baseUrl}/#/customers`);
    await clickText('[data-testid="customer-list"] .row-main', 'Corner Goods');
    await page.goto(`${baseUrl}/#/cart`);
    await fill('.cart-line input[name="quantity"]', '2.5');
    await clickText('button', 'Create Order');
    await waitForText('[data-testid="flash"]', 'saved on this device');
    await page.waitForFunction(() => document.querySelector<HTMLElement>('[data-doc-id]')?.dataset.status === 'emailed', { timeout: 15_000 });
    expect(hub.orders).toHaveLength(1);
    const posted = hub.orders[0]!.body;
    expect(posted.customer).toEqual({ zohoContactId: 'cust-3', name: 'Corner Goods', email: 'c3@example.test' });
    expect(posted.lines).toEqual([expect.objectContaining({ quantity: 2.5, taxPercent: 20, taxId: 'tax-std' })]);
    expect(await text(`[data-doc-id="${posted.id}"]`)).toContain(`Number ${posted.id ? documentNumber('order', posted.id) : ''}`);
    expect(hub.unguardedPosts).toBe(0);
  });

  it('keeps the order when the session expired, asks to sign in, then sends it', async () => {
    hub.expireNext = 'Your sign-in has expired. Sign in again; anything not yet sent stays on this device.';
    await page.goto(`${baseUrl}/#/products`);
    await (await page.waitForSelector('[data-testid="product-list"] li button.add'))!.click();
    await page.goto(`${baseUrl}/#/cart`);
    await clickText('button', 'Create Order');
    await waitForText('.sign-in', 'Your sign-in has expired');
    expect(hub.orders).toHaveLength(1);
    await fill('input[name="email"]', DEMO_USER.email);
    await fill('input[name="password"]', 'satchel-rep-demo');
    await clickText('button', 'Sign in');
    await page.goto(`${baseUrl}/#/documents`);
    await page.waitForFunction(
      () => {
        const docs = [...document.querySelectorAll<HTMLElement>('[data-doc-id]')];
        return docs.length === 2 && docs.every((el) => el.dataset.status !== 'device');
      },
      { timeout: 30_000 },
    );
    expect(hub.orders).toHaveLength(2);
  });

  it('fetches only what changed on "Sync data": a new price, a removed product', async () => {
    const next = Math.max(...hub.records.map((r) => r.c));
    hub.records.push({
      c: next + 1,
      k: 'item',
      id: 'item-7',
      d: { name: 'Walnut Widget 7', sku: 'W-007', rate: 2000, currency: 'EUR', taxId: 'tax-std', category: 'Widgets' },
    });
    hub.records.push({ c: next + 2, k: 'item', id: 'item-9', del: 1 });
    const before = hub.datasetRequests.length;
    await page.click('button[aria-label="Menu"]');
    await clickText('.menu button', 'Sync data');
    await page.waitForFunction(() => !document.querySelector('.sync-strip'), { timeout: 10_000 });
    await new Promise((r) => setTimeout(r, 300));
    expect(hub.datasetRequests.slice(before)).toEqual([`${next}.${EPOCH}`]);
    await page.goto(`${baseUrl}/#/customers`);
    await clickText('[data-testid="customer-list"] .row-main', 'Corner Goods');
    await fill('[data-testid="product-search"]', 'W-00');
    await waitForText('[data-testid="product-list"] li[data-item-id="item-7"] [data-testid="price"]', '20.00');
    expect(await page.$('[data-item-id="item-9"]')).toBeNull();
  });

  it('sends the cart’s discounts as the cart totals them; pre-flight blocks an inactive customer, and a warning goes only with Send anyway', async () => {
    const next = Math.max(...hub.records.map((r) => r.c));
    hub.records.push({
      c: next + 1,
      k: 'customer',
      id: 'cust-6',
      d: { name: 'Old Town Depot', email: 'c6@example.test', billingAddress: { city: 'Portland' }, detailed: true, active: false },
    });
    await page.click('button[aria-label="Menu"]');
    await clickText('.menu button', 'Sync data');
    await page.waitForFunction(() => !document.querySelector('.sync-strip'), { timeout: 10_000 });
    await new Promise((r) => setTimeout(r, 300));
    await page.goto(`${baseUrl}/#/customers`);
    await clickText('[data-testid="customer-list"] .row-main', 'Old Town Depot');
    await fill('[data-testid="product-search"]', 'W-001');
    await (await page.waitForSelector('[data-testid="product-list"] li[data-item-id="item-1"] button.add'))!.click();
    await page.goto(`${baseUrl}/#/cart`);
    await page.waitForSelector('.cart-line[data-item-id="item-1"] input[name="quantity"]');
    await fill('.cart-line[data-item-id="item-1"] input[name="quantity"]', '3'); // 2 in stock
    await fill('#discount-item-1', '10');
    await page.select('#order-discount-kind', 'amount');
    await fill('#order-discount', '1.00');
    await waitForText('[data-testid="total-discount"]', '1.00');
    const sent = hub.orders.length;

    await clickText('button', 'Create Order');
    await waitForText('[data-testid="preflight"][data-outcome="block"]', 'Old Town Depot is inactive in Zoho');
    expect(await page.$eval('[data-testid="preflight"]', (el) => el.getAttribute('role'))).toBe('alert');
    expect(await page.$('[data-testid="preflight"] button')).toBeNull(); // a block has no Send anyway

    // Another customer: the same cart, a warning this time.
    await page.goto(`${baseUrl}/#/customers`);
    await clickText('[data-testid="customer-list"] .row-main', 'Station Supplies');
    await page.goto(`${baseUrl}/#/cart`);
    await waitForText('.for-customer', 'Station Supplies');
    await waitForText('[data-testid="total-discount"]', '1.00');
    const total = await page.$eval('[data-testid="total"]', (el) => Number((el as HTMLElement).dataset.amount));
    await clickText('button', 'Create Order');
    await waitForText('[data-testid="preflight"][data-outcome="warn"]', 'only 2 in stock');
    await new Promise((r) => setTimeout(r, 300));
    expect(hub.orders).toHaveLength(sent);
    await clickText('[data-testid="preflight"] button', 'Send anyway');
    await waitForText('[data-testid="flash"]', 'saved on this device');
    const deadline = Date.now() + 10_000;
    while (hub.orders.length === sent && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    const body = hub.orders[sent]!.body;
    expect(body.customer.name).toBe('Station Supplies');
    expect(body.lines).toEqual([expect.objectContaining({ itemId: 'item-1', quantity: 3, unitPrice: 1010, discountPercent: 10 })]);
    expect(body).toMatchObject({ discount: { amount: 100 }, discountBeforeTax: true });
    expect(body.acceptedWarnings).toEqual([{ rule: 'stock', message: 'Walnut Widget 1: only 2 in stock at this location' }]);
    expect(orderTotals(body).gross.amount).toBe(total);
  });

  it('says while the office is still loading the catalogue, and fetches again by itself as soon as it is there', async () => {
    const next = Math.max(...hub.records.map((r) => r.c));
    hub.loading = { items: 1234 };
    await page.click('button[aria-label="Menu"]');
    await clickText('.menu button', 'Sync data');
    await waitForText('[data-testid="hub-loading"]', 'The office is still loading the catalogue from Zoho: 1,234 products so far.');
    const asked = hub.datasetRequests.length;

    // The hub's first sync ends with one more product: the app asks again without a tap.
    hub.loading = undefined;
    hub.records.push({
      c: next + 1,
      k: 'item',
      id: 'item-late',
      d: { name: 'Late Widget', sku: 'W-LATE', rate: 1500, currency: 'EUR', taxId: 'tax-std', category: 'Widgets' },
    });
    await page.waitForFunction(() => !document.querySelector('[data-testid="hub-loading"]'), { timeout: 20_000, polling: 100 });
    expect(hub.datasetRequests.length).toBeGreaterThan(asked);
    expect(hub.datasetRequests.slice(asked)).toContain(`${next}.${EPOCH}`);
    await page.goto(`${baseUrl}/#/customers`);
    await clickText('[data-testid="customer-list"] .row-main', 'Corner Goods');
    await fill('[data-testid="product-search"]', 'W-LATE');
    await waitForText('[data-testid="product-list"] li[data-item-id="item-late"] [data-testid="price"]', '15.00');
  });

  it('edits a sent order offline: the revision waits, then goes as revision 1 with the new lines; a refusal is shown, not retried', async () => {
    const sent = hub.orders[0]!;
    const number = documentNumber('order', sent.id);
    const row = `[data-doc-id="${sent.id}"]`;
    const itemId = sent.body.lines[0]!.itemId;
    const extra = itemId === 'item-4' ? 5 : 4;
    const documents = hub.orders.length;
    await page.goto(`${baseUrl}/#/documents`);
    await page.waitForSelector(`${row} [data-testid="edit-doc"]`);

    hub.down = true;
    await page.setOfflineMode(true);
    await (await page.waitForSelector(`${row} [data-testid="edit-doc"]`))!.click();
    await waitForText('[data-testid="editing"]', number);
    expect(await text('.for-customer')).toContain('Corner Goods');
    await fill(`.cart-line[data-item-id="${itemId}"] input[name="quantity"]`, '4');
    await page.goto(`${baseUrl}/#/products`);
    await fill('[data-testid="product-search"]', `W-00${extra}`);
    await (await page.waitForSelector(`[data-testid="product-list"] li[data-item-id="item-${extra}"] button.add`))!.click();
    await page.goto(`${baseUrl}/#/cart`);
    await page.waitForSelector(`.cart-line[data-item-id="item-${extra}"]`);
    await waitForText('[data-testid="totals"]', 'Total');
    const total = await page.$eval('[data-testid="total"]', (el) => Number((el as HTMLElement).dataset.amount));
    expect(await axeBlocking()).toEqual([]);
    await clickText('button', 'Save changes');
    await waitForText('[data-testid="flash"]', `Changes to ${number} saved on this device.`);
    await waitForText(`${row} [data-testid="revision-status"]`, 'Changes waiting to be sent');
    expect(await axeBlocking()).toEqual([]);
    expect(hub.revisionPosts).toBe(0);

    // The replay runs in the service worker (outbox/client.ts hands it over when one is active).
    expect(await page.evaluate(async () => Boolean((await navigator.serviceWorker.getRegistration())?.active))).toBe(true);
    hub.down = false;
    await page.setOfflineMode(false);
    await waitForText(`${row} [data-testid="revision-status"]`, 'Revision 1 sent', 20_000);
    expect(hub.revisions).toHaveLength(1);
    const [first] = hub.revisions;
    expect(first!.revision).toBe(1);
    // The same document, changed: its id, kind, customer and creation time, the new lines.
    expect(first!.order).toMatchObject({ id: sent.id, kind: 'order', customer: sent.body.customer, createdAt: sent.body.createdAt });
    expect(first!.order.lines).toEqual([expect.objectContaining({ itemId, quantity: 4 }), expect.objectContaining({ itemId: `item-${extra}`, quantity: 1 })]);
    expect(orderTotals(first!.order).gross.amount).toBe(total);
    expect(hub.orders).toHaveLength(documents); // never a second document
    await page.goto(`${baseUrl}/#/cart`);
    await page.waitForSelector('main h2');
    expect(await page.$('[data-testid="editing"]')).toBeNull(); // the draft from before the edit is back

    // Confirmed in Zoho meanwhile (the device's list still says editable): the hub refuses, once, and says why.
    await page.goto(`${baseUrl}/#/documents`);
    await (await page.waitForSelector(`${row} [data-testid="edit-doc"]`))!.click();
    await waitForText('[data-testid="editing"]', number);
    hub.editClosed = 'It is confirmed in Zoho: the office must change it there.';
    expect(await page.$eval(`.cart-line[data-item-id="${itemId}"] input[name="quantity"]`, (el) => (el as HTMLInputElement).value)).toBe('4');
    await fill(`.cart-line[data-item-id="${itemId}"] input[name="quantity"]`, '5');
    await clickText('button', 'Save changes');
    await waitForText(`${row} [data-testid="revision-status"][data-state="rejected"]`, 'It is confirmed in Zoho: the office must change it there.');
    expect(await page.$(`${row} [data-testid="edit-doc"]`)).toBeNull();
    expect(await axeBlocking()).toEqual([]);
    await page.evaluate(() => dispatchEvent(new Event('online'))); // a replay: a final answer is not sent again
    await new Promise((r) => setTimeout(r, 1000));
    expect(hub.revisionPosts).toBe(2);
    expect(hub.revisions).toHaveLength(1);
    await clickText(`${row} [data-testid="revision-status"] button`, 'Dismiss');
    // Dismissed, the reason stays on the order (from the refusal, until the hub's list says it).
    await waitForText(`${row} [data-testid="not-editable"]`, 'Cannot be changed here: It is confirmed in Zoho');
    expect(await text(`${row} [data-testid="revision-status"]`)).toBe('Revision 1 sent');

    // Another finished order: the hub's list says it can no longer change; the orders screen asks as the rep looks, and says why instead of Edit.
    const other = hub.orders.find((o) => o.id !== sent.id)!;
    await page.goto(`${baseUrl}/#/customers`);
    await page.goto(`${baseUrl}/#/documents`);
    await waitForText(`[data-doc-id="${other.id}"] [data-testid="not-editable"]`, 'Cannot be changed here: It is confirmed in Zoho');
    expect(await page.$(`[data-doc-id="${other.id}"] [data-testid="edit-doc"]`)).toBeNull();
    expect(hub.revisionPosts).toBe(2);
    hub.editClosed = undefined;
  });

  it('refuses to sign out while work is unsent', async () => {
    hub.down = true;
    await page.setOfflineMode(true);
    await page.goto(`${baseUrl}/#/products`);
    await (await page.waitForSelector('[data-testid="product-list"] li button.add'))!.click();
    await page.goto(`${baseUrl}/#/cart`);
    await clickText('button', 'Create Order');
    await waitForText('[data-testid="flash"]', 'saved on this device');
    await page.click('button[aria-label="Menu"]');
    await clickText('.menu button', 'Sign out');
    await waitForText('[data-testid="app-notice"]', 'unsent');
    await page.setOfflineMode(false);
  });

  it('never caches the hub’s data answers; opens offline after a reload and from a cold start', async () => {
    const cached = await cachedPaths();
    expect(cached.filter((u) => / \/api\//.test(u) && !u.startsWith('satchel-images '))).toEqual([]);
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));

    await page.setOfflineMode(true);
    await page.reload({ waitUntil: 'load' });
    await waitForText('[data-testid="online-status"]', 'Offline');
    await browser.close();
    ({ b: browser, p: page } = await launch());
    await page.goto(`${baseUrl}/#/documents`, { waitUntil: 'load' });
    await page.waitForSelector('[data-doc-id]');
    expect(await page.$$eval('[data-doc-id]', (els) => els.map((e) => (e as HTMLElement).dataset.status))).toContain('device');
    await page.goto(`${baseUrl}/#/products`, { waitUntil: 'load' });
    await page.waitForSelector('[data-testid="product-list"] li');
    expect(pageErrors).toEqual([]);
  }, 30_000);
});

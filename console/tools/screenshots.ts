/**
 * Screenshots of the console at 320, 390, 768 and 1024 px (small phone, phone, tablet, desktop), from the real console against a real
 * hub (in-process, SQLite, the Zoho sandbox) holding a few dozen orders in every stage, in
 * headless Chromium.
 *
 *   npx tsx console/tools/screenshots.ts [outDir]      (default: dist/screenshots)
 *
 * Writes console-<width>-<screen>.png for: sign-in, orders, an order that needs attention, a done
 * order, customers needing attention, the Zoho connection (tested), users (an invitation), the
 * audit log, and what a rep sees. Loopback only.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import puppeteer from 'puppeteer-core';
import { loadConfig, SANDBOX_DEMO } from '../../config';
import { documentNumber, MAIN_LINE, orderTotals, OrderSchema, workflowId, type Stage } from '../../domain';
import { createApp } from '../../hub/app';
import { createAuth, DEMO_USERS } from '../../hub/auth';
import { secretBox } from '../../server/secrets/secret-key';
import { openDatabase, type Database } from '../../server/db/connect';
import { migrate } from '../../server/db/migrate';
import { createMappingService } from '../../hub/services/mappings';
import { createMappingEvaluator } from '../../server/mappings/sandbox/evaluator';
import { createOrderService } from '../../hub/services/orders';
import { createZohoConnectionService } from '../../hub/services/zoho-connection-service';
import { createApiCallCounter } from '../../server/zoho/api-call-counter';
import { createZoho } from '../../server/zoho';
import { startSandbox } from '../../zoho/testing';
import { buildConsole } from '../build';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { findChromium } = require('../../scripts/lib/toolchain.cjs') as { findChromium(): string | undefined };

/** name: the width in px, in every file name. */
const WIDTHS = [
  { name: '320', width: 320, height: 640, scale: 2 },
  { name: '390', width: 390, height: 844, scale: 2 },
  { name: '768', width: 768, height: 1024, scale: 1 },
  { name: '1024', width: 1024, height: 768, scale: 1 },
];
const CUSTOMERS = ['Bäckerei Müller', 'Corner Shop Ltd', 'Harbour Café', 'Green Leaf Grocers', 'North Street Pharmacy', 'Blue Door Deli'];
const ITEMS = [
  { itemId: '460000000010001', sku: 'TEA-01', name: 'Breakfast tea, 80 bags', unitPrice: 450 },
  { itemId: '460000000010002', sku: 'COF-02', name: 'Ground coffee 500 g', unitPrice: 899 },
  { itemId: '460000000010003', sku: 'BIS-03', name: 'Oat biscuits', unitPrice: 275 },
];

/** Orders in every stage, as the hub and its workflows would have recorded them. */
async function seedOrders(db: Database, repIds: string[]): Promise<{ attention: string; done: string }> {
  const stages: Stage[] = ['done', 'done', 'emailed', 'needs_attention', 'in_zoho', 'received', 'done', 'cancelled', 'done', 'pdf_ready', 'done', 'confirmed'];
  const ids: string[] = [];
  for (const [i, stage] of stages.entries()) {
    const id = crypto.randomUUID();
    const kind = i === 5 ? 'quote' : 'order';
    const lines = ITEMS.slice(0, 1 + (i % 3)).map((l, k) => ({ ...l, quantity: 2 + ((i + k) % 5), taxPercent: 8.25 }));
    const created = new Date(Date.now() - (stages.length - i) * 3_600_000 * 7);
    const order = OrderSchema.parse({
      id,
      kind,
      createdAt: created.toISOString(),
      customer: { zohoContactId: `46000000000${1000 + (i % CUSTOMERS.length)}`, name: CUSTOMERS[i % CUSTOMERS.length] },
      currency: 'USD',
      lines,
      notes: i === 3 ? 'Deliver before 9am' : undefined,
    });
    const number = documentNumber(kind, id);
    const inZoho = stage !== 'received' && stage !== 'needs_attention' && stage !== 'cancelled';
    const reason =
      stage === 'needs_attention'
        ? `Zoho rejected the document: The customer "${order.customer.name}" is inactive. Mark the customer as active to create a sales order.`
        : null;
    await db.Order.create({
      id,
      kind,
      number,
      stage,
      customerName: order.customer.name,
      zohoContactId: order.customer.zohoContactId ?? null,
      currency: 'USD',
      totalMinor: orderTotals(order).gross.amount,
      payload: order,
      workflowId: workflowId(kind, id),
      workflowStarted: true,
      zohoId: inZoho ? `4600000009${String(i).padStart(5, '0')}` : null,
      zohoNumber: inZoho ? number : null,
      attentionReason: reason,
      repId: repIds[i % repIds.length]!,
    });
    const path =
      stage === 'needs_attention'
        ? ['received', 'customer_ready', 'needs_attention']
        : stage === 'cancelled'
          ? ['received', 'cancelled']
          : MAIN_LINE.slice(1, MAIN_LINE.indexOf(stage as (typeof MAIN_LINE)[number]) + 1).filter((s) => s !== 'confirmed' || stage === 'confirmed');
    const notes: Record<string, string> = {
      received: 'stored on the hub',
      customer_ready: 'customer in Zoho',
      in_zoho: `sales order ${number}`,
      pdf_ready: 'PDF rendered (48 KB)',
      emailed: 'emailed to rep@satchel.local',
      done: 'done',
      cancelled: 'customer changed their mind',
    };
    for (const [k, s] of path.entries()) {
      await db.OrderEvent.create({
        orderId: id,
        stage: s as Stage,
        note: s === 'needs_attention' ? reason : (notes[s] ?? null),
        detail: null,
        at: new Date(created.getTime() + k * 20_000),
      });
    }
    await db.sequelize.query('UPDATE orders SET created_at = :at WHERE id = :id', { replacements: { at: created, id } });
    ids.push(id);
  }
  await db.Customer.create({
    id: crypto.randomUUID(),
    name: 'Sunrise Bakery',
    email: 'orders@sunrise.example',
    payload: { id: crypto.randomUUID(), name: 'Sunrise Bakery' },
    stage: 'needs_attention',
    zohoContactId: null,
    attentionReason: 'Zoho refused the contact: a contact with the email orders@sunrise.example exists with another name.',
    workflowId: workflowId('customer', crypto.randomUUID()),
    workflowStarted: true,
    repId: repIds[0]!,
  });
  return { attention: ids[3]!, done: ids[0]! };
}

async function main(): Promise<void> {
  const outDir = path.resolve(process.argv[2] ?? path.join(__dirname, '../../dist/screenshots'));
  fs.mkdirSync(outDir, { recursive: true });
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'satchel-console-shots-'));
  const built = await buildConsole({ outDir: path.join(tmp, 'console'), log: () => undefined });
  const sandbox = await startSandbox();
  const config = loadConfig({
    NODE_ENV: 'development',
    DATA_DIR: tmp,
    ZOHO_ACCOUNTS_URL: sandbox.url,
    ZOHO_API_URL: sandbox.url,
    DATABASE_URL: `sqlite:${path.join(tmp, 'satchel.db')}`,
  });
  const db = await openDatabase(config.database);
  await migrate(db.sequelize);
  const auth = createAuth(db, { sessionIdleDays: 30, sessionMaxDays: 90 });
  await auth.users.seedDemo(DEMO_USERS);
  const users = await auth.users.list();
  const admin = users.find((u) => u.role === 'admin')!;
  const { attention, done } = await seedOrders(
    db,
    users.filter((u) => u.role === 'rep').map((u) => u.id),
  );

  const counter = createApiCallCounter(db);
  const zoho = createZoho(config, db, 'hub', counter);
  const zohoConnection = createZohoConnectionService({
    db,
    defaults: config.zoho,
    box: secretBox(config),
    publicUrl: 'http://127.0.0.1',
    audit: auth.audit,
    counter,
    zoho: () => zoho.current(),
  });
  const actor = { id: admin.id, email: admin.email, address: '127.0.0.1' };
  await zohoConnection.save(
    {
      dataCentre: 'sandbox',
      organizationId: SANDBOX_DEMO.organizationId,
      product: 'inventory',
      clientId: SANDBOX_DEMO.clientId,
      clientSecret: SANDBOX_DEMO.clientSecret,
      refreshToken: SANDBOX_DEMO.refreshToken,
      dailyLimit: 2000,
    },
    actor,
  );
  for (let i = 0; i < 3; i++) await zohoConnection.test();

  // No workflow is started or signalled here: a client that would connect lazily is enough.
  const temporal = new Client({ connection: Connection.lazy({ address: '127.0.0.1:1' }) });
  const orders = createOrderService({
    db,
    temporal,
    taskQueue: 'screenshots',
    temporalUiUrl: 'http://localhost:8233',
    namespace: 'default',
    log: () => undefined,
  });
  const mappings = createMappingService({
    db,
    audit: auth.audit,
    customFields: (entity) => zoho.customFields.list(entity),
    evaluator: createMappingEvaluator(),
  });
  const app = createApp({ auth, orders, readiness: {}, consoleDir: built.outDir, zohoConnection, mappings });
  const server = app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const executablePath = findChromium();
  if (!executablePath) throw new Error('No Chromium found: set PUPPETEER_EXECUTABLE_PATH');
  const written: string[] = [];
  try {
    for (const w of WIDTHS) {
      const browser = await puppeteer.launch({
        executablePath,
        headless: true,
        args: ['--no-sandbox', '--disable-gpu', '--no-first-run'],
        userDataDir: path.join(tmp, `chromium-${w.name}`),
      });
      try {
        const page = (await browser.pages())[0] ?? (await browser.newPage());
        await page.setViewport({ width: w.width, height: w.height, deviceScaleFactor: w.scale });
        const shot = async (name: string) => {
          await new Promise((r) => setTimeout(r, 300));
          const file = path.join(outDir, `console-${w.name}-${name}.png`);
          await page.screenshot({ path: file, fullPage: true });
          written.push(file);
        };
        const signIn = async (email: string, password: string) => {
          await (await page.createCDPSession()).send('Network.clearBrowserCookies');
          await page.goto(`${url}/console/`, { waitUntil: 'networkidle0' });
          await page.waitForSelector('input[name="email"]');
          await page.type('input[name="email"]', email);
          await page.type('input[name="password"]', password);
          await page.click('button[type="submit"]');
        };
        const open = async (hash: string, ready: string) => {
          await page.goto(`${url}/console/${hash}`, { waitUntil: 'networkidle0' });
          await page.waitForSelector(ready);
        };

        await page.goto(`${url}/console/`, { waitUntil: 'networkidle0' });
        await page.waitForSelector('input[name="email"]');
        await shot('sign-in');
        await signIn('admin@satchel.local', 'satchel-admin-demo');
        await page.waitForSelector('table[aria-label="Orders"] tbody tr');
        await shot('orders');
        await open(`#/orders/${attention}`, '[data-testid="attention-reason"]');
        await shot('order-needs-attention');
        await open(`#/orders/${done}`, 'ol.timeline li');
        await shot('order-done');
        await open('#/customers', 'table[aria-label="Customers"] tbody tr');
        await shot('customers');
        await open('#/zoho', '[data-testid="budget"]');
        await page.evaluate(() => [...document.querySelectorAll('button')].find((b) => b.textContent?.includes('Test connection'))!.click());
        await page.waitForSelector('[data-testid="test-result"]');
        await shot('zoho-connection');
        await open('#/mappings', '[data-test="preview-payload"]');
        await shot('mappings');
        await open('#/order-rules', 'input[name="rules.stock"]');
        await shot('order-rules');
        await open('#/users', 'table[aria-label="Users"] tbody tr');
        await page.type('input[name="email"]', `new.rep.${w.name}@satchel.local`);
        await page.type('input[name="name"]', 'Nina New');
        await page.evaluate(() => [...document.querySelectorAll('button')].find((b) => b.textContent?.includes('Invite'))!.click());
        await page.waitForSelector('[data-testid="one-time-password"]');
        await shot('users-invited');
        await open('#/audit', 'table[aria-label="Audit log"] tbody tr');
        await shot('audit');
        // The menu button exists where the navigation folds away (narrow widths).
        if (await page.evaluate(() => !!document.querySelector<HTMLElement>('.nav-toggle')?.offsetParent)) {
          await page.evaluate(() => (document.querySelector('.nav-toggle') as HTMLButtonElement).click());
          await page.waitForSelector('nav.open');
          await shot('menu');
        }
        await signIn('rep@satchel.local', 'satchel-rep-demo');
        await page.waitForFunction(() => document.body.textContent?.includes('The console is for staff'));
        await shot('rep');
      } finally {
        await browser.close();
      }
    }
  } finally {
    server.closeAllConnections();
    server.close();
    await counter.flush();
    await db.close();
    await sandbox.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  for (const f of written) console.log(path.relative(process.cwd(), f));
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});

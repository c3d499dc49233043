/**
 * Orders drained per minute through the whole order workflow (Temporal dev server, worker, Zoho
 * sandbox, PDF, email) against the sandbox at its real per-minute limit, as a fraction of that limit,
 * and the Zoho API calls each order cost.
 *
 *   npx tsx bench/order-drain.ts [--minutes 3] [--per-minute 100] [--window-ms 60000] [--orders N]
 *
 * Uses TEMPORAL_ADDRESS when set, else starts a dev server of its own on a free port; a fresh
 * PostgreSQL database on TEST_POSTGRES_URL (default postgres://postgres@127.0.0.1:5432/test). Loopback only;
 * bounded by --minutes (plus one minute to drain what is in flight). Targets: ≥ 0.9 of the limit,
 * 1 Zoho call per draft order.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { DefaultLogger, NativeConnection, Runtime } from '@temporalio/worker';
import { Client, Connection } from '@temporalio/client';
import { loadConfig, SANDBOX_DEMO } from '../config';
import { startMailCatcher } from '../devservices/mail-catcher';
import { openDatabase } from '../server/db/connect';
import { migrate } from '../server/db/migrate';
import { createOrderService } from '../hub/services/orders';
import { PdfPrinter } from '../workflows/pdf';
import { createWorkers, runWorkers } from '../workflows/worker';
import { createZohoClient, InProcessRateLimiter, MemoryTokenStore } from '../zoho/connector';
import { createSandbox } from '../zoho/sandbox';
import { exited, freePort, startTemporalServer } from '../test/support/processes';
import { sampleOrder } from '../test/support/orders';
import { createTestDatabase } from '../test/support/databases';
import { numberArgs } from './lib/args';

function args(): Record<string, number> {
  const defaults: Record<string, number> = { minutes: 3, 'per-minute': 100, 'window-ms': 60_000, orders: 0 };
  const out = numberArgs(defaults);
  out.minutes = Math.min(15, Math.max(1, out.minutes!));
  return out;
}

async function main(): Promise<void> {
  const a = args();
  const limit = a['per-minute']!;
  const windowMs = a['window-ms']!;
  const windows = Math.ceil((a.minutes! * 60_000) / windowMs);
  // Enough to keep the queue full for the whole run (+ one window of slack), bounded.
  const orders = Math.min(5000, a.orders || limit * (windows + 1));
  Runtime.install({ logger: new DefaultLogger('ERROR') });

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'satchel-bench-'));
  let server: ChildProcess | undefined;
  let address = process.env.TEMPORAL_ADDRESS;
  if (!address) {
    const port = await freePort();
    server = await startTemporalServer(port, path.join(dir, 'temporal.db'));
    address = `127.0.0.1:${port}`;
  }
  const sandbox = createSandbox({ seed: { items: 50, customers: 10 }, limits: { perWindow: limit, windowMs, perDay: 10_000_000 } });
  const { url } = await sandbox.listen(0, '127.0.0.1');
  const mail = await startMailCatcher({ maxMessages: orders + 10 });
  // PostgreSQL (TEST_POSTGRES_URL, as the tests): the production database, and hundreds of concurrent
  // workflows in one process are more than SQLite's single writer should be asked to carry.
  const target = await createTestDatabase('postgres');
  const db = await openDatabase(target.config);
  await migrate(db.sequelize);
  const printer = new PdfPrinter({ maxConcurrent: 2 });
  const native = await NativeConnection.connect({ address });
  const connection = await Connection.connect({ address });
  const client = new Client({ connection });
  const taskQueue = `bench-${crypto.randomBytes(4).toString('hex')}`;
  const config = loadConfig({});
  const zoho = createZohoClient(
    { ...config.zoho, accountsUrl: url, apiDomain: url, ...SANDBOX_DEMO },
    { tokenStore: new MemoryTokenStore(), limiter: new InProcessRateLimiter({ perWindow: limit, windowMs, concurrency: 10 }) },
  );
  const workers = await createWorkers({
    connection: native,
    namespace: 'default',
    taskQueue,
    db,
    zoho,
    product: 'inventory',
    // The whole organization budget goes to order pushes here: Temporal spreads it over every worker.
    zohoActivitiesPerSecond: (limit / windowMs) * 1000,
    printer,
    mail: { smtp: mail.smtpUrl, from: 'bench@satchel.test' },
    documents: config.documents,
  });
  const running = runWorkers(workers);
  try {
    await zoho.getAccessToken(); // the token request is not an API call
    const rep = await db.User.create({ id: crypto.randomUUID(), email: 'rep@bench.test', name: 'Bench Rep', role: 'rep', passwordHash: 'x', disabledAt: null });
    const user = { id: rep.id, email: rep.email, name: rep.name, role: 'rep' as const, disabled: false };
    const service = createOrderService({ db, temporal: client, taskQueue, temporalUiUrl: '', namespace: 'default', log: () => undefined });
    const fx = sandbox.fixtures;
    const items = fx.items.slice(0, 2);
    console.log(`bench: ${orders} draft orders, sandbox limit ${limit} per ${windowMs} ms, measuring ${windows} window(s)...`);
    // Devices post quickly: 16 at a time, so the queue is full before the measured windows start.
    let posted = 0;
    const posting = Promise.all(
      Array.from({ length: 16 }, async () => {
        while (posted < orders) {
          posted++;
          await service.accept(
            sampleOrder({
              customer: { zohoContactId: fx.customer.contact_id, name: fx.customer.contact_name },
              lines: items.map((it, n) => ({ itemId: it.item_id, name: it.name, quantity: n + 1, unitPrice: 1000 + n })),
            }),
            user,
          );
        }
      }),
    );

    // Measure from the first full window after the first create, over `windows` whole windows.
    const createdCount = () => sandbox.state.snapshot().salesorders.length;
    while (createdCount() === 0) await new Promise((r) => setTimeout(r, 100));
    const firstBoundary = Math.ceil(Date.now() / windowMs) * windowMs;
    await new Promise((r) => setTimeout(r, firstBoundary - Date.now()));
    const startCount = createdCount();
    const startCalls = sandbox.stats.apiCalls;
    const start429 = sandbox.stats.byStatus['429'] ?? 0;
    const perWindow: number[] = [];
    let last = startCount;
    for (let w = 0; w < windows; w++) {
      await new Promise((r) => setTimeout(r, firstBoundary + (w + 1) * windowMs - Date.now()));
      const now = createdCount();
      if (now >= orders) {
        console.log('(ran out of queued orders: this window is left out)');
        break;
      }
      perWindow.push(now - last);
      last = now;
    }
    await posting;
    if (perWindow.length === 0) throw new Error('no full window measured: raise --orders');
    const drained = last - startCount;
    const calls = sandbox.stats.apiCalls - startCalls;
    const measuredMs = perWindow.length * windowMs;
    const perMinute = (drained / measuredMs) * 60_000;
    const limitPerMinute = (limit / windowMs) * 60_000;
    const done = await db.Order.count({ where: { stage: 'done' } });
    console.log(`orders in Zoho per window: ${perWindow.join(', ')}`);
    console.log(`drained:                   ${perMinute.toFixed(1)} orders/min (limit ${limitPerMinute.toFixed(0)} calls/min)`);
    console.log(`fraction of the limit:     ${(perMinute / limitPerMinute).toFixed(3)} (target >= 0.9)`);
    console.log(`Zoho API calls per order:  ${(calls / Math.max(1, drained)).toFixed(3)} (target 1 for drafts)`);
    console.log(`429 answers while measured: ${(sandbox.stats.byStatus['429'] ?? 0) - start429}`);
    console.log(`orders done (PDF + email): ${done} of ${orders}; emails caught: ${mail.messages().length}`);
    console.log(`duplicates in Zoho:        ${createdCount() - new Set(sandbox.state.snapshot().salesorders.map((s) => s.salesorder_number)).size}`);
  } finally {
    for (const w of workers) if (w.getState() === 'RUNNING') w.shutdown();
    await running.catch(() => undefined);
    await printer.close();
    await connection.close();
    await native.close();
    await mail.close();
    await sandbox.close();
    await db.close();
    await target.destroy();
    if (server) {
      server.kill('SIGTERM');
      await exited(server);
    }
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);

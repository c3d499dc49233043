/**
 * Orders per second one worker process takes through the whole order workflow (customer, price
 * check, mapping, create in Zoho, PDF, email) when Zoho is not the limit: the sandbox's limits are
 * lifted, N orders are stored first, then the worker starts and the clock runs until every order is
 * done. Target (#18): at least 2.5 orders/s per worker, 1.5 × Zoho's ceiling of 100 calls a minute.
 *
 *   npx tsx bench/worker-throughput.ts [--orders 300] [--sqlite 1] [--pdf-concurrency 2]
 *
 * Prints orders/s, the worker process's peak RSS, and what one order's history holds (events,
 * workflow tasks, activities through a task queue, local activities). Run the same script from
 * another checkout (e.g. the previous build in .tools/builds/) to compare builds in one sitting.
 * Uses TEMPORAL_ADDRESS when set, else a dev server of its own; loopback only.
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

async function main(): Promise<void> {
  const a = numberArgs({ orders: 300, sqlite: 0, 'pdf-concurrency': 2 });
  const orders = Math.max(10, Math.min(5000, a.orders!));
  Runtime.install({ logger: new DefaultLogger('ERROR') });

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'satchel-bench-'));
  let server: ChildProcess | undefined;
  let address = process.env.TEMPORAL_ADDRESS;
  if (!address) {
    const port = await freePort();
    server = await startTemporalServer(port, path.join(dir, 'temporal.db'));
    address = `127.0.0.1:${port}`;
  }
  // Zoho out of the way: the worker is what is measured.
  const sandbox = createSandbox({ seed: { items: 50, customers: 10 }, limits: { perWindow: 1_000_000, windowMs: 60_000, perDay: 100_000_000 } });
  const { url } = await sandbox.listen(0, '127.0.0.1');
  const mail = await startMailCatcher({ maxMessages: orders + 10 });
  const target = await createTestDatabase(a.sqlite ? 'sqlite' : 'postgres');
  const db = await openDatabase(target.config);
  await migrate(db.sequelize);
  const printer = new PdfPrinter({ maxConcurrent: a['pdf-concurrency']! });
  const native = await NativeConnection.connect({ address });
  const connection = await Connection.connect({ address });
  const client = new Client({ connection });
  const taskQueue = `bench-${crypto.randomBytes(4).toString('hex')}`;
  const config = loadConfig({});
  const zoho = createZohoClient(
    { ...config.zoho, accountsUrl: url, apiDomain: url, ...SANDBOX_DEMO },
    { tokenStore: new MemoryTokenStore(), limiter: new InProcessRateLimiter({ perWindow: 1_000_000, windowMs: 60_000, concurrency: 20 }) },
  );
  let peakRss = 0;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100);
  let running: Promise<void> | undefined;
  let workers: Awaited<ReturnType<typeof createWorkers>> = [];
  try {
    await zoho.getAccessToken();
    const rep = await db.User.create({ id: crypto.randomUUID(), email: 'rep@bench.test', name: 'Bench Rep', role: 'rep', passwordHash: 'x', disabledAt: null });
    const user = { id: rep.id, email: rep.email, name: rep.name, role: 'rep' as const, disabled: false };
    const service = createOrderService({ db, temporal: client, taskQueue, temporalUiUrl: '', namespace: 'default', log: () => undefined });
    const fx = sandbox.fixtures;
    const items = fx.items.slice(0, 2);
    process.stdout.write(`bench: storing ${orders} orders...`);
    const ids: string[] = [];
    for (let i = 0; i < orders; i++) {
      const order = sampleOrder({
        customer: { zohoContactId: fx.customer.contact_id, name: fx.customer.contact_name },
        lines: items.map((it, n) => ({ itemId: it.item_id, name: it.name, quantity: n + 1, unitPrice: 1000 + n })),
      });
      ids.push(order.id);
      await service.accept(order, user);
    }
    console.log(' stored; starting one worker process');

    const started = Date.now();
    workers = await createWorkers({
      connection: native,
      namespace: 'default',
      taskQueue,
      db,
      zoho,
      product: 'inventory',
      zohoActivitiesPerSecond: 100,
      printer,
      mail: { smtp: mail.smtpUrl, from: 'bench@satchel.test' },
      documents: config.documents,
    });
    running = runWorkers(workers);
    let done = 0;
    let lastReport = 0;
    while (done < orders) {
      await new Promise((r) => setTimeout(r, 250));
      done = await db.Order.count({ where: { stage: 'done' } });
      if (Date.now() - lastReport > 5000) {
        lastReport = Date.now();
        console.log(`  ${done} of ${orders} done after ${((Date.now() - started) / 1000).toFixed(1)} s`);
      }
      if (Date.now() - started > 30 * 60_000) throw new Error(`only ${done} of ${orders} done after 30 minutes`);
    }
    const seconds = (Date.now() - started) / 1000;

    const events = (await client.workflow.getHandle(`order-${ids[0]}`).fetchHistory()).events ?? [];
    const count = (pick: (e: (typeof events)[number]) => unknown) => events.filter(pick).length;
    const names = new Set(sandbox.state.snapshot().salesorders.map((s) => s.salesorder_number));
    console.log(`orders done:                 ${done} in ${seconds.toFixed(1)} s`);
    console.log(`orders per second (1 worker): ${(done / seconds).toFixed(2)} (target >= 2.5)`);
    console.log(`peak RSS of the worker:      ${Math.round(peakRss / 1024 / 1024)} MB (Chromium's processes not included)`);
    console.log(
      `one order's history:         ${events.length} events, ${count((e) => e.workflowTaskCompletedEventAttributes)} workflow tasks, ` +
        `${count((e) => e.activityTaskScheduledEventAttributes)} queued activities, ${count((e) => e.markerRecordedEventAttributes?.markerName === 'core_local_activity')} local activities`,
    );
    console.log(
      `emails caught: ${mail.messages().length}; sales orders in Zoho: ${names.size}; duplicates: ${sandbox.state.snapshot().salesorders.length - names.size}`,
    );
  } finally {
    clearInterval(sampler);
    for (const w of workers) if (w.getState() === 'RUNNING') w.shutdown();
    await running?.catch(() => undefined);
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

/**
 * Reconnect storm: N devices come back online at once, each replaying its outbox of queued orders
 * (a fraction of them sent twice), against a real hub process, a worker process, a Temporal dev
 * server of its own and the Zoho sandbox. Reports accepted/s, p50/p99 acceptance latency, errors
 * (target: none), duplicates in Zoho (target: 0), the time until every order is in the sandbox at
 * its rate limit (the sandbox's minute may be compressed: the real-time equivalent is printed),
 * and the peak memory (RSS) of the hub and the worker.
 *
 *   npx tsx bench/reconnect-storm.ts [--db sqlite|postgres] [--devices 1000] [--orders-per-device 5]
 *       [--twice-percent 20] [--per-window 100] [--window-ms 1000] [--max-seconds 900]
 *
 * Loopback only; bounded by --devices (≤ 5000) and --max-seconds. PostgreSQL: a fresh database on
 * TEST_POSTGRES_URL (default postgres://postgres@127.0.0.1:5432/test), dropped afterwards.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { startMailCatcher } from '../devservices/mail-catcher';
import { documentNumber, type OrderInput } from '../domain';
import { openDatabase } from '../server/db/connect';
import { migrate } from '../server/db/migrate';
import { createSandbox } from '../zoho/sandbox';
import { createUser, testAuth } from '../test/support/auth';
import { createTestDatabase, type Dialect } from '../test/support/databases';
import { percentile, replayAll, type DeviceSpec } from '../test/support/devices';
import { sampleOrder } from '../test/support/orders';
import { exited, freePort, killWorker, peakRssMb, startHubProcess, startTemporalServer, startWorkerProcess } from '../test/support/processes';
import { choiceArg, numberArgs } from './lib/args';

const REPS = 50;

async function main(): Promise<void> {
  const [dialect, rest] = choiceArg<Dialect>('db', ['sqlite', 'postgres'], 'sqlite');
  const a = numberArgs({ devices: 1000, 'orders-per-device': 5, 'twice-percent': 20, 'per-window': 100, 'window-ms': 1000, 'max-seconds': 900 }, rest);
  const devicesN = Math.min(5000, Math.max(1, a.devices));
  const perDevice = Math.min(50, Math.max(1, a['orders-per-device']));
  const deadline = Date.now() + Math.min(3600, a['max-seconds']) * 1000;
  const perWindow = Math.max(1, a['per-window']);
  const windowMs = Math.max(100, a['window-ms']);
  const total = devicesN * perDevice;

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'satchel-storm-'));
  const children: ChildProcess[] = [];
  const target = await createTestDatabase(dialect);
  const db = await openDatabase(target.config);
  const sandbox = createSandbox({ seed: { items: 50, customers: 10 }, limits: { perWindow, windowMs, perDay: 100_000_000 } });
  const mail = await startMailCatcher({ maxMessages: total + 10 });
  let temporal: ChildProcess | undefined;
  try {
    await migrate(db.sequelize);
    const temporalPort = await freePort();
    temporal = await startTemporalServer(temporalPort, path.join(dir, 'temporal.db'));
    const address = `127.0.0.1:${temporalPort}`;
    const { url: sandboxUrl } = await sandbox.listen(0, '127.0.0.1');
    const taskQueue = `storm-${dialect}`;
    const hubPort = await freePort();
    const hub = await startHubProcess({
      HUB_DB_URL: target.config.url,
      HUB_PORT: String(hubPort),
      HUB_TASK_QUEUE: taskQueue,
      TEMPORAL_ADDRESS: address,
      HUB_DISPATCH_MS: '5000',
    });
    children.push(hub);
    const worker = await startWorkerProcess({
      WORKER_DB_URL: target.config.url,
      WORKER_SANDBOX_URL: sandboxUrl,
      WORKER_SMTP_URL: mail.smtpUrl,
      WORKER_TASK_QUEUE: taskQueue,
      WORKER_PRODUCT: 'inventory',
      TEMPORAL_ADDRESS: address,
      WORKER_ZOHO_PER_WINDOW: String(perWindow),
      WORKER_ZOHO_WINDOW_MS: String(windowMs),
      WORKER_ZOHO_PER_SECOND: String(Math.max(1, (perWindow * 1000) / windowMs)),
    });
    children.push(worker);

    // Devices: signed in already (their sessions outlive the time offline), outboxes full.
    const auth = testAuth(db);
    const reps = [];
    for (let i = 0; i < REPS; i++) reps.push(await db.User.findByPk((await createUser(auth, 'rep', `storm-rep-${i}`)).id));
    const fx = sandbox.fixtures;
    const order = (): OrderInput =>
      sampleOrder({
        customer: { zohoContactId: fx.customer.contact_id, name: fx.customer.contact_name },
        lines: fx.items.slice(0, 2).map((item, n) => ({ itemId: item.item_id, name: item.name, quantity: n + 1, unitPrice: 1000 + n })),
      });
    const devices: DeviceSpec[] = [];
    let n = 0;
    for (let d = 0; d < devicesN; d++) {
      const { token } = await auth.sessions.open(reps[d % REPS]!, `storm-device-${d}`);
      const outbox = Array.from({ length: perDevice }, order);
      const replayTwice = new Set(outbox.filter(() => (n++ * a['twice-percent']) % 100 < a['twice-percent']).map((o) => o.id));
      devices.push({ session: token, outbox, replayTwice });
    }
    const ids = devices.flatMap((d) => d.outbox.map((o) => o.id));
    console.log(
      `${devicesN} devices × ${perDevice} orders = ${total} orders (${devices.reduce((s, d) => s + (d.replayTwice?.size ?? 0), 0)} sent twice), ${dialect}, sandbox ${perWindow} calls per ${windowMs} ms`,
    );

    // The storm.
    const started = Date.now();
    const stats = await replayAll(devices, { baseUrl: `http://127.0.0.1:${hubPort}`, retryDelayMs: 500, deadline, requestTimeoutMs: 60_000 });
    const acceptSeconds = (Date.now() - started) / 1000;
    const transient =
      Object.entries(stats.transient)
        .map(([k, v]) => `${k} ×${v}`)
        .join(', ') || 'none';
    const f = (x: number) => x.toFixed(1);
    console.log(`accepted:            ${stats.accepted}/${total} in ${f(acceptSeconds)} s = ${f(stats.accepted / acceptSeconds)} orders/s`);
    console.log(`acceptance latency:  p50 ${f(percentile(stats.latenciesMs, 50))} ms, p99 ${f(percentile(stats.latenciesMs, 99))} ms`);
    console.log(
      `errors:              ${stats.errors.length} (target 0)${stats.errors.length ? ` e.g. ${JSON.stringify(stats.errors[0])}` : ''}; undelivered ${stats.undelivered.length}; retried answers: ${transient}`,
    );
    console.log(`replays:             ${stats.replays} second sends, ${stats.replaysCreated} stored twice (target 0)`);

    // Until every order is in the sandbox.
    const numbers = new Set(ids.map((id) => documentNumber('order', id)));
    const inZoho = () => {
      const seen = new Map<string, number>();
      for (const so of sandbox.state.snapshot().salesorders) {
        const num = String(so.salesorder_number);
        if (numbers.has(num)) seen.set(num, (seen.get(num) ?? 0) + 1);
      }
      return seen;
    };
    let seen = inZoho();
    let lastReport = Date.now();
    while (seen.size < numbers.size && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 500));
      seen = inZoho();
      if (Date.now() - lastReport > 10_000) {
        lastReport = Date.now();
        const stages = await db.Order.count({ where: { id: ids }, group: ['stage'] });
        console.log(
          `  ${((Date.now() - started) / 1000).toFixed(0)} s: ${seen.size}/${numbers.size} in the sandbox; stages ${stages.map((g) => `${g.stage} ${g.count}`).join(', ')}`,
        );
      }
    }
    const drainSeconds = (Date.now() - started) / 1000;
    const duplicates = [...seen.values()].filter((c) => c > 1).length;
    const atLimitSeconds = (total / perWindow) * (windowMs / 1000);
    const hubRss = peakRssMb(hub.pid!);
    const workerRss = peakRssMb(worker.pid!);

    console.log(`duplicates in Zoho:  ${duplicates} (target 0)`);
    if (seen.size < numbers.size) {
      console.log(`NOT all in the sandbox within --max-seconds: ${seen.size}/${numbers.size} after ${f(drainSeconds)} s`);
    } else {
      const perSecond = total / drainSeconds;
      const limitPerSecond = (perWindow * 1000) / windowMs;
      console.log(
        `all in the sandbox:  ${f(drainSeconds)} s after the storm began = ${f(perSecond)} orders/s, ${f((perSecond / limitPerSecond) * 100)}% of the sandbox's ` +
          `limit (${perWindow} calls per ${windowMs} ms; the limit alone allows it in ${f(atLimitSeconds)} s)` +
          `${perSecond < 0.9 * limitPerSecond ? ': bound by the hub and worker here, not by Zoho' : ''}`,
      );
      console.log(`real-time equivalent: at Zoho's real ${perWindow} calls per minute, ${total} orders need at least ${f(total / perWindow)} minutes`);
    }
    console.log(`peak RSS:            hub ${hubRss?.toFixed(0)} MB, worker ${workerRss?.toFixed(0)} MB (without its Chromium)`);
    if (stats.errors.length || stats.undelivered.length || duplicates || stats.replaysCreated || seen.size < numbers.size) process.exitCode = 1;
  } finally {
    for (const c of children) {
      killWorker(c);
      await exited(c);
    }
    if (temporal && temporal.exitCode === null) {
      temporal.kill('SIGTERM');
      await exited(temporal);
    }
    await mail.close();
    await sandbox.close();
    await db.close();
    await target.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);

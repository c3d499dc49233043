/**
 * Catalogue benchmark: Zoho → hub (sync) and hub → device (data set), at the sizes of the issue.
 *
 *   node --expose-gc --import tsx bench/catalogue.ts [--items 50000] [--customers 10000] [--per-minute 100] [--window-ms 60000]
 *                              [--details 100] [--dialect sqlite|postgres] [--page 1000] [--max-seconds 900]
 *
 * Seeds the Zoho sandbox (3 price lists), runs the sync steps the catalogue workflow runs (same
 * code, one Zoho call per step) against the sandbox's limit (`--per-minute` per `--window-ms`;
 * Zoho's real limit is 100 per 60 000 ms: pass a shorter window for a quick run), then serves the
 * data set over loopback HTTP to a device and measures it against a naive baseline (the whole
 * catalogue built in memory and sent uncompressed). Bounded in size (≤ 50 000 items, ≤ 10 000
 * customers) and time (--max-seconds). Prints measured figures only.
 */
import http, { type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { QueryTypes } from 'sequelize';
import { openDatabase, type Database } from '../server/db/connect';
import { migrate } from '../server/db/migrate';
import { createCatalogueService } from '../hub/catalogue/service';
import { createCatalogueSync, type PagerCursor, type PageResult, type StepCounts } from '../server/catalogue/sync';
import { errorHandler } from '../hub/errors';
import { catalogueRouter } from '../hub/routes/catalogue';
import { createZohoClient, InProcessRateLimiter, MemoryTokenStore } from '../zoho/connector';
import { startSandbox } from '../zoho/testing';
import { createTestDatabase, type Dialect } from '../test/support/databases';
import { download, newDevice } from '../test/support/dataset-client';
import { createAuth } from '../hub/auth';

function args() {
  const defaults: Record<string, string> = {
    items: '50000',
    customers: '10000',
    'per-minute': '100',
    'window-ms': '60000',
    details: '100',
    dialect: 'sqlite',
    page: '1000',
    'max-seconds': '900',
  };
  const out = { ...defaults };
  const argv = process.argv.slice(2);
  for (let i = 0; i < argv.length; i++) {
    const m = /^--([a-z-]+)(?:=(.*))?$/.exec(argv[i]!);
    if (!m || !(m[1]! in defaults))
      throw new Error(
        `unknown argument ${argv[i]} (known: ${Object.keys(defaults)
          .map((k) => `--${k}`)
          .join(' ')})`,
      );
    out[m[1]!] = m[2] ?? argv[++i]!;
  }
  const n = (k: string, min: number, max: number) => {
    const v = Number(out[k]);
    if (!Number.isFinite(v) || v < min || v > max) throw new Error(`--${k} must be a number from ${min} to ${max}`);
    return Math.floor(v);
  };
  if (out.dialect !== 'sqlite' && out.dialect !== 'postgres') throw new Error('--dialect is sqlite or postgres');
  return {
    items: n('items', 1, 50_000),
    customers: n('customers', 1, 10_000),
    perMinute: n('per-minute', 1, 100_000),
    windowMs: n('window-ms', 100, 60_000),
    details: n('details', 0, 10_000),
    dialect: out.dialect as Dialect,
    page: n('page', 10, 5000),
    maxSeconds: n('max-seconds', 10, 3600),
  };
}

const mb = (b: number) => `${(b / 1024 / 1024).toFixed(2)} MB`;
const kb = (b: number) => `${(b / 1024).toFixed(1)} KB`;
const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const ratio = (a: number, b: number) => (b > 0 ? `${(a / b).toFixed(1)}×` : 'n/a');

/** Peak RSS and heap growth over a baseline while `run` runs (sampled every 5 ms). */
async function peakMemory<T>(run: () => Promise<T>): Promise<{ result: T; rssGrowth: number; heapGrowth: number }> {
  (globalThis as { gc?: () => void }).gc?.();
  const base = process.memoryUsage();
  let peakRss = base.rss;
  let peakHeap = base.heapUsed;
  const timer = setInterval(() => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
  }, 5);
  try {
    const result = await run();
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
    return { result, rssGrowth: peakRss - base.rss, heapGrowth: peakHeap - base.heapUsed };
  } finally {
    clearInterval(timer);
  }
}

async function main(): Promise<void> {
  const a = args();
  const deadline = Date.now() + a.maxSeconds * 1000;
  const checkTime = (what: string) => {
    if (Date.now() > deadline) throw new Error(`--max-seconds reached during ${what}`);
  };
  console.log(`catalogue bench: ${a.items} items, ${a.customers} customers, 3 price lists; Zoho limit ${a.perMinute} per ${a.windowMs} ms; ${a.dialect}`);

  const zs = await startSandbox({
    seed: { items: a.items, customers: a.customers },
    limits: { perWindow: a.perMinute, windowMs: a.windowMs, perDay: 10_000_000 },
  });
  const target = await createTestDatabase(a.dialect);
  const db: Database = await openDatabase(target.config);
  await migrate(db.sequelize);
  let server: Server | undefined;
  try {
    const zoho = createZohoClient(zs.settings('inventory'), {
      tokenStore: new MemoryTokenStore(),
      limiter: new InProcessRateLimiter({ perWindow: a.perMinute, windowMs: a.windowMs, concurrency: 5 }),
      timeoutMs: 120_000,
    });
    await zoho.getAccessToken(); // not an API call
    const sync = createCatalogueSync({ db, zoho, product: 'inventory', warn: () => undefined });
    const api = () => zs.sandbox.stats.apiCalls;

    // ------------------------------------------------------------------ Zoho → hub
    /** One run, step by step as the workflow runs it (minus Temporal). */
    async function run(mode: 'full' | 'incremental', detailLimit: number) {
      const runId = `bench-${mode}-${Date.now()}`;
      const started = performance.now();
      const calls0 = api();
      const plan = await sync.plan(mode, 86_400_000, Date.now());
      const steps: Record<string, StepCounts & { ms: number }> = {};
      const step = async (name: string, fn: () => Promise<StepCounts>) => {
        const t = performance.now();
        const c = await fn();
        const prev = steps[name] ?? { fetched: 0, changed: 0, skipped: 0, deleted: 0, calls: 0, ms: 0 };
        steps[name] = {
          fetched: prev.fetched + c.fetched,
          changed: prev.changed + c.changed,
          skipped: prev.skipped + c.skipped,
          deleted: prev.deleted + c.deleted,
          calls: prev.calls + c.calls,
          ms: prev.ms + performance.now() - t,
        };
        checkTime(name);
      };
      if (plan.needOrganization) await step('organization', () => sync.organization());
      await step('locations', () => sync.locations());
      const pager = async (name: string, first: PagerCursor | null, page: (c: PagerCursor, hw?: PageResult['highWater']) => Promise<PageResult>) => {
        let cursor = first;
        let hw: PageResult['highWater'];
        while (cursor) {
          const c: PagerCursor = cursor;
          let r: PageResult | undefined;
          await step(name, async () => (r = await page(c, hw)).counts);
          cursor = r!.next;
          hw = r!.highWater;
        }
        return hw;
      };
      const itemsHw = await pager('items', plan.items, (c, hw) => sync.itemsPage(runId, plan.full, c, hw));
      await step('price lists', () => sync.priceLists());
      const contactsHw = await pager('customers', plan.contacts, (c, hw) => sync.contactsPage(runId, plan.full, c, hw));
      const due = await sync.dueContactDetails(detailLimit);
      for (const id of due) await step('customer details', () => sync.contactDetail(id));
      await sync.finish({
        runId,
        full: plan.full,
        nowMs: Date.now(),
        items: { completed: true, highWater: itemsHw },
        contacts: { completed: true, highWater: contactsHw },
      });
      return { ms: performance.now() - started, calls: api() - calls0, steps, detailsLeft: await sync.countDueContactDetails() };
    }

    const printRun = (title: string, r: Awaited<ReturnType<typeof run>>) => {
      console.log(`\n${title}: ${r.calls} Zoho calls, ${s(r.ms)} wall time`);
      for (const [name, c] of Object.entries(r.steps)) {
        console.log(
          `  ${name.padEnd(17)} calls ${String(c.calls).padStart(5)}  fetched ${String(c.fetched).padStart(6)}  changed ${String(c.changed).padStart(6)}  skipped ${c.skipped}  deleted ${c.deleted}  ${s(c.ms)}`,
        );
      }
    };

    const full = await run('full', a.details);
    printRun(`Zoho → hub, full sync (+ ${a.details} customer details)`, full);
    const detailCalls = full.steps['customer details']?.calls ?? 0;
    const coreCalls = full.calls - detailCalls;
    const backlog = full.detailsLeft + detailCalls;
    console.log(`  core pass (items, stock, price lists, customer list, locations): ${coreCalls} calls`);
    console.log(
      `  customer details (addresses, persons, rep): ${backlog} calls in all, one per customer (Zoho lists leave them out);` +
        ` at ${a.perMinute} per ${a.windowMs / 1000} s that is ${(((backlog / a.perMinute) * a.windowMs) / 60_000).toFixed(0)} min of budget, spread over runs by CATALOGUE_CONTACT_DETAILS_PER_RUN`,
    );

    zs.sandbox.state.mutateItems(100);
    const incr = await run('incremental', 0);
    printRun('Zoho → hub, incremental run after 100 items changed (customer-detail backlog left out)', incr);

    // ------------------------------------------------------------------ hub → device
    const app = express();
    app.use((req, _res, next) => {
      (req as { user?: unknown }).user = { id: 'bench-admin', email: 'admin@bench', role: 'admin' };
      next();
    });
    app.get('/naive/dump', async (_req, res) => {
      // The baseline: the whole catalogue read into memory, one JSON document, uncompressed.
      const rows = await db.sequelize.query<{ kind: string; record_key: string; change_no: number; deleted: unknown; data: string }>(
        'SELECT kind, record_key, change_no, deleted, data FROM catalogue_records ORDER BY change_no',
        { type: QueryTypes.SELECT },
      );
      res.type('application/json').send(JSON.stringify(rows.map((r) => ({ ...r, data: JSON.parse(r.data) }))));
    });
    app.use(
      '/api',
      catalogueRouter(createCatalogueService({ db }), createAuth(db, { sessionIdleDays: 30, sessionMaxDays: 90 }), () => undefined),
    );
    app.use(errorHandler(() => undefined));
    server = await new Promise<Server>((resolve) => {
      const srv = app.listen(0, '127.0.0.1', () => resolve(srv));
    });
    const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

    const serve = async (encoding: 'br' | 'gzip' | 'identity', since?: string) =>
      peakMemory(() => download(newDevice(), { baseUrl, since, encoding, limit: a.page, discard: true }));
    await serve('br'); // warm-up (JIT, connection pools)
    const br = await serve('br');
    const gz = await serve('gzip');
    const plain = await serve('identity');
    const naive = await peakMemory(
      () =>
        new Promise<{ bytes: number; ttfbMs: number; totalMs: number }>((resolve, reject) => {
          const t0 = performance.now();
          let bytes = 0;
          let ttfb = -1;
          http
            .get(`${baseUrl}/naive/dump`, (res) => {
              res.on('data', (c: Buffer) => {
                if (ttfb < 0) ttfb = performance.now() - t0;
                bytes += c.length;
              });
              res.on('end', () => resolve({ bytes, ttfbMs: ttfb, totalMs: performance.now() - t0 }));
            })
            .on('error', reject);
        }),
    );
    const total = br.result;
    console.log(`\nHub → device, full data set (${total.records} records, page ${a.page}):`);
    const line = (name: string, r: typeof br) =>
      console.log(
        `  ${name.padEnd(22)} first byte ${r.result.ttfbMs.toFixed(0).padStart(5)} ms  total ${s(r.result.totalMs).padStart(7)}  on the wire ${mb(r.result.wireBytes).padStart(9)}  peak RSS +${mb(r.rssGrowth)}  heap +${mb(r.heapGrowth)}`,
      );
    line('NDJSON, brotli', br);
    line('NDJSON, gzip', gz);
    line('NDJSON, uncompressed', plain);
    console.log(
      `  ${'naive dump (baseline)'.padEnd(22)} first byte ${naive.result.ttfbMs.toFixed(0).padStart(5)} ms  total ${s(naive.result.totalMs).padStart(7)}  on the wire ${mb(naive.result.bytes).padStart(9)}  peak RSS +${mb(naive.rssGrowth)}  heap +${mb(naive.heapGrowth)}`,
    );
    console.log(
      `  ratios vs naive: bytes ${ratio(naive.result.bytes, br.result.wireBytes)} fewer (brotli), ${ratio(naive.result.bytes, gz.result.wireBytes)} (gzip); ` +
        `first byte ${ratio(naive.result.ttfbMs, br.result.ttfbMs)} sooner; peak RSS growth ${ratio(naive.rssGrowth, br.rssGrowth)} smaller; heap growth ${ratio(naive.heapGrowth, br.heapGrowth)} smaller`,
    );
    console.log(
      `  compression: ${mb(br.result.bytes)} of NDJSON → ${mb(br.result.wireBytes)} brotli (${ratio(br.result.bytes, br.result.wireBytes)}), ${mb(gz.result.wireBytes)} gzip`,
    );

    // A delta: 100 items change in Zoho, the sync brings them, the device asks since its cursor.
    const device = newDevice();
    await download(device, { baseUrl, limit: a.page, discard: true });
    zs.sandbox.state.mutateItems(100);
    const again = await run('incremental', 0);
    const delta = await serve('br', device.cursor);
    const deltaGz = await serve('gzip', device.cursor);
    const repeats: number[] = [];
    for (let i = 0; i < 9; i++) repeats.push((await download(newDevice(), { baseUrl, since: device.cursor, encoding: 'br', discard: true })).totalMs);
    repeats.sort((x, y) => x - y);
    console.log(`\nHub → device, delta after 100 items changed (sync: ${again.calls} calls, ${s(again.ms)}):`);
    console.log(
      `  ${delta.result.records} records; brotli: first byte ${delta.result.ttfbMs.toFixed(1)} ms, total ${delta.result.totalMs.toFixed(1)} ms, ${kb(delta.result.wireBytes)} on the wire; gzip: ${deltaGz.result.totalMs.toFixed(1)} ms, ${kb(deltaGz.result.wireBytes)}`,
    );
    console.log(
      `  the same delta asked 9 more times: median ${repeats[4]!.toFixed(1)} ms, fastest ${repeats[0]!.toFixed(1)} ms, slowest ${repeats[8]!.toFixed(1)} ms`,
    );
    console.log(
      `  vs the full data set: ${ratio(br.result.wireBytes, delta.result.wireBytes)} fewer bytes, ${ratio(br.result.totalMs, delta.result.totalMs)} faster`,
    );
  } finally {
    if (server) await new Promise((r) => server!.close(r));
    await db.close();
    await target.destroy();
    await zs.close();
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});

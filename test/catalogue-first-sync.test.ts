/**
 * A catalogue from the first minute, on real parts (SQLite and PostgreSQL, the Temporal dev server,
 * a real worker, the Zoho sandbox): a hub with no catalogue starts the sync at once instead of
 * waiting for the schedule's next tick, devices are told it is still loading (with the items so far)
 * until the first full pass ends, and a newly connected organization starts it over.
 */
import crypto from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Client } from '@temporalio/client';
import { Worker } from '@temporalio/worker';
import express from 'express';
import { loadConfig } from '../config';
import type { DatasetControlLine } from '../domain';
import { createCatalogueService, type CatalogueService } from '../hub/catalogue/service';
import { errorHandler } from '../hub/errors';
import { catalogueRouter } from '../hub/routes/catalogue';
import type { Database } from '../server/db/connect';
import { createCatalogueDbActivities, createCatalogueZohoActivities } from '../workflows/activities/catalogue';
import { ensureCatalogueSchedule } from '../workflows/catalogue-schedule';
import { zohoTaskQueue } from '../workflows/task-queues';
import { createZohoClient, MemoryTokenStore } from '../zoho/connector';
import { createSandbox } from '../zoho/sandbox';
import { DIALECTS, openTestDatabase } from './support/databases';
import { bundleWorkflows, connectTemporalForTest, eventually } from './support/temporal';
import { testAuth } from './support/auth';

jest.setTimeout(120_000);

const ITEMS = 450;
const rep = { id: '00000000-0000-4000-8000-0000000000a1', email: 'anna@x', role: 'rep' };
const support = { id: '00000000-0000-4000-8000-00000000005a', role: 'support' };

describe.each(DIALECTS)('the first catalogue sync on %s', (dialect) => {
  let db: Database;
  let cleanupDb: () => Promise<void>;
  let sandbox: ReturnType<typeof createSandbox>;
  let temporal: Awaited<ReturnType<typeof connectTemporalForTest>>;
  let client: Client;
  let workers: Worker[];
  let running: Promise<unknown>;
  let server: Server;
  let baseUrl: string;
  let catalogue: CatalogueService;
  const taskQueue = `first-sync-${dialect}-${crypto.randomBytes(4).toString('hex')}`;
  // Short: a run's id (the schedule's, plus the tick's time) is stored as its seen_run (40 characters).
  const scheduleId = `cfs-${dialect.slice(0, 2)}-${crypto.randomBytes(3).toString('hex')}`;

  beforeAll(async () => {
    ({ db, cleanup: cleanupDb } = await openTestDatabase(dialect));
    sandbox = createSandbox({ seed: { items: ITEMS, customers: 20 }, limits: { perWindow: 100_000 } });
    const { url } = await sandbox.listen(0, '127.0.0.1');
    const zoho = createZohoClient({ ...loadConfig({}).zoho, accountsUrl: url, apiDomain: url }, { tokenStore: new MemoryTokenStore() });
    temporal = await connectTemporalForTest();
    client = temporal.client;
    const deps = { db, zoho, product: 'inventory' as const, warn: () => undefined };
    const bundle = await bundleWorkflows();
    workers = [
      await Worker.create({
        connection: temporal.native,
        namespace: 'default',
        taskQueue,
        workflowBundle: bundle,
        activities: createCatalogueDbActivities(deps),
      }),
      await Worker.create({
        connection: temporal.native,
        namespace: 'default',
        taskQueue: zohoTaskQueue(taskQueue),
        activities: createCatalogueZohoActivities(deps),
        maxTaskQueueActivitiesPerSecond: 1000,
      }),
    ];
    running = Promise.all(workers.map((w) => w.run()));
    // An hour between ticks: only the hub's own start can bring the catalogue within the test.
    // Paced (120 calls a minute) so the run lasts long enough to be watched while it fills.
    await ensureCatalogueSchedule(client, { scheduleId, taskQueue, intervalMs: 3_600_000, input: { mode: 'auto', callsPerMinute: 120, detailsPerRun: 8 } });

    catalogue = createCatalogueService({ db, temporal: client, scheduleId });
    const app = express();
    app.use((req, _res, next) => {
      const u = req.get('x-test-user');
      if (u) (req as { user?: unknown }).user = JSON.parse(u);
      next();
    });
    app.use(
      '/api',
      catalogueRouter(catalogue, testAuth(db), () => undefined),
    );
    app.use(errorHandler(() => undefined));
    server = await new Promise<Server>((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await client?.schedule
      .getHandle(scheduleId)
      .delete()
      .catch(() => undefined);
    for (const w of workers ?? []) if (w.getState() === 'RUNNING') w.shutdown();
    await running;
    await new Promise((r) => server?.close(r));
    await temporal?.close();
    await sandbox?.close();
    await cleanupDb?.();
  });

  /** What a rep's device is told: the data set's start line, its loading header, and the items in it. */
  async function dataset() {
    const res = await fetch(`${baseUrl}/api/catalogue/dataset?since=0`, { headers: { 'x-test-user': JSON.stringify(rep), 'accept-encoding': 'identity' } });
    expect(res.status).toBe(200);
    const lines = (await res.text())
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as DatasetControlLine | { k: string });
    const start = lines[0] as Extract<DatasetControlLine, { type: 'start' }>;
    return { start, header: res.headers.get('x-catalogue-loading'), items: lines.filter((l) => 'k' in l && l.k === 'item').length };
  }

  it('starts at once on an empty hub, says "loading" with the items so far, then serves the whole catalogue', async () => {
    const empty = await dataset();
    expect(empty.start.loading).toEqual({ items: 0 });
    expect(empty.header).toBe('items=0');

    expect(await catalogue.syncIfLoading()).toEqual({ triggered: true });

    // While it runs, devices get the items already stored, and are told there is more to come.
    const partway = await eventually(
      async () => {
        const d = await dataset();
        return d.start.loading && d.start.loading.items > 0 ? d : undefined;
      },
      { what: 'items while the first sync is still running', timeoutMs: 60_000, intervalMs: 100 },
    );
    expect(partway.header).toBe(`items=${partway.start.loading!.items}`);
    expect(partway.items).toBe(partway.start.loading!.items);
    const status = await fetch(`${baseUrl}/api/catalogue/sync`, { headers: { 'x-test-user': JSON.stringify(support) } });
    expect(((await status.json()) as { catalogue: unknown }).catalogue).toMatchObject({ state: expect.stringMatching(/^(loading|ready)$/) });

    const ready = await eventually(
      async () => {
        const d = await dataset();
        return d.start.loading ? undefined : d;
      },
      { what: 'the first full pass to finish', timeoutMs: 90_000 },
    );
    expect(ready.header).toBeNull();
    expect(ready.items).toBe(ITEMS);
    expect(await catalogue.loadStatus()).toEqual({ state: 'ready' });
    // Once complete, a restart starts nothing: the schedule's ticks take over.
    expect(await catalogue.syncIfLoading()).toBeUndefined();
  });

  it('loads again, at once, for a newly connected organization', async () => {
    // A sync still running (a schedule tick) is for the old organization: it is replaced, not waited for.
    expect(await catalogue.organizationChanged()).toMatchObject({ triggered: true });
    expect((await dataset()).start.loading).toEqual({ items: ITEMS });
    const again = await eventually(
      async () => {
        const d = await dataset();
        return d.start.loading ? undefined : d;
      },
      { what: 'the new organization’s full pass to finish', timeoutMs: 90_000 },
    );
    expect(again.items).toBe(ITEMS);
  });
});

/**
 * The catalogue, both hops, on real parts: Zoho sandbox → catalogue sync workflow (Temporal dev
 * server, real worker) → hub database (SQLite and PostgreSQL) → data set endpoint → a device.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Client } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import express from 'express';
import { loadConfig } from '../config';
import { rateToMinor, resolvePrice, type CustomerRecord, type ItemRecord, type PriceListRecord, type StockRecord } from '../domain';
import { createCatalogueService } from '../hub/catalogue/service';
import type { Database } from '../server/db/connect';
import { errorHandler } from '../hub/errors';
import { catalogueRouter } from '../hub/routes/catalogue';
import { createCatalogueDbActivities, createCatalogueZohoActivities } from '../workflows/activities/catalogue';
import { ensureCatalogueSchedule } from '../workflows/catalogue-schedule';
import type { CatalogueSyncInput, CatalogueSyncResult } from '../workflows/catalogue-sync.workflow';
import { zohoTaskQueue } from '../workflows/task-queues';
import { createZohoClient, MemoryTokenStore } from '../zoho/connector';
import { createSandbox } from '../zoho/sandbox';
import { countingFetch } from '../zoho/testing';
import { DIALECTS, openTestDatabase } from './support/databases';
import { countKind, download, newDevice, type DeviceState } from './support/dataset-client';
import { bundleWorkflows, connectTemporalForTest, eventually } from './support/temporal';
import { testAuth } from './support/auth';

jest.setTimeout(120_000);

const ITEMS = 450;
const CUSTOMERS = 30;
const REP_FIELD = 'cf_sales_rep';
const admin = { id: '00000000-0000-4000-8000-00000000000a', email: 'admin@x', role: 'admin' };
const anna = { id: '00000000-0000-4000-8000-0000000000a1', email: 'anna@x', role: 'rep' };
const ben = { id: '00000000-0000-4000-8000-0000000000b1', email: 'Ben@X', role: 'rep' };

let bundle: WorkflowBundleWithSourceMap;
beforeAll(async () => {
  bundle = await bundleWorkflows();
});

const zohoTime = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, '+0000');

describe.each(DIALECTS)('catalogue sync on %s', (dialect) => {
  let db: Database;
  let cleanupDb: () => Promise<void>;
  let sandbox: ReturnType<typeof createSandbox>;
  let temporal: Awaited<ReturnType<typeof connectTemporalForTest>>;
  let client: Client;
  let workers: Worker[];
  let running: Promise<unknown>;
  let server: Server;
  let baseUrl: string;
  let imageCalls: ReturnType<typeof countingFetch>;
  const warnings: string[] = [];
  const taskQueue = `catalogue-${dialect}-${crypto.randomBytes(4).toString('hex')}`;
  const scheduleId = `catalogue-sync-test-${dialect}-${crypto.randomBytes(3).toString('hex')}`;
  const admins = newDevice(); // one device per user, kept across the tests (incremental)
  const annas = newDevice();
  const bens = newDevice();

  const assignRep = (i: number, rep: string | undefined) => {
    const c = sandbox.state.contacts()[i]!;
    c.custom_fields = rep === undefined ? [] : [{ api_name: REP_FIELD, label: 'Sales rep', value: rep }];
    c.last_modified_time = zohoTime(Date.now());
  };

  beforeAll(async () => {
    ({ db, cleanup: cleanupDb } = await openTestDatabase(dialect));
    sandbox = createSandbox({ seed: { items: ITEMS, customers: CUSTOMERS }, limits: { perWindow: 100_000 } });
    const { url } = await sandbox.listen(0, '127.0.0.1');
    // Customers 0-4 belong to anna, 5-9 to ben, the rest to nobody.
    for (let i = 0; i < 10; i++) assignRep(i, i < 5 ? 'anna@x' : 'ben@x');
    const settings = { ...loadConfig({}).zoho, accountsUrl: url, apiDomain: url };
    const zoho = createZohoClient(settings, { tokenStore: new MemoryTokenStore() });
    imageCalls = countingFetch();
    const hubZoho = createZohoClient(settings, { tokenStore: new MemoryTokenStore(), fetch: imageCalls.fetch });

    temporal = await connectTemporalForTest();
    client = temporal.client;
    const deps = {
      db,
      zoho,
      product: 'inventory' as const,
      repField: REP_FIELD,
      warn: (msg: string, detail?: Record<string, unknown>) => warnings.push(`${msg} ${JSON.stringify(detail ?? {})}`),
    };
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

    const app = express();
    app.use((req, _res, next) => {
      const u = req.get('x-test-user');
      if (u) (req as { user?: unknown }).user = JSON.parse(u);
      next();
    });
    app.use(
      '/api',
      catalogueRouter(createCatalogueService({ db, temporal: client, zoho: hubZoho, repField: REP_FIELD, scheduleId }), testAuth(db), () => undefined),
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

  const sync = async (input: CatalogueSyncInput): Promise<{ result: CatalogueSyncResult; apiCalls: number; workflowId: string }> => {
    const before = sandbox.stats.apiCalls;
    const workflowId = `catalogue-test-${crypto.randomBytes(4).toString('hex')}`;
    const result = await client.workflow.execute<(i: CatalogueSyncInput) => Promise<CatalogueSyncResult>>('catalogueSyncWorkflow', {
      taskQueue,
      workflowId,
      args: [{ callsPerMinute: 60_000, detailsPerRun: 100, ...input }],
    });
    return { result, apiCalls: sandbox.stats.apiCalls - before, workflowId };
  };

  const item = (d: DeviceState, id: string) => d.records.get(`item:${id}`) as ItemRecord | undefined;

  it('brings every item, stock level, price, customer, tax and location to a device on the first sync', async () => {
    const { result, apiCalls } = await sync({ mode: 'auto' });
    expect(result).toMatchObject({ phase: 'done', full: true, detailsFetched: CUSTOMERS, detailsDue: 0 });
    // Keyset paging asks "since the last time seen" (inclusive): one item per page boundary comes twice.
    expect(result.counts.items).toMatchObject({ fetched: ITEMS + Math.ceil(ITEMS / 200) - 1, skipped: 0, calls: Math.ceil(ITEMS / 200) });
    expect(result.counts.contacts).toMatchObject({ fetched: CUSTOMERS, calls: 1 });
    // organization, its currencies, its taxes and each tax group, its units + locations + item pages + price lists + customer list + one detail per customer
    const groups = sandbox.state.taxes().filter((t) => t.tax_type === 'tax_group').length;
    expect(result.calls).toBe(3 + groups + 1 + 1 + Math.ceil(ITEMS / 200) + 1 + 1 + CUSTOMERS);
    expect(apiCalls).toBe(result.calls);

    const res = await download(admins, { baseUrl, user: admin, limit: 250 });
    expect(res).toMatchObject({ status: 200, completed: true });
    expect(countKind(admins, 'item')).toBe(ITEMS);
    expect(countKind(admins, 'stock')).toBe(ITEMS);
    // Sales lists only (the purchase list never reaches a device); each per-item list's rates.
    const sales = sandbox.state.snapshot().pricebooks.filter((p) => p.sales_or_purchase_type === 'sales');
    expect(countKind(admins, 'price')).toBe(sales.reduce((n, p) => n + p.pricebook_items.length, 0));
    expect(countKind(admins, 'pricelist')).toBe(sales.length);
    // An inactive customer takes no orders, but is on devices marked so, with its credit: pre-flight says why.
    expect(countKind(admins, 'customer')).toBe(CUSTOMERS);
    const inactive = sandbox.state.contacts().find((c) => c.status === 'inactive')!;
    expect(admins.records.get(`customer:${inactive.contact_id}`)).toMatchObject({ active: false });
    const limited = sandbox.state.contacts().find((c) => c.status === 'active' && (c.credit_limit ?? 0) > 0)!;
    expect(admins.records.get(`customer:${limited.contact_id}`)).toMatchObject({
      creditLimit: rateToMinor(limited.credit_limit!, limited.currency_code),
      outstanding: rateToMinor(limited.outstanding_receivable_amount!, limited.currency_code),
    });
    expect((admins.records.get(`customer:${limited.contact_id}`) as CustomerRecord).active).toBeUndefined();
    // Every tax of the organization's settings (the items name some of them), a group with its members in order.
    expect(countKind(admins, 'tax')).toBe(sandbox.state.taxes().length);
    const group = sandbox.state.taxes().find((t) => t.tax_type === 'tax_group')!;
    expect(admins.records.get(`tax:${group.tax_id}`)).toEqual({
      name: group.tax_name,
      percent: group.tax_percentage,
      kind: 'tax_group',
      components: group.tax_ids!.map((id) => {
        const m = sandbox.state.taxes().find((t) => t.tax_id === id)!;
        return { id, name: m.tax_name, percent: m.tax_percentage, compound: m.tax_type === 'compound_tax' };
      }),
    });
    expect(countKind(admins, 'location')).toBe(3);
    expect(admins.records.get('settings:client')).toMatchObject({
      currency: 'USD',
      // Zoho's rates for the foreign currencies, so a device converts base prices as Zoho does.
      exchangeRates: Object.fromEntries(
        sandbox.state
          .currencies()
          .filter((c) => !c.is_base_currency)
          .map((c) => [c.currency_code, c.exchange_rate]),
      ),
      product: 'inventory',
      defaults: { locationId: '460000000000301' },
    });

    const zItem = sandbox.state.items()[7]!;
    expect(zItem.category_name).toMatch(/^[A-Z][a-z]+s$/); // seeded: every item has a category
    expect(item(admins, zItem.item_id)).toMatchObject({
      name: zItem.name,
      sku: zItem.sku,
      rate: rateToMinor(zItem.rate, 'USD'),
      taxId: zItem.tax_id,
      category: zItem.category_name,
    });
    // Each item knows the decimal places its unit takes (Inventory's GET /units): kg 3, pcs whole.
    for (const [unit, places] of [
      ['kg', 3],
      ['pcs', 0],
    ] as const) {
      const z = sandbox.state.items().find((i) => i.unit === unit)!;
      expect([unit, item(admins, z.item_id)?.quantityDecimals]).toEqual([unit, places]);
    }
    expect(admins.records.get(`stock:${zItem.item_id}`)).toEqual({
      total: zItem.available_stock,
      at: Object.fromEntries(zItem.locations.map((l) => [l.location_id, l.location_available_stock])),
    });
    const zContact = sandbox.state.contacts()[3]!;
    expect(admins.records.get(`customer:${zContact.contact_id}`)).toMatchObject({
      name: zContact.contact_name,
      detailed: true,
      rep: 'anna@x', // customers 0-4 are anna's
      billingAddress: { city: zContact.billing_address.city },
      contactPersons: [expect.objectContaining({ email: zContact.contact_persons[0]!.email, primary: true })],
    });
  });

  it('computes on the device the price Zoho would charge (per-item list, percentage list, none)', () => {
    const [wholesale, plus10] = sandbox.state.snapshot().pricebooks;
    const zItem = sandbox.state.items()[11]!;
    const rec = item(admins, zItem.item_id)!;
    const priced = {
      id: zItem.item_id,
      rate: rec.rate,
      currency: rec.currency,
      taxId: rec.taxId,
      taxPercent: (admins.records.get(`tax:${rec.taxId}`) as { percent: number }).percent,
    };
    const list = (id: string) => ({ id, ...(admins.records.get(`pricelist:${id}`) as PriceListRecord) });
    const listRate = (admins.records.get(`price:${wholesale!.pricebook_id}:${zItem.item_id}`) as { rate: number }).rate;
    const zRate = wholesale!.pricebook_items.find((p) => p.item_id === zItem.item_id)!.pricebook_rate;
    expect(resolvePrice({ item: priced, priceList: list(wholesale!.pricebook_id), listRate }).unitPrice).toBe(rateToMinor(zRate, 'USD'));
    expect(resolvePrice({ item: priced, priceList: list(plus10!.pricebook_id) }).unitPrice).toBe(Math.round(rateToMinor(zItem.rate, 'USD') * 1.1));
    expect(resolvePrice({ item: priced }).unitPrice).toBe(rateToMinor(zItem.rate, 'USD'));
  });

  it('scopes customers to their rep and shares the rest', async () => {
    await download(annas, { baseUrl, user: anna });
    await download(bens, { baseUrl, user: ben });
    const ids = sandbox.state.contacts().map((c) => c.contact_id);
    // Each sees the shared customers and their own, the other rep's 5 not (inactive ones too, marked so).
    const active = sandbox.state.contacts();
    const reps = (rep: string) => active.filter((c) => c.custom_fields.some((f) => f.value === rep)).length;
    expect(countKind(annas, 'customer')).toBe(active.length - reps('ben@x'));
    expect(countKind(bens, 'customer')).toBe(active.length - reps('anna@x'));
    expect(reps('ben@x')).toBe(5);
    expect(annas.records.has(`customer:${ids[0]}`)).toBe(true);
    expect(annas.records.has(`customer:${ids[5]}`)).toBe(false);
    expect(bens.records.has(`customer:${ids[5]}`)).toBe(true);
    expect(bens.records.get(`customer:${ids[5]}`)).toMatchObject({ detailed: true, rep: 'ben@x' });
    expect((annas.records.get(`customer:${ids[20]}`) as CustomerRecord).rep).toBeUndefined();
    expect(countKind(annas, 'item')).toBe(ITEMS);
  });

  it('an incremental run costs a handful of calls and carries exactly the changes to the devices', async () => {
    const now = Date.now();
    const changed = sandbox.state.mutateItems(3, 2); // 3 changed (rate and stock), 2 new
    const items = sandbox.state.items();
    const deactivated = items[10]!;
    deactivated.status = 'inactive';
    deactivated.last_modified_time = zohoTime(now);
    const restocked = items[20]!;
    restocked.locations[0]!.location_stock_on_hand += 7;
    restocked.locations[0]!.location_available_stock += 7;
    restocked.stock_on_hand += 7;
    restocked.available_stock += 7;
    restocked.last_modified_time = zohoTime(now);
    sandbox.state.load(sandbox.state.snapshot()); // re-index the edits made behind the store's back
    const wholesale = sandbox.state.snapshot().pricebooks[0]!;
    const repriced = wholesale.pricebook_items[30]!;
    repriced.pricebook_rate = 1.23;
    const created = sandbox.state.createContact({
      contact_name: 'Brand New Corner Shop',
      billing_address: { address: '1 New St', city: 'Austin' },
      contact_persons: [{ first_name: 'Neo', email: 'neo@new.example' }],
      custom_fields: [{ api_name: REP_FIELD, value: 'anna@x' }],
    });
    assignRep(1, 'ben@x'); // moves from anna to ben

    const { result, apiCalls } = await sync({ mode: 'auto' });
    expect(result.full).toBe(false);
    // locations + one item page + price lists + one customer page + two contact details
    expect(result.calls).toBe(6);
    expect(apiCalls).toBe(6);
    expect(result.counts.items!.fetched).toBeLessThanOrEqual(changed.length + 2 + 1); // + an item of the high-water second
    expect(result.detailsFetched).toBe(2);

    const delta = await download(admins, { baseUrl, user: admin, keepLines: true });
    expect(delta.records).toBeLessThan(25);
    for (const it of changed) {
      expect(item(admins, it.item_id)).toMatchObject({ rate: rateToMinor(it.rate, 'USD') });
      expect((admins.records.get(`stock:${it.item_id}`) as StockRecord).total).toBe(it.available_stock);
    }
    expect(admins.records.has(`item:${deactivated.item_id}`)).toBe(false);
    expect(admins.records.has(`stock:${deactivated.item_id}`)).toBe(false);
    expect((admins.records.get(`stock:${restocked.item_id}`) as StockRecord).total).toBe(restocked.available_stock);
    expect(admins.records.get(`price:${wholesale.pricebook_id}:${repriced.item_id}`)).toEqual({ rate: 123 });
    expect(admins.records.get(`customer:${created.contact_id}`)).toMatchObject({
      name: 'Brand New Corner Shop',
      detailed: true,
      billingAddress: { city: 'Austin' },
    });
    expect(countKind(admins, 'item')).toBe(ITEMS + 2 - 1);

    const moved = sandbox.state.contacts()[1]!.contact_id;
    const annaDelta = await download(annas, { baseUrl, user: anna });
    expect(annaDelta.records).toBeLessThan(25);
    expect(annas.records.has(`customer:${moved}`)).toBe(false);
    expect(annas.records.has(`customer:${created.contact_id}`)).toBe(true);
    await download(bens, { baseUrl, user: ben });
    expect(bens.records.has(`customer:${moved}`)).toBe(true);
    expect(bens.records.has(`customer:${created.contact_id}`)).toBe(false);
    expect(admins.records.has(`customer:${moved}`)).toBe(true);

    // Nothing changed since: a run reads four lists and writes nothing new.
    const idle = await sync({ mode: 'incremental' });
    expect(idle.result.calls).toBe(4);
    expect((await download(admins, { baseUrl, user: admin })).records).toBe(0);
  });

  it('skips a record Zoho garbles, with a warning, and tombstones items deleted in Zoho at the next full pass', async () => {
    const items = sandbox.state.snapshot().items;
    const garbled = items[40]!;
    const before = item(admins, garbled.item_id);
    (garbled as Record<string, unknown>).rate = 'twelve';
    const gone = items.splice(50, 1)[0]!;
    sandbox.state.load(sandbox.state.snapshot());

    const { result } = await sync({ mode: 'full' });
    expect(result.full).toBe(true);
    expect(result.counts.items!.skipped).toBe(1);
    expect(result.totals.deleted).toBeGreaterThanOrEqual(1);
    expect(warnings.some((w) => w.includes('skipped a Zoho item') && w.includes(garbled.item_id))).toBe(true);

    await download(admins, { baseUrl, user: admin });
    expect(admins.records.has(`item:${gone.item_id}`)).toBe(false);
    expect(admins.records.has(`stock:${gone.item_id}`)).toBe(false);
    expect(item(admins, garbled.item_id)).toEqual(before); // the last good version stays
    expect(countKind(admins, 'item')).toBe(ITEMS + 2 - 2);
  });

  it('resumes a download cut off halfway from the last complete page, not from zero', async () => {
    const clean = newDevice();
    const whole = await download(clean, { baseUrl, user: admin, limit: 100 });
    const device = newDevice();
    const cut = await download(device, { baseUrl, user: admin, limit: 100, cutAfterBytes: Math.floor(whole.wireBytes / 2) });
    expect(cut.completed).toBe(false);
    expect(device.cursor).not.toBe('0');
    const kept = device.records.size;
    expect(kept).toBeGreaterThan(0);
    expect(kept).toBeLessThan(clean.records.size);
    const rest = await download(device, { baseUrl, user: admin, limit: 100 });
    expect(rest.completed).toBe(true);
    expect(rest.records).toBeLessThan(whole.records);
    expect(cut.records + rest.records).toBeLessThan(whole.records + 100); // at most one page again
    expect(device.cursor).toBe(clean.cursor);
    expect([...device.records.entries()].sort()).toEqual([...clean.records.entries()].sort());
  });

  it('refuses a malformed or future cursor with a 400 that says to start over from 0', async () => {
    const epoch = admins.cursor.split('.')[1];
    for (const since of ['not-a-cursor', `${Number(admins.cursor.split('.')[0]) + 1000}.${epoch}`]) {
      const res = await download(newDevice(), { baseUrl, user: admin, since });
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ error: { code: 'cursor_invalid', restartFrom: '0', message: expect.stringMatching(/since=0/) } });
    }
  });

  it('serves item images fetched once from Zoho, with an ETag and 304 on revalidation', async () => {
    const withImage = sandbox.state.items().find((i) => i.image_name && i.status === 'active' && admins.records.has(`item:${i.item_id}`))!;
    const url = `${baseUrl}/api/catalogue/items/${withImage.item_id}/image`;
    const headers = { 'x-test-user': JSON.stringify(anna) };
    const first = await fetch(url, { headers });
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toBe('image/png');
    expect(first.headers.get('cache-control')).toMatch(/max-age=\d+/);
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^".+"$/);
    const png = Buffer.from(await first.arrayBuffer());
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    const again = await fetch(url, { headers });
    expect(Buffer.from(await again.arrayBuffer())).toEqual(png);
    const revalidated = await fetch(url, { headers: { ...headers, 'if-none-match': etag } });
    expect(revalidated.status).toBe(304);
    expect(imageCalls.api().filter((c) => c.url.includes(`/items/${withImage.item_id}/image`))).toHaveLength(1);
    const noImage = sandbox.state.items().find((i) => !i.image_name && admins.records.has(`item:${i.item_id}`));
    if (noImage) expect((await fetch(`${baseUrl}/api/catalogue/items/${noImage.item_id}/image`, { headers })).status).toBe(404);
    expect((await fetch(url)).status).toBe(401);
  });

  it('runs on a Temporal Schedule; admins trigger "sync now" and watch its progress and counts', async () => {
    const options = { scheduleId, taskQueue, intervalMs: 3_600_000, input: { mode: 'incremental' as const, callsPerMinute: 60_000, detailsPerRun: 10 } };
    expect(await ensureCatalogueSchedule(client, options)).toBe('created');
    expect(await ensureCatalogueSchedule(client, options)).toBe('unchanged');
    expect(await ensureCatalogueSchedule(client, { ...options, intervalMs: 1_800_000 })).toBe('updated');
    const described = await client.schedule.getHandle(scheduleId).describe();
    expect(described.policies.overlap).toBe('SKIP');

    const post = (user: object) => fetch(`${baseUrl}/api/catalogue/sync`, { method: 'POST', headers: { 'x-test-user': JSON.stringify(user) } });
    expect((await post(anna)).status).toBe(403);
    const started = await post(admin);
    expect(started.status).toBe(202);
    const status = await eventually(
      async () => {
        const res = await fetch(`${baseUrl}/api/catalogue/sync`, {
          headers: { 'x-test-user': JSON.stringify({ id: '00000000-0000-4000-8000-00000000005a', role: 'support' }) },
        });
        const body = (await res.json()) as { recent: Array<{ result?: CatalogueSyncResult }> };
        return body.recent.find((r) => r.result) ? body : undefined;
      },
      { what: 'a finished scheduled sync', timeoutMs: 60_000 },
    );
    expect(status.recent[0]!.result).toMatchObject({ phase: 'done', full: false, calls: 4 });
    expect((await fetch(`${baseUrl}/api/catalogue/sync`, { headers: { 'x-test-user': JSON.stringify(anna) } })).status).toBe(403);
  });

  it('replays its recorded history deterministically', async () => {
    const { workflowId } = await sync({ mode: 'incremental' });
    const history = await client.workflow.getHandle(workflowId).fetchHistory();
    await expect(Worker.runReplayHistory({ workflowBundle: bundle }, history)).resolves.toBeUndefined();
    if (process.env.RECORD_HISTORIES && dialect === 'sqlite') {
      fs.writeFileSync(path.join(__dirname, '../workflows/histories/catalogue-sync-incremental.json'), historyToJSON(history));
    }
  });
});

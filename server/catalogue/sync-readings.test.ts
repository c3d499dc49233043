/**
 * The catalogue sync under every reading of what Zoho leaves unclear (shared/zoho-api.md §6):
 * `last_modified_time` as "at or after" or strictly "after", and the contacts list honouring or
 * ignoring it. Hundreds of records share one second across page boundaries (Zoho pages hold 200),
 * which is where a sync that trusts one reading loses records, and a full pass then deletes them
 * from every device. Real sandbox, real database (SQLite and PostgreSQL), the sync engine driven
 * page by page as its workflow does.
 */
import crypto from 'node:crypto';
import { loadConfig } from '../../config';
import { createSandbox, type Sandbox } from '../../zoho/sandbox';
import { seedData } from '../../zoho/sandbox/seed';
import type { SandboxReadings } from '../../zoho/sandbox/store';
import { zohoTime } from '../../zoho/sandbox/util';
import { createZohoClient, MemoryTokenStore } from '../../zoho/connector';
import { DIALECTS, openTestDatabase } from '../../test/support/databases';
import type { Database } from '../db/connect';
import { createCatalogueSync, type PagerCursor, type PageResult } from './sync';

const ITEMS = 450;
const CUSTOMERS = 430;
const READINGS: SandboxReadings[] = [
  { modifiedSince: 'inclusive', contactsModifiedSince: 'honour', inventoryLineDiscounts: 'honour' },
  { modifiedSince: 'exclusive', contactsModifiedSince: 'honour', inventoryLineDiscounts: 'honour' },
  { modifiedSince: 'inclusive', contactsModifiedSince: 'ignore', inventoryLineDiscounts: 'honour' },
  { modifiedSince: 'exclusive', contactsModifiedSince: 'ignore', inventoryLineDiscounts: 'honour' },
];

describe.each(DIALECTS)('catalogue sync under every reading of Zoho (%s)', (dialect) => {
  let db: Database;
  let cleanup: () => Promise<void>;
  let sandbox: Sandbox;
  let close: () => Promise<void>;
  let sync: ReturnType<typeof createCatalogueSync>;
  /** The second every record shares: the worst case for a page boundary. */
  const T = Date.UTC(2026, 5, 1, 12, 0, 0);

  beforeAll(async () => {
    ({ db, cleanup } = await openTestDatabase(dialect));
    sandbox = createSandbox({ limits: { perWindow: 100_000 } });
    const { url, server } = await sandbox.listen(0, '127.0.0.1');
    close = () => new Promise((resolve) => server.close(() => resolve()));
    const settings = { ...loadConfig({}).zoho, accountsUrl: url, apiDomain: url };
    sync = createCatalogueSync({ db, zoho: createZohoClient(settings, { tokenStore: new MemoryTokenStore() }), product: 'inventory', warn: () => undefined });
  });
  afterAll(async () => {
    await close?.();
    await cleanup?.();
  });

  /** A fresh organization whose items and customers were all modified in the same second. */
  function organizationAtOneSecond(readings: SandboxReadings): void {
    const data = seedData({ items: ITEMS, customers: CUSTOMERS });
    for (const i of data.items) i.last_modified_time = zohoTime(T);
    for (const c of data.contacts) c.last_modified_time = zohoTime(T);
    sandbox.state.load(data);
    sandbox.state.readings = readings;
  }

  async function sweep(
    kind: 'items' | 'contacts',
    runId: string,
    full: boolean,
    first: PagerCursor,
  ): Promise<{ calls: number; highWater: PageResult['highWater'] }> {
    let cursor: PagerCursor | null = first;
    let highWater: PageResult['highWater'];
    let calls = 0;
    while (cursor) {
      const page: PageResult =
        kind === 'items' ? await sync.itemsPage(runId, full, cursor, highWater) : await sync.contactsPage(runId, full, cursor, highWater);
      calls += page.counts.calls;
      highWater = page.highWater;
      cursor = page.next;
      if (calls > 50) throw new Error(`the ${kind} sweep does not end`);
    }
    return { calls, highWater };
  }

  async function run(mode: 'full' | 'incremental'): Promise<{ itemCalls: number; contactCalls: number; deleted: number }> {
    const runId = crypto.randomUUID();
    const plan = await sync.plan(mode, 86_400_000, Date.now());
    expect(plan.full).toBe(mode === 'full');
    const items = await sweep('items', runId, plan.full, plan.items!);
    const contacts = await sweep('contacts', runId, plan.full, plan.contacts);
    const { deleted } = await sync.finish({
      runId,
      full: plan.full,
      nowMs: Date.now(),
      items: { completed: true, highWater: items.highWater },
      contacts: { completed: true, highWater: contacts.highWater },
    });
    return { itemCalls: items.calls, contactCalls: contacts.calls, deleted };
  }

  async function live(kind: 'item' | 'customer'): Promise<Map<string, Record<string, unknown>>> {
    const rows = await db.sequelize.query<{ record_key: string; data: string | Record<string, unknown>; deleted: boolean | number }>(
      'SELECT record_key, data, deleted FROM catalogue_records WHERE kind = ?',
      { replacements: [kind], type: 'SELECT' as never },
    );
    return new Map(rows.filter((r) => !r.deleted).map((r) => [r.record_key, typeof r.data === 'string' ? JSON.parse(r.data) : r.data]));
  }

  it.each(READINGS)('loses no record and deletes none: modified since %j', async (readings) => {
    organizationAtOneSecond(readings);
    const first = await run('full');
    expect(first.deleted).toBe(0);
    const items = await live('item');
    const customers = await live('customer');
    for (const i of sandbox.state.items()) expect(items.has(i.item_id)).toBe(true);
    expect(items.size).toBe(ITEMS);
    // Inactive customers are served too (marked `active: false`): only non-customers are left out.
    expect(customers.size).toBe(sandbox.state.contacts().filter((c) => c.contact_type === 'customer').length);

    // Changes in that same second and the next, after the sweep: the incremental run brings them all.
    const changed = sandbox.state.items().slice(0, 3);
    changed[0]!.name = `${changed[0]!.name} (renamed at T)`;
    changed[1]!.name = `${changed[1]!.name} (renamed at T+1)`;
    changed[2]!.name = `${changed[2]!.name} (renamed at T+1)`;
    const when = [T, T + 1000, T + 1000];
    sandbox.state.load({
      ...sandbox.state.snapshot(),
      items: sandbox.state.items().map((i, k) => (k < 3 ? { ...i, last_modified_time: zohoTime(when[k]!) } : i)),
    });
    sandbox.state.readings = readings;
    const next = await run('incremental');
    expect(next.deleted).toBe(0);
    const after = await live('item');
    expect(after.size).toBe(ITEMS);
    for (const c of changed) expect(after.get(c.item_id)?.name).toBe(c.name);

    // A second full pass still deletes nothing.
    expect((await run('full')).deleted).toBe(0);
    expect((await live('item')).size).toBe(ITEMS);
  });
});

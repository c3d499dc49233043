/**
 * Price lists as a distributor's Zoho has them, synced from the sandbox's demo organization: a
 * purchase list (what the organization pays its suppliers) never reaches a device, and a volume
 * list carries its quantity brackets with each rate. SQLite is enough: the step's SQL is shared.
 */
import { loadConfig } from '../../config';
import { createSandbox } from '../../zoho/sandbox';
import { createZohoClient, MemoryTokenStore } from '../../zoho/connector';
import { openTestDatabase } from '../../test/support/databases';
import type { Database } from '../db/connect';
import { createCatalogueStore } from './store';
import { createCatalogueSync } from './sync';

describe('price-list step on the demo organization', () => {
  let db: Database;
  let cleanup: () => Promise<void>;
  let close: () => Promise<void>;
  const sandbox = createSandbox({ limits: { perWindow: 100_000 } });

  beforeAll(async () => {
    ({ db, cleanup } = await openTestDatabase('sqlite'));
    const { url, server } = await sandbox.listen(0, '127.0.0.1');
    close = () => new Promise((resolve) => server.close(() => resolve()));
    const settings = { ...loadConfig({}).zoho, accountsUrl: url, apiDomain: url };
    const sync = createCatalogueSync({
      db,
      zoho: createZohoClient(settings, { tokenStore: new MemoryTokenStore() }),
      product: 'inventory',
      warn: () => undefined,
    });
    await sync.priceLists();
  });
  afterAll(async () => {
    await close?.();
    await cleanup?.();
  });

  test('the purchase list and its rates are not served; every sales list is', async () => {
    const store = createCatalogueStore(db);
    const books = sandbox.state.snapshot().pricebooks;
    const purchase = books.filter((b) => b.sales_or_purchase_type === 'purchases');
    expect(purchase.length).toBeGreaterThan(0);
    const live = new Set(await store.liveKeys('pricelist'));
    for (const b of books) expect(live.has(b.pricebook_id)).toBe(b.sales_or_purchase_type === 'sales');
    for (const b of purchase) expect(await store.liveKeys('price', `${b.pricebook_id}:`)).toEqual([]);
  });

  test('a volume list’s rates carry their brackets, in minor units, lowest first, the last open-ended', async () => {
    const store = createCatalogueStore(db);
    const volume = sandbox.state.snapshot().pricebooks.find((b) => b.pricing_scheme === 'volume')!;
    const entry = volume.pricebook_items[0]!;
    const row = await store.get('price', `${volume.pricebook_id}:${entry.item_id}`);
    const data = JSON.parse(row!.data) as { rate: number; brackets: Array<{ startQuantity: number; endQuantity: number; rate: number }> };
    expect(data.brackets).toEqual(
      entry.price_brackets!.map((b) => ({ startQuantity: b.start_quantity, endQuantity: b.end_quantity, rate: Math.round(b.pricebook_rate * 100) })),
    );
    expect(data.brackets.at(-1)!.endQuantity).toBe(0);
    expect(data.rate).toBe(data.brackets[0]!.rate);
  });
});

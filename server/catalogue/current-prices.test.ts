import { OrderSchema } from '../../domain';
import { openTestDatabase } from '../../test/support/databases';
import { sampleOrder } from '../../test/support/orders';
import type { Database } from '../db/connect';
import { catalogueCurrentPrices } from './current-prices';
import { createCatalogueStore } from './store';

describe('current prices from the catalogue', () => {
  let db: Database;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ db, cleanup } = await openTestDatabase('sqlite'));
  });
  afterAll(async () => cleanup());

  it('knows nothing before the first sync, then resolves each line with the customer price list', async () => {
    const store = createCatalogueStore(db);
    const prices = catalogueCurrentPrices(store);
    const order = OrderSchema.parse(
      sampleOrder({
        customer: { zohoContactId: 'c1', name: 'Northwind' },
        lines: [
          { itemId: 'i1', name: 'Widget', quantity: 1, unitPrice: 1000 },
          { itemId: 'i2', name: 'Gadget', quantity: 1, unitPrice: 2000 },
          { itemId: 'gone', name: 'Withdrawn', quantity: 1, unitPrice: 5 },
        ],
      }),
    );
    expect(await prices(order)).toBeUndefined();

    await store.write([
      { kind: 'item', key: 'i1', data: { name: 'Widget', rate: 1000, currency: 'USD' } },
      { kind: 'item', key: 'i2', data: { name: 'Gadget', rate: 2000, currency: 'USD' } },
      { kind: 'pricelist', key: 'pl', data: { name: 'Wholesale', type: 'per_item', percentage: 0, isIncrease: false, currency: 'USD' } },
      { kind: 'price', key: 'pl:i1', data: { rate: 900 } },
      { kind: 'customer', key: 'c1', data: { name: 'Northwind', priceListId: 'pl', detailed: true } },
    ]);
    // i1 from the list, i2 (not on the list) at its base rate, the withdrawn item left to Zoho.
    expect(await prices(order)).toEqual(
      new Map([
        ['i1', 900],
        ['i2', 2000],
      ]),
    );
  });
});

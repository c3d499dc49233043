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

  it('compares like with like: a EUR order against the EUR list, never a USD rate or a purchase list', async () => {
    const store = createCatalogueStore(db);
    const prices = catalogueCurrentPrices(store);
    await store.write([
      { kind: 'item', key: 'e1', data: { name: 'Widget', rate: 1000, currency: 'USD' } },
      { kind: 'item', key: 'e2', data: { name: 'Gadget', rate: 2000, currency: 'USD' } },
      { kind: 'pricelist', key: 'eur', data: { name: 'Euro', type: 'per_item', percentage: 0, isIncrease: false, currency: 'EUR', salesOrPurchase: 'sales' } },
      { kind: 'price', key: 'eur:e1', data: { rate: 850 } },
      { kind: 'pricelist', key: 'usd', data: { name: 'Wholesale', type: 'per_item', percentage: 0, isIncrease: false, currency: 'USD' } },
      { kind: 'price', key: 'usd:e1', data: { rate: 700 } },
      {
        kind: 'pricelist',
        key: 'buy',
        data: { name: 'Supplier', type: 'per_item', percentage: 0, isIncrease: false, currency: 'USD', salesOrPurchase: 'purchases' },
      },
      { kind: 'price', key: 'buy:e1', data: { rate: 550 } },
      { kind: 'customer', key: 'eu', data: { name: 'Euro GmbH', currency: 'EUR', priceListId: 'eur', detailed: true } },
      { kind: 'customer', key: 'eu-usd-list', data: { name: 'Odd GmbH', currency: 'EUR', priceListId: 'usd', detailed: true } },
      { kind: 'customer', key: 'buyer', data: { name: 'Buyer Inc', priceListId: 'buy', detailed: true } },
    ]);
    const lines = [
      { itemId: 'e1', name: 'Widget', quantity: 1, unitPrice: 850 },
      { itemId: 'e2', name: 'Gadget', quantity: 1, unitPrice: 1848 },
    ];
    const order = (contact: string, currency: string) =>
      OrderSchema.parse(sampleOrder({ customer: { zohoContactId: contact, name: contact }, currency, lines }));
    // e1 from the EUR list; e2 has no EUR rate and the catalogue holds no exchange rate: not compared (no USD figure as EUR).
    expect(await prices(order('eu', 'EUR'))).toEqual(new Map([['e1', 850]]));
    // A USD list does not price a EUR order.
    expect(await prices(order('eu-usd-list', 'EUR'))).toEqual(new Map());
    // A purchase list is never the price: the base rates.
    expect(await prices(order('buyer', 'USD'))).toEqual(
      new Map([
        ['e1', 1000],
        ['e2', 2000],
      ]),
    );
  });

  it('with the exchange rates synced, converts a base rate for a foreign order, and prices a volume list at the line’s quantity', async () => {
    const store = createCatalogueStore(db);
    const prices = catalogueCurrentPrices(store);
    await store.write([
      { kind: 'settings', key: 'client', data: { currency: 'USD', exchangeRates: { EUR: 1.0825 } } },
      { kind: 'item', key: 'x1', data: { name: 'Widget', rate: 1000, currency: 'USD' } },
      { kind: 'pricelist', key: 'vol', data: { name: 'Volume', type: 'per_item', percentage: 0, isIncrease: false, currency: 'USD', pricingScheme: 'volume' } },
      {
        kind: 'price',
        key: 'vol:x1',
        data: {
          rate: 1000,
          brackets: [
            { startQuantity: 1, endQuantity: 9, rate: 1000 },
            { startQuantity: 10, endQuantity: 0, rate: 900 },
          ],
        },
      },
      { kind: 'customer', key: 'eu2', data: { name: 'Euro SARL', currency: 'EUR', detailed: true } },
      { kind: 'customer', key: 'bulk', data: { name: 'Bulk Inc', priceListId: 'vol', detailed: true } },
    ]);
    const order = (contact: string, currency: string, quantity: number) =>
      OrderSchema.parse(
        sampleOrder({ customer: { zohoContactId: contact, name: contact }, currency, lines: [{ itemId: 'x1', name: 'Widget', quantity, unitPrice: 1 }] }),
      );
    // $10.00 at 1.0825 USD per EUR: €9.24, as Zoho converts it.
    expect(await prices(order('eu2', 'EUR', 1))).toEqual(new Map([['x1', 924]]));
    expect(await prices(order('bulk', 'USD', 9))).toEqual(new Map([['x1', 1000]]));
    expect(await prices(order('bulk', 'USD', 10))).toEqual(new Map([['x1', 900]]));
  });
  it("compares on the order's own basis when the organization's prices include tax and the order's do not (or the other way)", async () => {
    const store = createCatalogueStore(db);
    const prices = catalogueCurrentPrices(store);
    await store.write([
      { kind: 'item', key: 't1', data: { name: 'Taxed', rate: 1100, currency: 'USD' } },
      { kind: 'item', key: 't2', data: { name: 'Untaxed', rate: 500, currency: 'USD' } },
      { kind: 'customer', key: 'tc', data: { name: 'Tax Co', detailed: true } },
      { kind: 'settings', key: 'client', data: { currency: 'USD', taxInclusive: true } },
    ]);
    const lines = [
      { itemId: 't1', name: 'Taxed', quantity: 1, unitPrice: 1000, taxId: 't10', taxes: [{ id: 't10', name: 'Tax', percent: 10, compound: false }] },
      { itemId: 't2', name: 'Untaxed', quantity: 1, unitPrice: 500 },
    ];
    const order = (taxInclusive: boolean) => OrderSchema.parse(sampleOrder({ customer: { zohoContactId: 'tc', name: 'Tax Co' }, lines, taxInclusive }));
    // The catalogue's 11.00 includes 10 %: 10.00 on an exclusive order, 11.00 on an inclusive one; no tax, no change.
    expect(await prices(order(false))).toEqual(
      new Map([
        ['t1', 1000],
        ['t2', 500],
      ]),
    );
    expect(await prices(order(true))).toEqual(
      new Map([
        ['t1', 1100],
        ['t2', 500],
      ]),
    );
    await store.write([{ kind: 'settings', key: 'client', data: { currency: 'USD' } }]);
    expect((await prices(order(true)))!.get('t1')).toBe(1210);
  });
});

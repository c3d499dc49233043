/**
 * The hub's current prices for an order, from the synced catalogue: what the order workflow's
 * price check compares the device's prices with. Same resolution rules as the device
 * (domain/pricing.ts), so a difference means the catalogue changed, not that we compute differently.
 */
import type { CustomerRecord, ItemRecord, PriceListRecord, PriceRecord, SettingsRecord } from '../../domain/catalogue';
import { resolvePrice, type PriceList } from '../../domain/pricing';
import { rateOnBasis } from '../../domain/money-engine';
import type { Order } from '../../domain';
import type { CatalogueKind } from '../../domain/catalogue';
import type { createCatalogueStore } from './store';

type Store = Pick<ReturnType<typeof createCatalogueStore>, 'head' | 'get'>;

async function live<T>(store: Store, kind: CatalogueKind, key: string): Promise<T | undefined> {
  const row = await store.get(kind, key);
  return row && !row.deleted ? (JSON.parse(row.data) as T) : undefined;
}

/** Unit prices (minor units) by item id; undefined before the first catalogue sync. */
export function catalogueCurrentPrices(store: Store) {
  return async (order: Order): Promise<Map<string, number> | undefined> => {
    if ((await store.head()).changeNo === 0) return undefined;
    let priceList: PriceList | undefined;
    const contactId = order.customer.zohoContactId;
    const customer = contactId ? await live<CustomerRecord>(store, 'customer', contactId) : undefined;
    if (customer?.priceListId) {
      const list = await live<PriceListRecord>(store, 'pricelist', customer.priceListId);
      if (list) priceList = { id: customer.priceListId, ...list };
    }
    const settings = await live<SettingsRecord>(store, 'settings', 'client');
    const exchangeRate = settings?.exchangeRates?.[order.currency];
    // Zoho's rates are tax-inclusive when the organization sells so: an order on the other basis
    // (made before the setting changed) is compared with the catalogue's rate stated its way.
    const otherBasis = !!settings?.taxInclusive !== !!order.taxInclusive;
    const prices = new Map<string, number>();
    for (const line of order.lines) {
      const item = await live<ItemRecord>(store, 'item', line.itemId);
      if (!item) continue; // unknown or withdrawn: Zoho itself will judge the line
      const listed = priceList?.type === 'per_item' ? await live<PriceRecord>(store, 'price', `${priceList.id}:${line.itemId}`) : undefined;
      // Priced for the order's currency as the device prices it: a list in another currency does not
      // apply (Zoho's rule), a base rate is converted at Zoho's exchange rate, a volume list by bracket;
      // a price still in the item's currency (no rate known) is not compared.
      const resolved = resolvePrice({
        item: { id: line.itemId, rate: item.rate, currency: item.currency },
        priceList,
        listRate: listed?.rate,
        ...(listed?.brackets ? { brackets: listed.brackets } : {}),
        quantity: line.quantity,
        customer: { currency: order.currency, ...(exchangeRate !== undefined ? { exchangeRate } : {}) },
      });
      if (resolved.currency !== order.currency) continue;
      const components = line.taxes ?? (line.taxPercent ? [{ id: 'tax', name: 'tax', percent: line.taxPercent, compound: false }] : []);
      prices.set(line.itemId, otherBasis ? rateOnBasis(resolved.unitPrice, components, !!order.taxInclusive) : resolved.unitPrice);
    }
    return prices;
  };
}

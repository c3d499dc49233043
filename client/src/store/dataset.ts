/**
 * Reading the data set on the device: records by id, the search indexes, price resolution for a
 * customer. The sync engine (sync/dataset-sync.ts) is the only writer of the catalogue kinds.
 */
import { entries, get, getMany, set } from 'idb-keyval';
import {
  resolvePrice,
  type CustomerRecord,
  type ItemRecord,
  type LocationRecord,
  type PriceListRecord,
  type PriceRecord,
  type ResolvedPrice,
  type SettingsRecord,
  type StockRecord,
  type TaxRecord,
} from '../domain';
import { store } from './db';
import type { CustomerView } from './customer-view';

export type { CustomerView } from './customer-view';
import { deviceCustomers, getDeviceCustomer, syncedRecordOf, unsyncedDeviceCustomers } from './device-customers';
import { VariantGroups } from './variant-groups';
import { SearchIndex } from './search-index';

export interface ItemView extends ItemRecord {
  id: string;
  /** Optional in the wire format: the item's category (Zoho's category or group name). */
  category?: string;
  stock?: StockRecord;
}

/** The small kinds, kept in memory. */
export interface MetaRecords {
  settings?: SettingsRecord;
  taxes: Map<string, TaxRecord>;
  priceLists: Map<string, PriceListRecord>;
  locations: Map<string, LocationRecord>;
}

export interface SyncState {
  /** The data set cursor (the last complete page). '0': nothing yet. */
  cursor: string;
  /** When the last sync finished (ISO). */
  syncedAt?: string;
  /** The cursor the stored search indexes match. */
  indexCursor?: string;
  /** Records the last syncs skipped as corrupt (kind:id and why). */
  skipped: string[];
  /** Whose data set this is (a user id): another user's sign-in starts over. */
  owner?: string;
}

export const itemIndex = new SearchIndex('item', 64);
/** Item groups and their variants' options (the products screen's pickers). */
export const variantGroups = new VariantGroups();
export const customerIndex = new SearchIndex('customer', 16);

/** Meta keys are `<kind>:<id>`; the sync state lives under `sync`. */
export const SYNC_KEY = 'sync';

export async function readSyncState(): Promise<SyncState> {
  return (await get<SyncState>(SYNC_KEY, store('meta'))) ?? { cursor: '0', skipped: [] };
}

export async function writeSyncState(state: SyncState): Promise<void> {
  await set(SYNC_KEY, state, store('meta'));
}

let meta: MetaRecords | undefined;

export async function loadMeta(): Promise<MetaRecords> {
  if (meta) return meta;
  const all = await entries<string, unknown>(store('meta'));
  const m: MetaRecords = { taxes: new Map(), priceLists: new Map(), locations: new Map() };
  for (const [key, value] of all) {
    const at = key.indexOf(':');
    if (at < 0) continue;
    const kind = key.slice(0, at);
    const id = key.slice(at + 1);
    if (kind === 'settings') m.settings = value as SettingsRecord;
    else if (kind === 'tax') m.taxes.set(id, value as TaxRecord);
    else if (kind === 'pricelist') m.priceLists.set(id, value as PriceListRecord);
    else if (kind === 'location') m.locations.set(id, value as LocationRecord);
  }
  meta = m;
  return m;
}

/**
 * Price records already read: a 200-line cart re-prices every line on each keystroke (a volume
 * list's bracket follows the quantity), and one IndexedDB read per line was most of that time
 * (bench/client-bench.ts). Forgotten whenever the sync writes prices.
 */
const priceRecords = new Map<string, PriceRecord | null>();
const PRICE_CACHE_MAX = 5000;

async function priceRecord(key: string): Promise<PriceRecord | undefined> {
  const known = priceRecords.get(key);
  if (known !== undefined) return known ?? undefined;
  const record = await get<PriceRecord>(key, store('prices'));
  if (priceRecords.size >= PRICE_CACHE_MAX) priceRecords.clear();
  priceRecords.set(key, record ?? null);
  return record;
}

export function forgetPrices(): void {
  priceRecords.clear();
}

/** The sync wrote meta records: read them again on next use. */
export function forgetMeta(): void {
  meta = undefined;
  priceRecords.clear();
}

/** Items (with stock) already read, for the same reason as the price records below; forgotten when the sync writes items or stock. */
const itemViews = new Map<string, ItemView | null>();

export async function getItems(ids: string[]): Promise<Array<ItemView | undefined>> {
  const unknown = [...new Set(ids.filter((id) => !itemViews.has(id)))];
  if (unknown.length) {
    const [items, stock] = await Promise.all([getMany<ItemRecord>(unknown, store('items')), getMany<StockRecord>(unknown, store('stock'))]);
    if (itemViews.size + unknown.length > PRICE_CACHE_MAX) itemViews.clear();
    unknown.forEach((id, i) => itemViews.set(id, items[i] ? { ...items[i]!, id, stock: stock[i] } : null));
  }
  return ids.map((id) => itemViews.get(id) ?? undefined);
}

export function forgetItems(): void {
  itemViews.clear();
}

export async function getItem(id: string): Promise<ItemView | undefined> {
  return (await getItems([id]))[0];
}

export async function getCustomer(id: string): Promise<CustomerView | undefined> {
  const record = await get<CustomerRecord>(id, store('customers'));
  if (record) return { ...record, id };
  const device = await getDeviceCustomer(id);
  // A device customer now in Zoho: new orders go to the Zoho contact.
  const synced = device && (await syncedRecordOf(device));
  return synced && device?.zohoContactId ? { ...synced, id: device.zohoContactId } : device;
}

/**
 * Take device customers whose Zoho contact has arrived out of the search (they would be listed
 * twice). Run after a data-set sync and when the hub reports a customer's contact id.
 */
export async function retireSyncedDeviceCustomers(): Promise<number> {
  await loadIndexes();
  let retired = 0;
  for (const c of await deviceCustomers()) {
    if (customerIndex.has(c.id) && (await syncedRecordOf(c))) {
      customerIndex.remove(c.id);
      retired++;
    }
  }
  if (retired) await customerIndex.save();
  return retired;
}

/**
 * The unit price `customer` pays for `item` at `quantity` (a volume list prices by bracket), with
 * tax, by the shared price resolution: in the customer's currency, a base rate converted at Zoho's
 * exchange rate when no list in that currency prices the item.
 */
export async function priceFor(item: ItemView, customer: CustomerView | undefined, quantity = 1): Promise<ResolvedPrice> {
  const m = await loadMeta();
  const listId = customer?.priceListId;
  const list = listId ? m.priceLists.get(listId) : undefined;
  const listed = list?.type === 'per_item' ? await priceRecord(`${listId}:${item.id}`) : undefined;
  const taxPercent = item.taxId ? m.taxes.get(item.taxId)?.percent : undefined;
  const currency = customer?.currency;
  const exchangeRate = currency ? m.settings?.exchangeRates?.[currency] : undefined;
  return resolvePrice({
    item: {
      id: item.id,
      rate: item.rate,
      currency: item.currency,
      ...(item.taxId ? { taxId: item.taxId } : {}),
      ...(taxPercent !== undefined ? { taxPercent } : {}),
    },
    priceList: list && listId ? { id: listId, ...list } : undefined,
    listRate: listed?.rate,
    ...(listed?.brackets ? { brackets: listed.brackets } : {}),
    quantity,
    ...(currency ? { customer: { currency, ...(exchangeRate !== undefined ? { exchangeRate } : {}) } } : {}),
  });
}

/** The search indexes, loaded once; rebuilt from the records when they lag behind the data set. */
let indexesReady: Promise<void> | undefined;

export function loadIndexes(): Promise<void> {
  indexesReady ??= (async () => {
    const state = await readSyncState();
    if (state.cursor !== '0' && state.indexCursor !== state.cursor) {
      await rebuildIndexes();
      await writeSyncState({ ...(await readSyncState()), indexCursor: state.cursor });
    } else {
      await Promise.all([itemIndex.load(), customerIndex.load(), variantGroups.load()]);
    }
    // Sort the indexes now, off the first keystroke's back.
    setTimeout(() => {
      customerIndex.warm();
      itemIndex.warm();
    }, 0);
  })();
  indexesReady.catch(() => (indexesReady = undefined));
  return indexesReady;
}

export function indexItem(id: string, item: ItemRecord & { category?: string }): void {
  itemIndex.put(id, item.name, item.sku ?? '', item.category ?? '', item.barcodes);
  variantGroups.put(id, item.variant);
}

export function unindexItem(id: string): void {
  itemIndex.remove(id);
  variantGroups.remove(id);
}

/** The indexes as the sync leaves them (saved once per run). */
export async function saveIndexes(): Promise<void> {
  await Promise.all([itemIndex.save(), customerIndex.save(), variantGroups.save()]);
}

export function indexCustomer(id: string, c: CustomerRecord): void {
  const city = c.billingAddress?.city ?? c.shippingAddress?.city ?? '';
  customerIndex.put(id, c.name, [c.company !== c.name ? c.company : '', city].filter(Boolean).join(', '));
}

/** A sync was cut off before it saved the indexes: build them again from the stored records. */
async function rebuildIndexes(): Promise<void> {
  itemIndex.clear();
  customerIndex.clear();
  variantGroups.clear();
  for (const [id, item] of await entries<string, ItemRecord>(store('items'))) indexItem(id, item);
  for (const [id, c] of await entries<string, CustomerRecord>(store('customers'))) indexCustomer(id, c);
  for (const c of await unsyncedDeviceCustomers()) indexCustomer(c.id, c);
  await saveIndexes();
}

/**
 * The device's one IndexedDB database. idb-keyval does the reading and writing; this module opens
 * the database with all its object stores (idb-keyval's own createStore makes one store per
 * database) and hands out an idb-keyval `UseStore` for each. Used by the page and the service worker.
 */
import { promisifyRequest, type UseStore } from 'idb-keyval';

const DB_NAME = 'satchel';
const VERSION = 1;

/**
 * items, stock, prices, customers: the data set, one key per record (deltas touch only their keys).
 * meta: the small kinds (settings, taxes, locations, price lists) and the sync's own state.
 * index: the search index, in buckets. outbox: work made on the device. state: cart, preferences.
 */
export const STORE_NAMES = ['items', 'stock', 'prices', 'customers', 'meta', 'index', 'outbox', 'state'] as const;
export type StoreName = (typeof STORE_NAMES)[number];

let opening: Promise<IDBDatabase> | undefined;

export function openDb(): Promise<IDBDatabase> {
  if (!opening) {
    const request = indexedDB.open(DB_NAME, VERSION);
    request.onupgradeneeded = () => {
      for (const name of STORE_NAMES) if (!request.result.objectStoreNames.contains(name)) request.result.createObjectStore(name);
    };
    opening = promisifyRequest(request).then((db) => {
      // Another tab or the service worker upgrades: let it, and reopen on next use.
      db.onversionchange = () => {
        db.close();
        opening = undefined;
      };
      return db;
    });
    opening.catch(() => (opening = undefined));
  }
  return opening;
}

const useStores = new Map<StoreName, UseStore>();

/** An idb-keyval store over one of our object stores. */
export function store(name: StoreName): UseStore {
  let use = useStores.get(name);
  if (!use) {
    use = (mode, callback) => openDb().then((db) => callback(db.transaction(name, mode).objectStore(name)));
    useStores.set(name, use);
  }
  return use;
}

/** One read-write transaction over several stores: everything in `write` lands, or nothing does. */
export async function writeAll(names: StoreName[], write: (stores: Record<StoreName, IDBObjectStore>) => void): Promise<void> {
  const db = await openDb();
  const tx = db.transaction(names, 'readwrite');
  const stores = {} as Record<StoreName, IDBObjectStore>;
  for (const name of names) stores[name] = tx.objectStore(name);
  write(stores);
  await promisifyRequest(tx);
}

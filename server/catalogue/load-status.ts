/**
 * Whether the hub holds a whole catalogue yet: until the first full pass from Zoho has finished
 * (a first start, a rebuilt database), it is "loading", with the items stored so far. Devices are
 * told so in the data set (and fetch again soon); the console shows it. Read from the database
 * alone, so every hub replica agrees and no Temporal call is needed on a rep's sync.
 */
import type { CatalogueStore } from './store';

export type CatalogueLoadStatus = { state: 'ready' } | { state: 'loading'; items: number };

export async function catalogueLoadStatus(store: Pick<CatalogueStore, 'getState' | 'countLive'>): Promise<CatalogueLoadStatus> {
  if (await store.getState('lastFull')) return { state: 'ready' };
  return { state: 'loading', items: await store.countLive('item') };
}

/**
 * Another Zoho organization (or product) is now connected: what the hub holds is not its catalogue.
 * The next sync becomes a full pass (which tombstones the old organization's records at its end),
 * and until it finishes devices are told the catalogue is loading.
 */
export async function forgetCompletedSync(store: Pick<CatalogueStore, 'clearState'>): Promise<void> {
  for (const key of ['lastFull', 'items', 'contacts', 'organization']) await store.clearState(key);
}

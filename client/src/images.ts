/**
 * "Keep images of this category offline": fetch every image of a category into the image cache
 * now (the service worker already keeps the ones the rep has seen). The choice is remembered and
 * topped up after each sync, so new products in the category come along.
 */
import { get, set } from 'idb-keyval';
import { IMAGE_CACHE, imageUrl } from './images-shared';
import { store } from './store/db';

const KEY = 'keepImages';

export async function keptCategories(): Promise<string[]> {
  return (await get<string[]>(KEY, store('state'))) ?? [];
}

export async function setKept(category: string, keep: boolean): Promise<void> {
  const now = new Set(await keptCategories());
  if (keep) now.add(category);
  else now.delete(category);
  await set(KEY, [...now], store('state'));
}

/** Fetch the images of `itemIds` not cached yet, four at a time. Items without an image 404: fine. */
export async function cacheImages(itemIds: string[], onProgress?: (done: number, of: number) => void): Promise<number> {
  if (typeof caches === 'undefined') return 0;
  const cache = await caches.open(IMAGE_CACHE);
  let done = 0;
  let stored = 0;
  const queue = [...itemIds];
  const worker = async () => {
    for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
      const url = imageUrl(id);
      if (!(await cache.match(url))) {
        const res = await fetch(url, { credentials: 'same-origin' }).catch(() => undefined);
        if (res?.ok) {
          await cache.put(url, res);
          stored++;
        }
      }
      onProgress?.(++done, itemIds.length);
    }
  };
  await Promise.all([worker(), worker(), worker(), worker()]);
  return stored;
}

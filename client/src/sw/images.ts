/** Product images: cache first, in their own cache, kept once seen; downloaded two at a time. */
import { registerRoute } from 'workbox-routing';
import { IMAGE_CACHE, isImagePath } from '../images-shared';

/**
 * At most two image downloads at a time: a product list asks for dozens at once, and on HTTP/1.1
 * (six connections per host) they would hold every connection while the hub fetches them from
 * Zoho, starving the outbox's POSTs and the data set download.
 */
const IMAGE_FETCHES = 2;
let imageFetches = 0;
const imageQueue: Array<() => void> = [];

async function fetchImage(request: Request): Promise<Response> {
  if (imageFetches >= IMAGE_FETCHES) await new Promise<void>((resolve) => imageQueue.push(resolve));
  imageFetches++;
  try {
    return await fetch(request);
  } finally {
    imageFetches--;
    imageQueue.shift()?.();
  }
}

export function cacheProductImages(): void {
  registerRoute(
    ({ url, request }) => request.method === 'GET' && url.origin === self.location.origin && isImagePath(url.pathname),
    async ({ request }) => {
      const cache = await caches.open(IMAGE_CACHE);
      const hit = await cache.match(request);
      if (hit) return hit;
      const res = await fetchImage(request);
      if (res.ok) await cache.put(request, res.clone());
      return res;
    },
  );
}

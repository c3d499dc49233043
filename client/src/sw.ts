/**
 * The service worker.
 * - The app shell (everything the build emits) is precached: the app opens with no network, from a
 *   cold start. Navigations get the precached index.html.
 * - Product images are kept once seen (cache first, their own cache); nothing else from the hub's
 *   API is cached here: data lives in IndexedDB, under the app's control.
 * - The outbox is replayed through a Workbox background-sync queue. Where the browser has no
 *   Background Sync (Firefox, Safari) the queue replays when the worker starts, and the app asks
 *   for a replay on start, when it comes online, on a timer and on demand (message `REPLAY`).
 */
import { Queue } from 'workbox-background-sync';
import { clientsClaim } from 'workbox-core';
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { record, requestFor, send } from './outbox/deliver';
import { allEntries, getEntry } from './store/outbox';
import { IMAGE_CACHE, isImagePath } from './images-shared';

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: Array<string | { url: string; revision: string | null }> };

/** Server-side paths that a navigation must reach for real (never the app shell). */
const NOT_THE_APP = [/^\/api\//, /^\/healthz$/, /^\/readyz$/, /^\/console(\/|$)/, /^\/auth\//];

precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();
registerRoute(new NavigationRoute(createHandlerBoundToURL('/index.html'), { denylist: NOT_THE_APP }));

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

// ---- the outbox replay ----

/** An entry in the queue is only a carrier: the outbox says what is still to send. */
const queue = new Queue('satchel-outbox', {
  onSync: () => drain(),
  // Workbox drops entries older than this; the outbox would put them back, but why lose them.
  maxRetentionTime: 60 * 24 * 365,
});

let draining: Promise<void> | undefined;
let again = false;

/** One replay at a time; a request during one runs another pass after it. */
function drain(): Promise<void> {
  if (draining) {
    again = true;
    return draining;
  }
  draining = (async () => {
    do {
      again = false;
      await drainOnce();
    } while (again);
  })().finally(() => (draining = undefined));
  return draining;
}

/** Make sure every queued outbox entry is in the Workbox queue (in creation order). */
async function reconcile(): Promise<void> {
  const inQueue = new Set((await queue.getAll()).map((e) => (e.metadata as { id?: string } | undefined)?.id));
  for (const entry of await allEntries()) {
    if (entry.state === 'queued' && !inQueue.has(entry.id)) await queue.pushRequest({ request: requestFor(entry), metadata: { id: entry.id } });
  }
}

async function drainOnce(): Promise<void> {
  await reconcile();
  for (;;) {
    const item = await queue.shiftRequest();
    if (!item) return;
    const id = (item.metadata as { id?: string } | undefined)?.id;
    const entry = id ? await getEntry(id) : undefined;
    if (!id || entry?.state !== 'queued') continue; // discarded, or settled by another path
    const outcome = await send(item.request.clone());
    await record(id, outcome);
    if (outcome.kind === 'retry' || outcome.kind === 'signin') {
      // Back at the head of the queue, and stop: order matters (a customer before its orders).
      await queue.unshiftRequest(item);
      throw new Error(outcome.reason);
    }
  }
}

// ---- messages from the app ----

self.addEventListener('message', (event) => {
  const type = (event.data as { type?: string } | null)?.type;
  if (type === 'SKIP_WAITING') void self.skipWaiting();
  if (type === 'REPLAY') {
    event.waitUntil(
      drain().then(
        () => event.source?.postMessage({ type: 'REPLAYED', ok: true }),
        (err: unknown) => event.source?.postMessage({ type: 'REPLAYED', ok: false, reason: err instanceof Error ? err.message : String(err) }),
      ),
    );
  }
});

// The first install takes over open pages at once; an update waits until the app asks for it.
clientsClaim();

/**
 * The service worker. The app shell (everything the build emits) is precached, so the app opens
 * from a cold start with no network. Navigations are answered with the precached index.html.
 * Nothing from the hub's API is ever cached here: data lives in IndexedDB, under the app's control.
 */
import { clientsClaim } from 'workbox-core';
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: Array<string | { url: string; revision: string | null }> };

/** Server-side paths that a navigation must reach for real (never the app shell). */
const NOT_THE_APP = [/^\/api\//, /^\/healthz$/, /^\/console(\/|$)/, /^\/auth\//];

precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();
registerRoute(new NavigationRoute(createHandlerBoundToURL('/index.html'), { denylist: NOT_THE_APP }));

// The first install takes over open pages at once; an update waits until the app asks for it.
clientsClaim();
self.addEventListener('message', (event) => {
  if ((event.data as { type?: string } | null)?.type === 'SKIP_WAITING') void self.skipWaiting();
});

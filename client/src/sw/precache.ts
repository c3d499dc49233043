/**
 * The app shell: everything the build emits is precached (the build injects the list), so the app
 * opens with no network, from a cold start. Navigations get the precached index.html.
 */
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';

// Spelled `self.__WB_MANIFEST` in the code: that is what the build's injectManifest replaces.
declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: Array<string | { url: string; revision: string | null }> };

/** Server-side paths that a navigation must reach for real (never the app shell). */
const NOT_THE_APP = [/^\/api\//, /^\/healthz$/, /^\/readyz$/, /^\/console(\/|$)/, /^\/auth\//];

export function precacheAppShell(): void {
  precacheAndRoute(self.__WB_MANIFEST);
  cleanupOutdatedCaches();
  registerRoute(new NavigationRoute(createHandlerBoundToURL('/index.html'), { denylist: NOT_THE_APP }));
}

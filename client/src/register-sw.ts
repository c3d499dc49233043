/** Registers the service worker (client/src/sw/, built to /sw.js) through workbox-window. */
import { Workbox } from 'workbox-window';
import { SW_URL } from './settings';

export interface ServiceWorkerEvents {
  /** The app is now served from the precache: it opens without a network. */
  onOfflineReady(): void;
  /** A new version is installed and waiting; call `apply` to switch to it (the page reloads). */
  onUpdateReady(apply: () => void): void;
}

export function registerServiceWorker(events: ServiceWorkerEvents): void {
  if (!('serviceWorker' in navigator)) return;
  const wb = new Workbox(SW_URL);
  wb.addEventListener('waiting', () => {
    events.onUpdateReady(() => {
      wb.addEventListener('controlling', () => location.reload());
      wb.messageSkipWaiting();
    });
  });
  wb.addEventListener('controlling', (event) => {
    if (!event.isUpdate) events.onOfflineReady();
  });
  // WebKit can hand workbox-window another object for the same worker, so its 'controlling' never
  // comes on the first claim: a controller appearing is proof enough that the app is precached.
  navigator.serviceWorker.addEventListener('controllerchange', () => {
    if (navigator.serviceWorker.controller) events.onOfflineReady();
  });
  if (navigator.serviceWorker.controller) events.onOfflineReady();
  wb.register().catch((err: unknown) => console.warn('Service worker registration failed', err));
}

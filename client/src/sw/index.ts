/**
 * The service worker's entry, built to /sw.js: wires up its parts in order (Workbox tries routes
 * in the order they were registered).
 * - precache.ts: the app shell, so the app opens with no network, from a cold start.
 * - images.ts: product images, kept once seen. Nothing else from the hub's API is cached here:
 *   data lives in IndexedDB, under the app's control.
 * - outbox-sync.ts: the outbox, replayed through a Workbox background-sync queue.
 * - messages.ts: what the app asks of the worker (switch to an update, replay now).
 */
import { clientsClaim } from 'workbox-core';
import { cacheProductImages } from './images';
import { answerTheApp } from './messages';
import { replayOutbox, startOutboxQueue } from './outbox-sync';
import { precacheAppShell } from './precache';

precacheAppShell();
cacheProductImages();
startOutboxQueue();
answerTheApp({ replay: replayOutbox });

// The first install takes over open pages at once; an update waits until the app asks for it.
clientsClaim();

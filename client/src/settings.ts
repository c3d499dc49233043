/** App-wide tunables. */

/** How often the order list is refreshed while some order is still on its way (ms). */
export const POLL_MS = 3000;

/** The service worker's URL (it must stay stable across builds). */
export const SW_URL = '/sw.js';

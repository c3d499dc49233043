/** App-wide tunables. */

/** How often the documents' stages are asked for while some are still on their way (ms). */
export const POLL_MS = 3000;

/** Incremental data set syncs while online (ms). */
export const SYNC_INTERVAL_MS = 5 * 60_000;

/** While the hub is still loading its catalogue from Zoho (first start), the app asks again this often (ms). */
export const HUB_LOADING_RESYNC_MS = 5000;

/** How often unsent work is offered to the hub again while online (ms), besides the online event. */
export const REPLAY_INTERVAL_MS = 20_000;

/** How often the hub is asked whether it answers while the device is online (ms): the status pill. */
export const HUB_PROBE_MS = 10_000;

/** The service worker's URL (it must stay stable across builds). */
export const SW_URL = '/sw.js';

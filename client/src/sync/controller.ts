/**
 * When the data set is synced: on start and whenever the device comes online, every few minutes
 * while online, when the rep taps "Sync data", and every few seconds while the hub says it is still
 * loading its catalogue from Zoho (so products appear as soon as they are there). The engine itself
 * loads on first use.
 */
import { observable } from '../observable';
import { readSyncState } from '../store/dataset';
import { HUB_LOADING_RESYNC_MS, SYNC_INTERVAL_MS } from '../settings';
import type { SyncProgress } from './dataset-sync';

export interface SyncStatus {
  running: boolean;
  progress?: SyncProgress;
  /** The data set cursor: '0' until a first sync completed a page. */
  cursor: string;
  syncedAt?: string;
  error?: string;
  /** Records skipped as corrupt so far (with reasons). */
  problems: string[];
  /** The hub's catalogue is still loading from Zoho (as of the last sync): the items it had. */
  hubLoading?: { items: number };
}

export const syncStatus = observable<SyncStatus>({ running: false, cursor: '0', problems: [] });

/** Bumped whenever the stored data set changed (screens search again). */
export const dataVersion = observable(0);

/** Subscribers run after every successful sync (e.g. keep category images offline). */
const afterSync = new Set<() => void>();
export function onSynced(listener: () => void): () => void {
  afterSync.add(listener);
  return () => afterSync.delete(listener);
}

export async function loadSyncStatus(): Promise<void> {
  const s = await readSyncState();
  syncStatus.set((c) => ({ ...c, cursor: s.cursor, syncedAt: s.syncedAt, problems: s.skipped }));
}

let controller: AbortController | undefined;
/** The next look while the hub is still loading its catalogue. */
let resync: ReturnType<typeof setTimeout> | undefined;

export async function syncNow(owner: string): Promise<void> {
  if (syncStatus.get().running) return;
  controller = new AbortController();
  syncStatus.set((s) => ({ ...s, running: true, error: undefined, progress: undefined }));
  const started = performance.now();
  try {
    const { syncDataset } = await import('./dataset-sync');
    const result = await syncDataset({
      owner,
      signal: controller.signal,
      onProgress: (progress) => {
        syncStatus.set((s) => ({ ...s, progress }));
      },
    });
    syncStatus.set((s) => ({ ...s, running: false, cursor: result.cursor, syncedAt: result.syncedAt, progress: { ...result }, hubLoading: result.hubLoading }));
    clearTimeout(resync);
    if (result.hubLoading) resync = setTimeout(() => navigator.onLine && void syncNow(owner), HUB_LOADING_RESYNC_MS);
    // For the bench (and DevTools): how long, how much.
    performance.measure('satchel:sync', {
      start: started,
      detail: { records: result.records, bytes: result.bytes, skipped: result.skipped, full: result.full },
    });
    dataVersion.set((v) => v + 1);
    for (const l of afterSync) l();
  } catch (err) {
    syncStatus.set((s) => ({ ...s, running: false, error: err instanceof Error ? err.message : String(err) }));
  } finally {
    await loadSyncStatus().catch(() => undefined);
  }
}

export function stopSync(): void {
  clearTimeout(resync);
  controller?.abort();
}

/** Automatic syncs for `owner`; returns the function that stops them. */
export function startAutoSync(owner: string): () => void {
  const go = () => navigator.onLine && void syncNow(owner);
  go();
  addEventListener('online', go);
  const timer = setInterval(go, SYNC_INTERVAL_MS);
  return () => {
    removeEventListener('online', go);
    clearInterval(timer);
    stopSync();
  };
}

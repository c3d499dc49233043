/**
 * The data set download: everything changed since the device's cursor, streamed, stored page by
 * page. Each page's records and the cursor after it are written in one IndexedDB transaction, so a
 * download cut off anywhere resumes from the last complete page and never stores half a page.
 * Loaded on demand (not part of the shell).
 */
import { clear } from 'idb-keyval';
import { SIGNED_OUT_EVENT } from '../api';
import type { DatasetRecordLine } from '../domain';
import { store, writeAll, type StoreName } from '../store/db';
import {
  customerIndex,
  forgetMeta,
  forgetItems,
  forgetPrices,
  indexCustomer,
  retireSyncedDeviceCustomers,
  indexItem,
  saveIndexes,
  unindexItem,
  variantGroups,
  itemIndex,
  loadIndexes,
  readSyncState,
  writeSyncState,
  type SyncState,
} from '../store/dataset';
import { deviceCustomers } from '../store/device-customers';
import { lines } from './lines';
import { parseLine } from './records';

export interface SyncProgress {
  /** Records stored in this run. */
  records: number;
  /** Bytes received (after decompression). */
  bytes: number;
  /** 0..1 by change numbers; undefined until the hub said how far it goes. */
  fraction?: number;
  /** Records skipped as corrupt in this run. */
  skipped: number;
  /** Resumed after a broken download this many times. */
  resumed: number;
  /** The hub is still loading its catalogue from Zoho (its first sync): the items it holds so far. */
  hubLoading?: { items: number };
}

export interface SyncResult extends SyncProgress {
  cursor: string;
  syncedAt: string;
  /** Why records were skipped (kind:id: reason), at most 50. */
  problems: string[];
  /** True when this run started from nothing. */
  full: boolean;
}

export interface SyncOptions {
  /** Whose data set this is: another user's is wiped first. */
  owner?: string;
  onProgress?: (p: SyncProgress) => void;
  signal?: AbortSignal;
  /** Page size asked of the hub; first downloads use big pages (fewer transactions). */
  pageSize?: number;
  /** Consecutive failed attempts before giving up (each resumes from the last page). */
  attempts?: number;
}

export class SyncError extends Error {
  override name = 'SyncError';
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

const DATA_STORES: StoreName[] = ['items', 'stock', 'prices', 'customers', 'meta'];
const STORE_OF = { item: 'items', stock: 'stock', price: 'prices', customer: 'customers' } as const;
const cursorNumber = (cursor: string) => Number(cursor.split('.')[0]) || 0;
const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    const t = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => (clearTimeout(t), resolve()), { once: true });
  });

let running: Promise<SyncResult> | undefined;

/** Bring the device's data set up to date. Concurrent calls share one run. */
export function syncDataset(options: SyncOptions = {}): Promise<SyncResult> {
  running ??= run(options).finally(() => (running = undefined));
  return running;
}

/** Forget the data set (another user, or a cursor the hub no longer honours). */
export async function wipeDataset(): Promise<void> {
  await Promise.all(DATA_STORES.map((name) => clear(store(name))));
  await clear(store('index'));
  itemIndex.clear();
  customerIndex.clear();
  variantGroups.clear();
  for (const c of await deviceCustomers()) indexCustomer(c.id, c);
  forgetMeta();
  forgetItems();
}

async function run({ owner, onProgress, signal, pageSize, attempts = 6 }: SyncOptions): Promise<SyncResult> {
  await loadIndexes();
  let state: SyncState = await readSyncState();
  if (owner && state.owner && state.owner !== owner) {
    await wipeDataset();
    state = { cursor: '0', skipped: [] };
  }
  state.owner = owner ?? state.owner;
  const full = state.cursor === '0';
  const progress: SyncProgress = { records: 0, bytes: 0, skipped: 0, resumed: 0 };
  const problems: string[] = [];
  let failures = 0;
  let more = true;

  try {
    while (more) {
      if (signal?.aborted) throw new SyncError('Sync stopped.', 0);
      try {
        more = await download(state, pageSize ?? (state.cursor === '0' ? 5000 : 1000), progress, problems, onProgress, signal);
        failures = 0;
      } catch (err) {
        if (err instanceof SyncError && err.status !== 0) throw err; // the hub said no: retrying will not help
        if (signal?.aborted) throw err;
        if (++failures >= attempts) throw err instanceof SyncError ? err : new SyncError('The download broke off; it will resume from where it stopped.', 0);
        progress.resumed++;
        await sleep(Math.min(8000, 250 * 2 ** failures), signal);
      }
    }
    state.syncedAt = new Date().toISOString();
  } finally {
    // The indexes are saved once per run (saving them every page would rewrite them all, again
    // and again, on a first download); a run cut off before this point is caught by loadIndexes().
    await saveIndexes();
    state.indexCursor = state.cursor;
    state.skipped = [...state.skipped, ...problems].slice(-50);
    await writeSyncState(state);
  }
  // Customers made on this device whose Zoho contact just arrived: list them once.
  await retireSyncedDeviceCustomers();
  return { ...progress, cursor: state.cursor, syncedAt: state.syncedAt, problems, full };
}

/** One request: stores every complete page; true when the hub has more to send. */
async function download(
  state: SyncState,
  pageSize: number,
  progress: SyncProgress,
  problems: string[],
  onProgress: SyncOptions['onProgress'],
  signal: AbortSignal | undefined,
): Promise<boolean> {
  let res: Response;
  try {
    res = await fetch(`/api/catalogue/dataset?since=${encodeURIComponent(state.cursor)}&limit=${pageSize}`, {
      credentials: 'same-origin',
      headers: { Accept: 'application/x-ndjson', 'X-Requested-With': 'satchel' },
      cache: 'no-store',
      signal,
    });
  } catch {
    throw new SyncError(navigator.onLine ? 'Could not reach the hub.' : 'You are offline.', 0);
  }
  if (!res.ok || !res.body) {
    const body = (await res.json().catch(() => undefined)) as { error?: { message?: string; code?: string } } | undefined;
    if (res.status === 400 && body?.error?.code === 'cursor_invalid') {
      await wipeDataset();
      Object.assign(state, { cursor: '0', indexCursor: undefined });
      await writeSyncState(state);
      return true; // start over from nothing
    }
    const message = body?.error?.message ?? `The hub answered ${res.status}`;
    if (res.status === 401) window.dispatchEvent(new CustomEvent(SIGNED_OUT_EVENT, { detail: message }));
    // 5xx and 429 are worth another try (status 0); other refusals are final.
    throw new SyncError(message, res.status >= 500 || res.status === 429 ? 0 : res.status);
  }

  let since = cursorNumber(state.cursor);
  let until = since;
  let pending: DatasetRecordLine[] = [];
  let lastC = since;
  const report = () => {
    if (until > since) progress.fraction = Math.min(1, Math.max(0, (lastC - since) / (until - since)));
    onProgress?.({ ...progress });
  };

  // One page is written while the next is read and parsed: at most one transaction in flight.
  let writing: Promise<void> = Promise.resolve();
  const store = async (batch: DatasetRecordLine[], cursor: string) => {
    await writing;
    writing = commit(batch, cursor, state).then(() => {
      progress.records += batch.length;
      report();
    });
  };

  try {
    for await (const text of lines(res.body, (n) => (progress.bytes += n))) {
      const parsed = parseLine(text);
      if (!parsed.ok) {
        progress.skipped++;
        if (problems.length < 50) problems.push(parsed.problem);
        continue;
      }
      const line = parsed.line;
      if ('type' in line) {
        if (line.type === 'start') {
          since = cursorNumber(line.since);
          until = cursorNumber(line.until);
          // Partial on the hub's side: the controller asks again soon (settings HUB_LOADING_RESYNC_MS).
          progress.hubLoading = line.loading && typeof line.loading.items === 'number' ? { items: line.loading.items } : undefined;
        } else if (line.type === 'page') {
          await store(pending, line.cursor);
          pending = [];
        } else if (line.type === 'end') {
          await store(pending, line.cursor);
          await writing;
          if (!line.more) progress.fraction = 1;
          report();
          return line.more;
        }
      } else {
        pending.push(line);
        lastC = line.c;
      }
    }
  } finally {
    await writing; // the cursor must say what is really stored before anyone resumes from it
  }
  // The stream ended without its end line: cut off. What came after the last page is dropped.
  throw new SyncError('The download broke off.', 0);
}

/** Store a page's records and the cursor after them, atomically; update the search indexes. */
async function commit(records: DatasetRecordLine[], cursor: string, state: SyncState): Promise<void> {
  let metaChanged = false;
  const next: SyncState = { ...state, cursor };
  await writeAll(DATA_STORES, (s) => {
    for (const r of records) {
      const name = STORE_OF[r.k as keyof typeof STORE_OF];
      const target = name ? s[name] : s.meta;
      const key = name ? r.id : `${r.k}:${r.id}`;
      if (!name) metaChanged = true;
      if (r.del) target.delete(key);
      else target.put(r.d, key);
    }
    s.meta.put(next, 'sync');
  });
  state.cursor = cursor;
  if (records.some((r) => r.k === 'price')) forgetPrices();
  if (records.some((r) => r.k === 'item' || r.k === 'stock')) forgetItems();
  for (const r of records) {
    if (r.k === 'item') {
      if (r.del) unindexItem(r.id);
      else indexItem(r.id, r.d as never);
    } else if (r.k === 'customer') {
      if (r.del) customerIndex.remove(r.id);
      else indexCustomer(r.id, r.d as never);
    }
  }
  if (metaChanged) forgetMeta();
}

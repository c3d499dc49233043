/**
 * The page's side of the outbox: put work in, ask for a replay, follow what the hub did with it.
 * The replay itself runs in the service worker; a page without one (first visit, or a browser
 * that refuses service workers) sends the same way itself.
 */
import { listOrders, getCustomerSummary } from '../api';
import { isFinal, isStage } from '../domain';
import { retireSyncedDeviceCustomers } from '../store/dataset';
import { linkDeviceCustomer } from '../store/device-customers';
import { allEntries, patchEntry, putEntry, type OutboxEntry } from '../store/outbox';
import { documentView, record, requestFor, send } from './deliver';
import { singleFlight } from './single-flight';

let seq = 0;

/** A creation number that orders entries even within one millisecond. */
export function nextSeq(): number {
  seq = Math.max(seq + 1, Date.now() * 1000);
  return seq;
}

/** Store the entry on the device first, then ask for it to be sent. */
export async function enqueue(entry: Omit<OutboxEntry, 'seq' | 'state' | 'attempts'>): Promise<void> {
  await putEntry({ ...entry, seq: nextSeq(), state: 'queued', attempts: 0 });
  void requestReplay();
}

/** Put a refused entry back in the queue (after the cause was fixed on the hub). */
export async function retryEntry(id: string): Promise<void> {
  await patchEntry(id, (e) => ({ ...e, state: 'queued', rejection: undefined }));
  void requestReplay();
}

/**
 * Ask for the outbox to be sent now. Resolves when the pass finished (sent or not). A request
 * while a pass runs gets a pass of its own after it (the entry it is about may be newer).
 */
export const requestReplay = singleFlight(replay);

async function replay(): Promise<void> {
  const worker = 'serviceWorker' in navigator ? (await navigator.serviceWorker.getRegistration())?.active : undefined;
  if (!worker) return replayFromPage();
  await new Promise<void>((resolve) => {
    const onMessage = (event: MessageEvent) => {
      if ((event.data as { type?: string } | null)?.type === 'REPLAYED') done();
    };
    const done = () => {
      clearTimeout(timer);
      navigator.serviceWorker.removeEventListener('message', onMessage);
      resolve();
    };
    // A worker that never answers must not block the next request for ever.
    const timer = setTimeout(done, 30_000);
    navigator.serviceWorker.addEventListener('message', onMessage);
    worker.postMessage({ type: 'REPLAY' });
  });
}

/** The fallback: send queued entries in order from the page, stopping at the first that must wait. */
async function replayFromPage(): Promise<void> {
  for (const entry of await allEntries()) {
    if (entry.state !== 'queued') continue;
    const outcome = await send(requestFor(entry));
    await record(entry.id, outcome);
    if (outcome.kind === 'retry' || outcome.kind === 'signin') return;
  }
}

// A revision is followed through its document's entry; a view made out of date (a stale revision, deliver.ts) is read again.
const settled = (e: OutboxEntry) =>
  e.kind === 'revision' || e.state !== 'sent' || (isStage(e.hub?.stage) && isFinal(e.hub.stage) && e.hub.updatedAt !== undefined);

/** A finished document the rep may still change: whether it still can is read when the rep looks at the orders. */
const mayChange = (e: OutboxEntry) => (e.kind === 'order' || e.kind === 'quote') && e.state === 'sent' && e.hub?.editable !== false;

/**
 * Ask the hub where each sent document is now. True while some are still on their way.
 * `finished`: finished documents that may still change too (the orders screen: Edit or why not).
 */
export async function refreshFromHub(finished = false): Promise<boolean> {
  const entries = await allEntries();
  const open = entries.filter((e) => !settled(e) || (finished && mayChange(e)));
  if (open.length === 0) return false;
  if (open.some((e) => e.kind !== 'customer')) {
    const byId = new Map((await listOrders()).map((o) => [o.id, o]));
    for (const e of open) {
      const o = byId.get(e.id);
      if (o && o.updatedAt !== e.hub?.updatedAt) {
        await patchEntry(e.id, (x) => ({
          ...x,
          hub: { stage: o.stage, ...documentView(o), attentionReason: o.attentionReason, updatedAt: o.updatedAt },
        }));
      }
    }
  }
  for (const e of open.filter((x) => x.kind === 'customer')) {
    const c = await getCustomerSummary(e.id).catch(() => undefined);
    if (c && c.updatedAt !== e.hub?.updatedAt)
      await patchEntry(e.id, (x) => ({
        ...x,
        hub: { stage: c.stage, attentionReason: c.attentionReason, zohoContactId: c.zohoContactId, updatedAt: c.updatedAt },
      }));
    if (c?.zohoContactId && (await linkDeviceCustomer(e.id, c.zohoContactId))) await retireSyncedDeviceCustomers();
  }
  return (await allEntries()).some((e) => !settled(e));
}

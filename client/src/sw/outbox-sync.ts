/**
 * The outbox replay: queued outbox entries are sent, in creation order, through a Workbox
 * background-sync queue. Where the browser has no Background Sync (Firefox, Safari) the queue
 * replays when the worker starts, and the app asks for a replay on start, when it comes online, on
 * a timer and on demand (messages.ts).
 */
import { Queue } from 'workbox-background-sync';
import { record, requestFor, send } from '../outbox/deliver';
import { singleFlight } from '../outbox/single-flight';
import { allEntries, getEntry } from '../store/outbox';

/** An entry in the queue is only a carrier: the outbox says what is still to send. */
let queue: Queue;

/**
 * Send what is queued. One replay at a time; a request during one runs another pass after it.
 * Rejects when a pass stopped at an entry that must wait (the hub out of reach, or signed out).
 */
export const replayOutbox = singleFlight(replayOnce);

/** Make the queue; call as the worker starts (its sync listener must be added then). */
export function startOutboxQueue(): void {
  queue = new Queue('satchel-outbox', {
    // Without Background Sync, Workbox runs this from inside the constructor, before `queue` is
    // assigned: take the queue it hands over, so that start-up replay works there too.
    onSync: ({ queue: started }) => {
      queue = started;
      return replayOutbox();
    },
    // Workbox drops entries older than this; the outbox would put them back, but why lose them.
    maxRetentionTime: 60 * 24 * 365,
  });
}

/** Make sure every queued outbox entry is in the Workbox queue (in creation order). */
async function reconcile(): Promise<void> {
  const inQueue = new Set((await queue.getAll()).map((e) => (e.metadata as { id?: string } | undefined)?.id));
  for (const entry of await allEntries()) {
    if (entry.state === 'queued' && !inQueue.has(entry.id)) await queue.pushRequest({ request: requestFor(entry), metadata: { id: entry.id } });
  }
}

async function replayOnce(): Promise<void> {
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

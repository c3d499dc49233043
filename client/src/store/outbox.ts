/**
 * The outbox: every order, quote and new customer made on the device, written here first. It is
 * the device's source of truth: the service worker's replay queue is rebuilt from it whenever the
 * two disagree, a refused entry stays (with the hub's reason) until the rep deals with it, and sent
 * entries stay as the device's history (with the stage the hub last reported).
 * Shared by the page and the service worker; changes are announced on a BroadcastChannel.
 */
import { get, set, update, values, del } from 'idb-keyval';
import type { Customer, Money, Order, RevisionRequest, Stage } from '../domain';
import { store } from './db';

/** revision: a change to a document already sent (outbox/revisions.ts), POSTed to its /revisions. */
export type OutboxKind = 'order' | 'quote' | 'customer' | 'revision';

export interface FieldProblem {
  path: string;
  message: string;
}

export interface HubView {
  stage: Stage | string;
  number?: string;
  zohoNumber?: string | null;
  attentionReason?: string | null;
  /** For a new customer: the Zoho contact it became. */
  zohoContactId?: string | null;
  /** For a document: the revision the hub holds (0: as first sent), and whether the rep can still change it. */
  revision?: number;
  editable?: boolean;
  notEditableReason?: string | null;
  updatedAt?: string;
}

export interface OutboxEntry {
  /** The document's own UUID (made on the device): the hub's idempotency key. */
  id: string;
  kind: OutboxKind;
  /** Exactly what is POSTed. */
  body: Order | Customer | RevisionRequest;
  /** For a revision: the document it changes. */
  documentId?: string;
  /** Whose document it is (a Zoho contact id or a device customer id): history per customer. */
  customerId: string;
  customerName: string;
  total?: Money;
  createdAt: string;
  /** Creation order: the queue replays oldest first (a new customer before its orders). */
  seq: number;
  /** queued: waits to be sent; sent: the hub has it; rejected: the hub refused it (4xx). */
  state: 'queued' | 'sent' | 'rejected';
  attempts: number;
  /** The last reason a send did not get through (network, 5xx, 429, signed out). */
  lastError?: string;
  /** When the hub last refused the session (401) for it: the app asks the rep to sign in again. */
  signInAt?: number;
  /** `code`: the hub's reason (a revision's not_editable or stale_revision is a final answer). */
  rejection?: { status: number; message: string; fields: FieldProblem[]; code?: string };
  hub?: HubView;
  sentAt?: string;
}

const CHANNEL = 'satchel-outbox';

/** Tell every page (and the service worker) that the outbox changed. */
export function announce(): void {
  if (typeof BroadcastChannel === 'undefined') return;
  const channel = new BroadcastChannel(CHANNEL);
  channel.postMessage({ type: 'outbox-changed' });
  channel.close();
}

export function onOutboxChange(listener: () => void): () => void {
  if (typeof BroadcastChannel === 'undefined') return () => undefined;
  const channel = new BroadcastChannel(CHANNEL);
  channel.onmessage = () => listener();
  return () => channel.close();
}

export async function putEntry(entry: OutboxEntry): Promise<void> {
  await set(entry.id, entry, store('outbox'));
  announce();
}

export async function getEntry(id: string): Promise<OutboxEntry | undefined> {
  return get<OutboxEntry>(id, store('outbox'));
}

/** Change one entry in one transaction (the page and the service worker both write). */
export async function patchEntry(id: string, change: (e: OutboxEntry) => OutboxEntry): Promise<OutboxEntry | undefined> {
  let result: OutboxEntry | undefined;
  await update<OutboxEntry | undefined>(
    id,
    (e) => {
      result = e && change(e);
      return result;
    },
    store('outbox'),
  );
  if (!result) await del(id, store('outbox')); // update() wrote undefined for an unknown id
  announce();
  return result;
}

export async function removeEntry(id: string): Promise<void> {
  await del(id, store('outbox'));
  announce();
}

/** Every entry, oldest first. */
export async function allEntries(): Promise<OutboxEntry[]> {
  return (await values<OutboxEntry>(store('outbox'))).sort((a, b) => a.seq - b.seq);
}

/** Work that has not reached the hub yet (queued, or refused and waiting for the rep). */
export function unsent(entries: OutboxEntry[]): OutboxEntry[] {
  return entries.filter((e) => e.state !== 'sent');
}

/**
 * Changing a document already sent: each change is an outbox entry of kind 'revision' (the whole
 * document again, numbered after the last revision the device knows of), delivered by the same
 * machinery as orders (deliver.ts) to the document's /revisions. Here, the pure rules: the next
 * number, the document as it is now, whether it can still change, and what the rep is told.
 */
import { editability, isStage, orderTotals, type DocumentKind, type Editability, type Order, type RevisionRequest } from '../domain';
import type { OutboxEntry } from '../store/outbox';
import type { DocStatus } from './status';

/** The revision entries of one document, oldest first (entries come oldest first). */
export const revisionsOf = (entries: readonly OutboxEntry[], documentId: string): OutboxEntry[] =>
  entries.filter((e) => e.kind === 'revision' && e.documentId === documentId);

const numberOf = (e: OutboxEntry) => (e.body as RevisionRequest).revision;

/** The latest revision the hub has not refused (queued or stored), if any. */
export const latestRevision = (entries: readonly OutboxEntry[], documentId: string): OutboxEntry | undefined =>
  revisionsOf(entries, documentId)
    .filter((e) => e.state !== 'rejected')
    .pop();

/** One more than the hub's revision as last heard and the device's own revisions it has not refused. */
export function nextRevision(entries: readonly OutboxEntry[], documentId: string): number {
  const doc = entries.find((e) => e.id === documentId);
  const own = revisionsOf(entries, documentId).filter((e) => e.state !== 'rejected');
  return Math.max(doc?.hub?.revision ?? 0, ...own.map(numberOf)) + 1;
}

/** The document as it should be now: its latest revision, else as first sent. */
export function currentOrder(entries: readonly OutboxEntry[], doc: OutboxEntry): Order {
  const latest = latestRevision(entries, doc.id);
  return latest ? (latest.body as RevisionRequest).order : (doc.body as Order);
}

/**
 * Can the rep change it now? Only once the hub has it; then the hub's last word (its list, or a
 * revision it refused as not editable), else the shared rule on the stage it last reported.
 */
export function canEdit(doc: OutboxEntry): Editability | undefined {
  const hub = doc.hub;
  if (doc.state !== 'sent' || !isStage(hub?.stage)) return undefined;
  const closed = hub.editable === false ? hub.notEditableReason || 'The hub says it can no longer be changed.' : null;
  return editability({ kind: doc.kind as DocumentKind, stage: hub.stage, editClosedReason: closed });
}

/** The outbox entry of a change to `order` (a document already sent), numbered next. */
export function revisionEntry(
  order: Order,
  entries: readonly OutboxEntry[],
  customerId: string,
  now = new Date(),
): Omit<OutboxEntry, 'seq' | 'state' | 'attempts'> {
  const revision = nextRevision(entries, order.id);
  return {
    // A refused revision of the same number is replaced: this one supersedes it.
    id: `${order.id}.r${revision}`,
    kind: 'revision',
    documentId: order.id,
    body: { revision, order },
    customerId,
    customerName: order.customer.name,
    total: orderTotals(order).gross,
    createdAt: now.toISOString(),
  };
}

/** What the rep is told of the document's latest change: waiting, sent, or refused (and why). */
export function revisionStatus(entries: readonly OutboxEntry[], documentId: string): (DocStatus & { entry: OutboxEntry }) | undefined {
  const entry = revisionsOf(entries, documentId).pop();
  if (!entry) return undefined;
  if (entry.state === 'queued')
    return { entry, tone: 'device', label: 'Changes waiting to be sent', detail: entry.lastError ? `Not sent yet: ${entry.lastError}` : undefined };
  if (entry.state === 'sent') return { entry, tone: 'hub', label: `Revision ${numberOf(entry)} sent` };
  return { entry, tone: 'attention', label: 'Changes not made', detail: entry.rejection?.message ?? 'The hub refused them.' };
}

/**
 * Sending one outbox entry and reading the hub's answer; shared by the service worker's queue and
 * the page's fallback. The rules: 2xx is delivered; a 5xx, a 429, a 408 or no answer at all is
 * worth retrying (the entry stays queued); a 401 waits for the rep to sign in again (stays
 * queued); any other 4xx is a refusal, kept with the hub's reason (and code: a revision's 409
 * not_editable or stale_revision is final). Never "any answer is success". What the hub says of a
 * revision (stored, or the document can no longer change) is written on its document's entry too.
 */
import { patchEntry, type FieldProblem, type HubView, type OutboxEntry } from '../store/outbox';

export type Outcome =
  | { kind: 'sent'; hub: HubView }
  | { kind: 'retry'; reason: string }
  | { kind: 'signin'; reason: string }
  | { kind: 'rejected'; status: number; message: string; fields: FieldProblem[]; code?: string };

/** Where an entry goes: a revision to its document's /revisions. */
export function urlOf(entry: OutboxEntry): string {
  if (entry.kind === 'customer') return '/api/customers';
  return entry.kind === 'revision' ? `/api/orders/${encodeURIComponent(entry.documentId!)}/revisions` : '/api/orders';
}

export function requestFor(entry: OutboxEntry): Request {
  return new Request(urlOf(entry), {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'X-Requested-With': 'satchel' },
    body: JSON.stringify(entry.body),
  });
}

interface HubAnswer {
  order?: {
    stage: string;
    number?: string;
    zohoNumber?: string | null;
    attentionReason?: string | null;
    revision?: number;
    editable?: boolean;
    notEditableReason?: string;
    updatedAt?: string;
  };
  customer?: { stage: string; attentionReason?: string | null; updatedAt?: string };
  error?: { message?: string; fields?: FieldProblem[]; code?: string };
}

export async function outcomeOf(res: Response): Promise<Outcome> {
  const body = (await res.json().catch(() => undefined)) as HubAnswer | undefined;
  if (res.ok) {
    const doc = body?.order ?? body?.customer;
    return {
      kind: 'sent',
      hub: {
        stage: doc?.stage ?? 'received',
        ...(body?.order ? documentView(body.order) : {}),
        attentionReason: doc?.attentionReason ?? null,
        updatedAt: doc?.updatedAt,
      },
    };
  }
  const message = body?.error?.message || `The hub answered ${res.status}`;
  if (res.status >= 500 || res.status === 429 || res.status === 408) return { kind: 'retry', reason: message };
  if (res.status === 401) return { kind: 'signin', reason: message };
  const code = body?.error?.code;
  return { kind: 'rejected', status: res.status, message, fields: Array.isArray(body?.error?.fields) ? body.error.fields : [], ...(code ? { code } : {}) };
}

/** A document's number, revision and editability as the hub reports them (absent parts stay absent). */
export function documentView(o: NonNullable<HubAnswer['order']>): Partial<HubView> {
  return {
    number: o.number,
    zohoNumber: o.zohoNumber,
    ...(o.revision !== undefined ? { revision: o.revision } : {}),
    ...(o.editable !== undefined ? { editable: o.editable, notEditableReason: o.notEditableReason ?? null } : {}),
  };
}

/** A send that hears nothing for this long is given up (and retried later): a half-open connection must not stall the queue. */
export const SEND_TIMEOUT_MS = 30_000;

/** Send `request` (made by requestFor) and classify the result; never throws. */
export async function send(request: Request): Promise<Outcome> {
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), SEND_TIMEOUT_MS);
  try {
    // High priority: ahead of images and other background requests for the next free connection.
    return await outcomeOf(await fetch(request, { signal: abort.signal, priority: 'high' } as RequestInit));
  } catch {
    return { kind: 'retry', reason: abort.signal.aborted ? 'The hub did not answer in time.' : 'Could not reach the hub.' };
  } finally {
    clearTimeout(timer);
  }
}

/** Write what happened to the entry (and, for a revision, what it means for its document). */
export async function record(id: string, outcome: Outcome): Promise<OutboxEntry | undefined> {
  const entry = await recordOn(id, outcome);
  const doc = entry?.kind === 'revision' ? entry.documentId : undefined;
  if (doc && outcome.kind === 'sent') await patchEntry(doc, (d) => ({ ...d, hub: { ...d.hub, ...outcome.hub } }));
  if (doc && outcome.kind === 'rejected' && outcome.code === 'not_editable')
    await patchEntry(doc, (d) => ({ ...d, hub: { stage: 'received', ...d.hub, editable: false, notEditableReason: outcome.message } }));
  // The hub holds a later revision (made elsewhere): the device's view is out of date, so the next look at the hub reads it again.
  if (doc && outcome.kind === 'rejected' && outcome.code === 'stale_revision')
    await patchEntry(doc, (d) => ({ ...d, hub: d.hub && { ...d.hub, updatedAt: undefined } }));
  return entry;
}

function recordOn(id: string, outcome: Outcome): Promise<OutboxEntry | undefined> {
  return patchEntry(id, (e) => {
    const attempts = e.attempts + 1;
    switch (outcome.kind) {
      case 'sent':
        return {
          ...e,
          state: 'sent',
          attempts,
          hub: outcome.hub,
          sentAt: new Date().toISOString(),
          lastError: undefined,
          rejection: undefined,
          signInAt: undefined,
        };
      case 'rejected':
        return {
          ...e,
          state: 'rejected',
          attempts,
          rejection: { status: outcome.status, message: outcome.message, fields: outcome.fields, ...(outcome.code ? { code: outcome.code } : {}) },
          signInAt: undefined,
        };
      case 'signin':
        return { ...e, state: 'queued', attempts, lastError: outcome.reason, signInAt: Date.now() };
      default:
        return { ...e, state: 'queued', attempts, lastError: outcome.reason, signInAt: undefined };
    }
  });
}

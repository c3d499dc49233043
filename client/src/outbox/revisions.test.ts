/** Revisions of a sent document on the device: numbering, the document as it is now, whether it can change, what the rep reads, and how one is sent. */
import type { Order } from '../domain';
import type { HubView, OutboxEntry } from '../store/outbox';
import { outcomeOf, urlOf } from './deliver';
import { canEdit, currentOrder, nextRevision, revisionEntry, revisionStatus } from './revisions';

const DOC = '0b5e6c1a-1f0e-4c59-9a7e-2d4b8c9f1a2b';
const order = (quantity: number): Order => ({
  id: DOC,
  kind: 'order',
  customer: { zohoContactId: 'cust-1', name: 'Corner Goods' },
  currency: 'EUR',
  lines: [{ itemId: 'a', name: 'Widget', quantity, unitPrice: 1000, taxPercent: 20 }],
  createdAt: '2026-12-01T10:00:00.000Z',
});
let seq = 0;
const doc = (hub: HubView | undefined, state: OutboxEntry['state'] = 'sent'): OutboxEntry => ({
  id: DOC,
  kind: 'order',
  body: order(1),
  customerId: 'cust-1',
  customerName: 'Corner Goods',
  createdAt: '2026-12-01T10:00:00.000Z',
  seq: ++seq,
  state,
  attempts: 1,
  ...(hub ? { hub } : {}),
});
const revision = (n: number, state: OutboxEntry['state'], over: Partial<OutboxEntry> = {}): OutboxEntry => ({
  ...revisionEntry(order(n + 1), [], 'cust-1'),
  id: `${DOC}.r${n}`,
  body: { revision: n, order: order(n + 1) },
  seq: ++seq,
  state,
  attempts: 0,
  ...over,
});

describe('numbering a revision', () => {
  it('is one more than the hub’s revision, counting the device’s own not refused', () => {
    expect(nextRevision([doc({ stage: 'emailed' })], DOC)).toBe(1);
    expect(nextRevision([doc({ stage: 'emailed', revision: 3 })], DOC)).toBe(4);
    // Two edits offline: 1 waits, the next is 2.
    expect(nextRevision([doc({ stage: 'emailed' }), revision(1, 'queued')], DOC)).toBe(2);
    expect(nextRevision([doc({ stage: 'emailed' }), revision(1, 'sent'), revision(2, 'queued')], DOC)).toBe(3);
    // A refused one was never stored: its number is free again.
    expect(nextRevision([doc({ stage: 'emailed', revision: 1 }), revision(2, 'rejected')], DOC)).toBe(2);
    // Another document's revisions do not count.
    expect(nextRevision([doc({ stage: 'emailed' }), { ...revision(1, 'queued'), documentId: 'other' }], DOC)).toBe(1);
  });

  it('makes the entry: the whole document, the next number, the new total', () => {
    const entry = revisionEntry(order(5), [doc({ stage: 'in_zoho', revision: 1 })], 'cust-1', new Date('2026-12-01T12:00:00Z'));
    expect(entry).toEqual({
      id: `${DOC}.r2`,
      kind: 'revision',
      documentId: DOC,
      body: { revision: 2, order: order(5) },
      customerId: 'cust-1',
      customerName: 'Corner Goods',
      total: { amount: 6000, currency: 'EUR' },
      createdAt: '2026-12-01T12:00:00.000Z',
    });
  });
});

describe('the document as it is now', () => {
  it('is its latest revision not refused, else as first sent', () => {
    const d = doc({ stage: 'emailed' });
    expect(currentOrder([d], d).lines[0]!.quantity).toBe(1);
    expect(currentOrder([d, revision(1, 'sent'), revision(2, 'queued')], d).lines[0]!.quantity).toBe(3);
    expect(currentOrder([d, revision(1, 'sent'), revision(2, 'rejected')], d).lines[0]!.quantity).toBe(2);
  });
});

describe('whether the rep can still change it', () => {
  it('only once the hub has it', () => {
    expect(canEdit(doc(undefined, 'queued'))).toBeUndefined();
    expect(canEdit(doc(undefined, 'rejected'))).toBeUndefined();
  });

  it('by the hub’s last word, else the shared rule on the stage', () => {
    expect(canEdit(doc({ stage: 'emailed', editable: true }))).toEqual({ editable: true });
    // The POST's answer from a hub that does not say: the stage decides.
    expect(canEdit(doc({ stage: 'in_zoho' }))).toEqual({ editable: true });
    expect(canEdit(doc({ stage: 'confirmed' }))).toEqual({ editable: false, reason: 'It is confirmed in Zoho: the office must change it there.' });
    expect(canEdit(doc({ stage: 'cancelled' }))).toEqual({ editable: false, reason: 'It was cancelled.' });
    expect(canEdit(doc({ stage: 'emailed', editable: false, notEditableReason: 'The edit window closed.' }))).toEqual({
      editable: false,
      reason: 'The edit window closed.',
    });
    expect(canEdit(doc({ stage: 'emailed', editable: false }))).toEqual({ editable: false, reason: expect.stringContaining('no longer') });
  });
});

describe('what the rep reads of the latest change', () => {
  it('waiting, sent as revision n, or refused with the hub’s reason', () => {
    const d = doc({ stage: 'emailed' });
    expect(revisionStatus([d], DOC)).toBeUndefined();
    expect(revisionStatus([d, revision(1, 'queued')], DOC)).toMatchObject({ tone: 'device', label: 'Changes waiting to be sent', detail: undefined });
    expect(revisionStatus([d, revision(1, 'queued', { lastError: 'You are offline.' })], DOC)?.detail).toBe('Not sent yet: You are offline.');
    expect(revisionStatus([d, revision(1, 'sent'), revision(2, 'sent')], DOC)).toMatchObject({ tone: 'hub', label: 'Revision 2 sent' });
    const refused = revision(2, 'rejected', {
      rejection: { status: 409, code: 'not_editable', message: 'It is confirmed in Zoho: the office must change it there.', fields: [] },
    });
    expect(revisionStatus([d, revision(1, 'sent'), refused], DOC)).toMatchObject({
      tone: 'attention',
      label: 'Changes not made',
      detail: 'It is confirmed in Zoho: the office must change it there.',
    });
  });
});

describe('sending a revision', () => {
  it('goes to its document’s /revisions (a document to /api/orders)', () => {
    expect(urlOf(revision(1, 'queued'))).toBe(`/api/orders/${DOC}/revisions`);
    expect(urlOf(doc(undefined, 'queued'))).toBe('/api/orders');
  });

  const answer = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

  it('reads a stored revision’s summary: revision, editability, stage', async () => {
    const summary = { stage: 'in_zoho', number: 'SO-1', zohoNumber: 'SO-00012', revision: 1, editable: true, updatedAt: '2026-12-01T12:00:00.000Z' };
    expect(await outcomeOf(answer(202, { order: summary }))).toEqual({
      kind: 'sent',
      hub: {
        stage: 'in_zoho',
        number: 'SO-1',
        zohoNumber: 'SO-00012',
        revision: 1,
        editable: true,
        notEditableReason: null,
        attentionReason: null,
        updatedAt: summary.updatedAt,
      },
    });
  });

  it('keeps the code of a 409: not_editable and stale_revision are final answers, not retried', async () => {
    for (const code of ['not_editable', 'stale_revision']) {
      expect(await outcomeOf(answer(409, { error: { code, message: 'Why.' } }))).toEqual({ kind: 'rejected', status: 409, message: 'Why.', fields: [], code });
    }
    expect(await outcomeOf(answer(400, { error: { message: 'Bad.', fields: [{ path: 'order.lines', message: 'x' }] } }))).toEqual({
      kind: 'rejected',
      status: 400,
      message: 'Bad.',
      fields: [{ path: 'order.lines', message: 'x' }],
    });
    expect((await outcomeOf(answer(503, { error: { message: 'Later.' } }))).kind).toBe('retry');
  });
});

/**
 * Changes after sending, on real parts (Temporal dev server, the sandbox, SMTP, Chromium for the
 * PDFs; Inventory on SQLite, Books on PostgreSQL): a revision of a sent order updates Zoho's draft in
 * place (one document, its number unchanged), re-renders the PDF marked as a revision and emails it
 * once; a replay changes nothing; bad or stale input is refused naming why and changes nothing; once
 * the office confirms the document in Zoho the workflow stops taking revisions and the hub says why.
 */
import type { WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { documentNumber, type OrderDetail } from '../domain';
import { PdfPrinter } from '../workflows/pdf';
import { agentFor, createUser } from './support/auth';
import { pdfText, startStack, type Stack } from './support/documents';
import { bundleWorkflows, eventually } from './support/temporal';

jest.setTimeout(240_000);

let bundle: WorkflowBundleWithSourceMap;
let printer: PdfPrinter;
beforeAll(async () => {
  bundle = await bundleWorkflows();
  printer = new PdfPrinter({ maxConcurrent: 2 });
});
afterAll(() => printer?.close());

const notes = (detail: { timeline: Array<{ note?: string | null }> }) => detail.timeline.map((e) => e.note ?? '');

describe.each([
  ['inventory', 'sqlite'],
  ['books', 'postgres'],
] as const)('on Zoho %s (%s)', (product, dialect) => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ dialect, product, bundle, printer });
  });
  afterAll(() => stack?.close());

  async function detail(id: string): Promise<OrderDetail> {
    return (await stack.rep.get(`/api/orders/${id}`).expect(200)).body.order as OrderDetail;
  }
  const untilNote = (id: string, pattern: RegExp) =>
    eventually(async () => ((await detail(id)).timeline.some((e) => pattern.test(e.note ?? '')) ? detail(id) : undefined), {
      what: `a timeline note ${pattern}`,
      timeoutMs: 90_000,
      intervalMs: 250,
    });

  it('updates the draft in place, sends the revision once, and stops once the office confirms it', async () => {
    const order = stack.order();
    await stack.rep.post('/api/orders').send(order).expect(201);
    const sent = await stack.untilStage(order.id, 'done', 90_000);
    const number = documentNumber('order', order.id);
    expect(sent).toMatchObject({ revision: 0, editable: true });
    await stack.mail.waitFor((m) => m.subject.includes(number), 20_000);

    // The customer wants three more of the first line and drops the second.
    const changed = { ...order, lines: [{ ...order.lines[0]!, quantity: order.lines[0]!.quantity + 3 }] };
    const accepted = await stack.rep.post(`/api/orders/${order.id}/revisions`).send({ revision: 1, order: changed }).expect(202);
    expect(accepted.body.order).toMatchObject({ revision: 1, editable: true });

    const revised = await untilNote(order.id, /^revision 1: PDF \d+ KB, emailed to /);
    expect(notes(revised)).toContain(`revision 1: ${number} updated in place in Zoho`);
    expect(revised.revisions?.map((r) => [r.revision, r.lines])).toEqual([
      [0, 2],
      [1, 1],
    ]);

    // Zoho: one document under the same number, with the revision's lines.
    const docs = stack.documentsNumbered(number);
    expect(docs).toHaveLength(1);
    expect(docs[0]!.line_items.map((l) => [l.item_id, l.quantity])).toEqual([[changed.lines[0]!.itemId, changed.lines[0]!.quantity]]);

    // Two emails: the order, then its revision, marked so, with the revision's PDF.
    const mail = await stack.mail.waitFor((m) => m.subject.includes(number) && m.subject.startsWith('Revised (revision 1)'), 20_000);
    expect(stack.mailsFor(number)).toHaveLength(2);
    const pdf = mail.attachments.find((a) => a.contentType === 'application/pdf')!;
    expect(pdf.filename).toBe(`${number}-revision-1.pdf`);
    const text = await pdfText(pdf.content);
    expect(text).toContain('Revision 1');
    expect(text).toContain(changed.lines[0]!.name);
    expect(text).not.toContain(order.lines[1]!.name);

    // A replay (the device's outbox again) changes nothing.
    await stack.rep.post(`/api/orders/${order.id}/revisions`).send({ revision: 1, order: changed }).expect(200);
    // Other content under a number already used: a conflict, not an overwrite.
    const stale = await stack.rep
      .post(`/api/orders/${order.id}/revisions`)
      .send({ revision: 1, order: { ...changed, notes: 'something else' } })
      .expect(409);
    expect(stale.body.error.code).toBe('stale_revision');
    // Bad input names the field; another rep may not touch it; none of it changes anything.
    const zero = await stack.rep.post(`/api/orders/${order.id}/revisions`).send({ revision: 0, order: changed }).expect(400);
    expect(zero.body.error.fields.map((f: { path: string }) => f.path)).toEqual(['revision']);
    const otherId = await stack.rep
      .post(`/api/orders/${order.id}/revisions`)
      .send({ revision: 2, order: { ...changed, id: crypto.randomUUID() } })
      .expect(400);
    expect(otherId.body.error.fields).toEqual([{ path: 'order.id', message: 'must be the id of the order being changed' }]);
    const otherCustomer = await stack.rep
      .post(`/api/orders/${order.id}/revisions`)
      .send({ revision: 2, order: { ...changed, customer: { ...changed.customer, zohoContactId: '999' } } })
      .expect(400);
    expect(otherCustomer.body.error.fields[0].path).toBe('order.customer');
    const otherRep = await agentFor(stack.app, await createUser(stack.auth, 'rep'));
    await otherRep.post(`/api/orders/${order.id}/revisions`).send({ revision: 2, order: changed }).expect(403);
    expect((await detail(order.id)).revision).toBe(1);
    await new Promise((r) => setTimeout(r, 1500));
    expect(stack.mailsFor(number)).toHaveLength(2);

    // The office confirms it in Zoho; the next revision finds it so and editing closes, saying why.
    const doc = stack.documentsNumbered(number)[0]!;
    stack.sandbox.state.setDocumentStatus('salesorder', doc.salesorder_id as string, product === 'inventory' ? 'confirmed' : 'open');
    const later = { ...changed, lines: [{ ...changed.lines[0]!, quantity: 1 }] };
    await stack.rep.post(`/api/orders/${order.id}/revisions`).send({ revision: 2, order: later }).expect(202);
    const closed = await eventually(
      async () => {
        const d = await detail(order.id);
        return d.editable ? undefined : d;
      },
      { what: 'editing to close', timeoutMs: 60_000, intervalMs: 250 },
    );
    expect(closed.notEditableReason).toBe(`${number} is ${product === 'inventory' ? 'confirmed' : 'open'} in Zoho: the office must change it there.`);
    const refused = await stack.rep.post(`/api/orders/${order.id}/revisions`).send({ revision: 3, order: later }).expect(409);
    expect(refused.body.error).toMatchObject({ code: 'not_editable', message: closed.notEditableReason });
    // Zoho kept revision 1; nothing more was sent.
    expect(stack.documentsNumbered(number)[0]!.line_items.map((l) => l.quantity)).toEqual([changed.lines[0]!.quantity]);
    expect(stack.mailsFor(number)).toHaveLength(2);
  });

  it('takes a revision sent before the order reached Zoho in the create itself', async () => {
    stack.sandbox.faults.set({ latencyMs: 3000, match: 'POST /(inventory/v1|books/v3)/salesorders$' });
    const order = stack.order();
    await stack.rep.post('/api/orders').send(order).expect(201);
    const changed = { ...order, lines: order.lines.map((l) => ({ ...l, quantity: l.quantity + 1 })) };
    await stack.rep.post(`/api/orders/${order.id}/revisions`).send({ revision: 1, order: changed }).expect(202);
    stack.sandbox.faults.clear();
    await stack.untilStage(order.id, 'done', 90_000);
    const number = documentNumber('order', order.id);
    await stack.mail.waitFor((m) => m.subject.includes(number), 30_000);
    // Whichever the create took, Zoho ends with the revision's quantities, in one document.
    await eventually(
      async () =>
        stack
          .documentsNumbered(number)[0]
          ?.line_items.map((l) => l.quantity)
          .join() === changed.lines.map((l) => l.quantity).join()
          ? true
          : undefined,
      { what: 'Zoho to hold revision 1', timeoutMs: 60_000, intervalMs: 250 },
    );
    expect(stack.documentsNumbered(number)).toHaveLength(1);
  });
});

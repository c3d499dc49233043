/**
 * The order rules at the hub, on real parts (the Temporal dev server, the Zoho sandbox, SMTP,
 * Chromium, SQLite): a rep's discount above their limit waits for a support approval and then
 * reaches Zoho exactly once, with the approval on the timeline; an order for a customer the
 * catalogue has as inactive is parked with the block's message and never reaches Zoho (a quote for
 * them is not checked: it commits nothing until it becomes an order).
 */
import type { WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { documentNumber } from '../domain';
import { createCatalogueStore } from '../server/catalogue/store';
import { PdfPrinter } from '../workflows/pdf';
import { startStack, type Stack } from './support/documents';
import { bundleWorkflows, eventually } from './support/temporal';

jest.setTimeout(180_000);

const notesOf = (detail: { timeline: Array<{ note: string | null }> }) => detail.timeline.map((e) => e.note ?? '');

describe('order rules at the hub (Inventory, SQLite)', () => {
  let bundle: WorkflowBundleWithSourceMap;
  let printer: PdfPrinter;
  let stack: Stack;

  beforeAll(async () => {
    bundle = await bundleWorkflows();
    printer = new PdfPrinter({ maxConcurrent: 2 });
    stack = await startStack({ dialect: 'sqlite', product: 'inventory', bundle, printer });
  });
  afterAll(async () => {
    await stack?.close();
    await printer?.close();
  });

  it("a rep's 30 % discount waits for approval; once approved it reaches Zoho once, the approval on its timeline", async () => {
    const item = stack.sandbox.fixtures.items[0]!;
    const input = stack.order({ lines: [{ itemId: item.item_id, name: item.name, quantity: 2, unitPrice: 5000 }], discount: { percent: 30 } });
    const number = documentNumber('order', input.id);
    await stack.rep.post('/api/orders').send(input).expect(201);
    const waiting = await stack.untilStage(input.id, 'needs_attention');
    expect(waiting.attentionReason).toBe('waiting for approval: A discount of 30 % is above the 15 % a rep may give');
    expect(stack.documentsNumbered(number)).toHaveLength(0);

    // A retry is not an approval: it waits again.
    await stack.support.post(`/api/orders/${input.id}/retry`).expect(202);
    await eventually(
      async () => {
        const { order } = (await stack.support.get(`/api/orders/${input.id}`).expect(200)).body;
        const waits = order.timeline.filter((e: { stage: string }) => e.stage === 'needs_attention').length;
        return order.stage === 'needs_attention' && waits === 2 ? order : undefined;
      },
      { what: 'the order to wait again after a retry', timeoutMs: 30_000 },
    );
    expect(stack.documentsNumbered(number)).toHaveLength(0);

    await stack.rep.post(`/api/orders/${input.id}/approve`).expect(403);
    await stack.support.post(`/api/orders/${input.id}/approve`).expect(202);
    // A second click is refused, whether the workflow moved on yet or not.
    await stack.support.post(`/api/orders/${input.id}/approve`).expect(409);
    const done = await stack.untilStage(input.id, 'done');
    expect(stack.documentsNumbered(number)).toHaveLength(1);
    expect(stack.mailsFor(number)).toHaveLength(1);
    const notes = notesOf(done);
    expect(notes).toContainEqual(expect.stringMatching(/^approved by support-/));
    expect(notes).toContainEqual(expect.stringMatching(/^pre-flight: A discount of 30 % is above the 15 % a rep may give \(approved by support-/));
    expect(await stack.db.Audit.count({ where: { action: 'order.approve', target: input.id } })).toBe(1);
  });

  it('an order for a customer the catalogue has as inactive is parked with the block message', async () => {
    const contact = stack.sandbox.state.contacts()[2]!;
    await createCatalogueStore(stack.db).write([
      { kind: 'customer', key: contact.contact_id, data: { name: contact.contact_name, currency: 'USD', active: false, detailed: false } },
    ]);
    const input = stack.order({ customer: { zohoContactId: contact.contact_id, name: contact.contact_name } });
    const number = documentNumber('order', input.id);
    await stack.rep.post('/api/orders').send(input).expect(201);
    const parked = await stack.untilStage(input.id, 'needs_attention');
    expect(parked.attentionReason).toBe(`${contact.contact_name} is inactive in Zoho: no orders can be taken for them`);
    // Not an approval matter: support cannot approve it through.
    await stack.support.post(`/api/orders/${input.id}/approve`).expect(409);
    expect(stack.documentsNumbered(number)).toHaveLength(0);
    await stack.support.post(`/api/orders/${input.id}/cancel`).expect(202);
    await stack.untilStage(input.id, 'cancelled');
    expect(stack.documentsNumbered(number)).toHaveLength(0);

    // A quote commits nothing: the rules check it when it becomes an order (the device does the same).
    const quote = stack.order({ kind: 'quote', customer: { zohoContactId: contact.contact_id, name: contact.contact_name } });
    await stack.rep.post('/api/orders').send(quote).expect(201);
    await stack.untilStage(quote.id, 'done');
    expect(stack.documentsNumbered(documentNumber('quote', quote.id))).toHaveLength(1);
  });
});

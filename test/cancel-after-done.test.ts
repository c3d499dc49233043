/**
 * Cancel after the fact, on real parts: an order whose workflow has finished is voided in Zoho by
 * a void workflow of its own, once however often it is asked (the rep twice, support once), and
 * its timeline ends cancelled; a cancelled one cannot be cancelled again; another rep's is not
 * theirs to cancel. A Books estimate is marked cancelled here and stays in Zoho.
 */
import type { WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { documentNumber } from '../domain';
import { PdfPrinter } from '../workflows/pdf';
import { agentFor, createUser, testAuth } from './support/auth';
import { startStack, type Stack } from './support/documents';
import { bundleWorkflows } from './support/temporal';

jest.setTimeout(180_000);

let bundle: WorkflowBundleWithSourceMap;
let printer: PdfPrinter;
beforeAll(async () => {
  bundle = await bundleWorkflows();
  printer = new PdfPrinter({ maxConcurrent: 2 });
});
afterAll(() => printer?.close());

describe('on Zoho Inventory', () => {
  let stack: Stack;
  beforeAll(async () => {
    // No edit window: the order's workflow finishes at done, so a cancel is the void workflow's.
    stack = await startStack({ dialect: 'sqlite', product: 'inventory', bundle, printer, documents: { editWindowMs: 0 } });
  });
  afterAll(() => stack?.close());

  it('voids a finished order in Zoho once, and ends it cancelled', async () => {
    const order = stack.order();
    await stack.rep.post('/api/orders').send(order).expect(201);
    await stack.untilStage(order.id, 'done');
    const number = documentNumber('order', order.id);

    const other = await agentFor(stack.app, await createUser(testAuth(stack.db), 'rep'));
    await other.post(`/api/orders/${order.id}/cancel`).send({}).expect(403);

    await Promise.all([
      stack.rep.post(`/api/orders/${order.id}/cancel`).send({ reason: 'the shop closed' }).expect(202),
      stack.rep.post(`/api/orders/${order.id}/cancel`).send({}).expect(202),
      stack.support.post(`/api/orders/${order.id}/cancel`).send({}).expect(202),
    ]);
    const cancelled = await stack.untilStage(order.id, 'cancelled');
    expect(stack.documentsNumbered(number).map((d) => d.status)).toEqual(['void']);
    const notes = cancelled.timeline.filter((e: { stage: string }) => e.stage === 'cancelled').map((e: { note: string }) => e.note);
    expect(notes).toHaveLength(1);
    // Whichever ask reached Temporal first is the one the timeline names; the others joined it.
    expect(notes[0]).toMatch(/^cancelled by .* \((rep|support)\)(: the shop closed)?; voided in Zoho$/);
    await stack.rep.post(`/api/orders/${order.id}/cancel`).send({}).expect(409);
  });
});

describe('on Zoho Books', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ dialect: 'postgres', product: 'books', bundle, printer, documents: { editWindowMs: 0 } });
  });
  afterAll(() => stack?.close());

  it('marks a finished quote cancelled; its estimate stays in Zoho', async () => {
    const quote = stack.order({ kind: 'quote' });
    await stack.rep.post('/api/orders').send(quote).expect(201);
    await stack.untilStage(quote.id, 'done');
    await stack.rep.post(`/api/orders/${quote.id}/cancel`).send({}).expect(202);
    const cancelled = await stack.untilStage(quote.id, 'cancelled');
    expect(cancelled.timeline.at(-1).note).toMatch(/the Zoho document stays/);
    expect(stack.documentsNumbered(documentNumber('quote', quote.id)).map((d) => d.status)).toEqual(['draft']);
  });
});

describe('on Zoho Inventory, in the edit window', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ dialect: 'sqlite', product: 'inventory', bundle, printer });
  });
  afterAll(() => stack?.close());

  it('cancels a done order whose draft still takes changes through its own workflow: voided once, editing closed', async () => {
    const order = stack.order();
    await stack.rep.post('/api/orders').send(order).expect(201);
    await stack.untilStage(order.id, 'done');
    const number = documentNumber('order', order.id);
    await Promise.all([
      stack.rep.post(`/api/orders/${order.id}/cancel`).send({ reason: 'the shop closed' }).expect(202),
      stack.support.post(`/api/orders/${order.id}/cancel`).send({}).expect(202),
    ]);
    const cancelled = await stack.untilStage(order.id, 'cancelled');
    expect(stack.documentsNumbered(number).map((d) => d.status)).toEqual(['void']);
    const notes = cancelled.timeline.filter((e: { stage: string }) => e.stage === 'cancelled').map((e: { note: string }) => e.note);
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatch(new RegExp(`^cancelled by .* \\((rep|support)\\)(: the shop closed)?; ${number} voided in Zoho$`));
    expect(cancelled).toMatchObject({ editable: false, notEditableReason: 'It was cancelled.' });
    await stack.rep.post(`/api/orders/${order.id}/revisions`).send({ revision: 1, order }).expect(409);
  });
});

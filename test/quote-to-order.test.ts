/**
 * Quote → order on real parts (Temporal dev server, sandbox, SMTP, Chromium for the PDFs): the
 * order made from a quote is one linked document in Zoho, never a second unrelated one. Inventory
 * keeps a quote as a draft sales order: that draft is updated in place with the order (and
 * confirmed when the mapping confirms orders). Books: the order is a new sales
 * order and the estimate is marked accepted. Both timelines say what became of the quote; a second
 * order from an Inventory quote is parked, saying why; the hub refuses a link to a quote that is not
 * there or is another customer's, naming the field.
 */
import type { WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { documentNumber } from '../domain';
import { PdfPrinter } from '../workflows/pdf';
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

const notes = (detail: { timeline: Array<{ note?: string | null }> }) => detail.timeline.map((e) => e.note ?? '').join('\n');

describe.each([
  ['inventory', 'sqlite'],
  ['books', 'postgres'],
] as const)('on Zoho %s (%s)', (product, dialect) => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ dialect, product, bundle, printer });
  });
  afterAll(() => stack?.close());

  it('turns a quote into one linked document', async () => {
    const quote = stack.order({ kind: 'quote' });
    await stack.rep.post('/api/orders').send(quote).expect(201);
    await stack.untilStage(quote.id, 'done');
    const quoteNumber = documentNumber('quote', quote.id);

    // The customer wants one more of the first line.
    const order = stack.order({ fromQuoteId: quote.id, lines: quote.lines.map((l, i) => (i === 0 ? { ...l, quantity: l.quantity + 1 } : l)) });
    await stack.rep.post('/api/orders').send(order).expect(201);
    const done = await stack.untilStage(order.id, 'done', 90_000);
    const snap = stack.sandbox.state.snapshot();

    if (product === 'inventory') {
      // One sales order: the quote's, with the order's quantities (a draft, as the default mapping leaves orders).
      const docs = snap.salesorders.filter((d) => d.salesorder_number === quoteNumber || d.salesorder_number === documentNumber('order', order.id));
      expect(docs).toHaveLength(1);
      expect(docs[0]).toMatchObject({ salesorder_number: quoteNumber, status: 'draft' });
      expect(docs[0]!.line_items[0]!.quantity).toBe(order.lines[0]!.quantity);
      expect(done.zohoNumber).toBe(quoteNumber);
      expect(notes(done)).toContain(`made from quote ${quoteNumber}`);
      // A second order from the same quote would take the first's document: parked, saying why; nothing new in Zoho.
      const second = stack.order({ fromQuoteId: quote.id });
      await stack.rep.post('/api/orders').send(second).expect(201);
      const parked = await stack.untilStage(second.id, 'needs_attention');
      expect(parked.attentionReason).toBe(
        `Quote ${quoteNumber} already became order ${documentNumber('order', order.id)}: make this order without the quote, or cancel it`,
      );
      expect(stack.documentsNumbered(documentNumber('order', second.id))).toHaveLength(0);
    } else {
      expect(snap.estimates.filter((e) => e.estimate_number === quoteNumber).map((e) => e.status)).toEqual(['accepted']);
      expect(snap.salesorders.filter((d) => d.salesorder_number === documentNumber('order', order.id))).toHaveLength(1);
      expect(notes(done)).toContain(`made from quote ${quoteNumber} (estimate ${quoteNumber} marked accepted)`);
    }
    const quoteDetail = (await stack.support.get(`/api/orders/${quote.id}`).expect(200)).body.order;
    expect(notes(quoteDetail)).toMatch(product === 'inventory' ? /became order / : /accepted: order /);
  });

  it('refuses a link to a quote that is not there, or to an order', async () => {
    const missing = await stack.rep
      .post('/api/orders')
      .send(stack.order({ fromQuoteId: crypto.randomUUID() }))
      .expect(400);
    expect(missing.body.error.fields).toEqual([{ path: 'fromQuoteId', message: 'no such quote' }]);
    const plain = stack.order();
    await stack.rep.post('/api/orders').send(plain).expect(201);
    const notQuote = await stack.rep
      .post('/api/orders')
      .send(stack.order({ fromQuoteId: plain.id }))
      .expect(400);
    expect(notQuote.body.error.fields[0].path).toBe('fromQuoteId');
    const quote = stack.order({ kind: 'quote' });
    await stack.rep.post('/api/orders').send(quote).expect(201);
    const other = stack.sandbox.state.contacts().find((c) => c.contact_type === 'customer' && c.contact_id !== quote.customer.zohoContactId)!;
    const elsewhere = await stack.rep
      .post('/api/orders')
      .send(stack.order({ fromQuoteId: quote.id, customer: { zohoContactId: other.contact_id, name: other.contact_name } }))
      .expect(400);
    expect(elsewhere.body.error.fields).toEqual([{ path: 'fromQuoteId', message: 'the quote is for another customer' }]);
    const asQuote = await stack.rep
      .post('/api/orders')
      .send(stack.order({ kind: 'quote', fromQuoteId: plain.id }))
      .expect(400);
    expect(JSON.stringify(asQuote.body.error)).toContain('fromQuoteId');
  });
});

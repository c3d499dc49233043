/**
 * Order, quote and customer workflows on real parts: the Temporal dev server, the Zoho sandbox, a
 * real SMTP server in process, Chromium, and the hub's database (Inventory on SQLite, Books on
 * PostgreSQL). Every case asserts exactly one document in the sandbox and exactly one email.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import type { WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { documentNumber, formatMoney, orderTotals, OrderSchema, type OrderInput } from '../domain';
import { defaultMapping, type Mapping, type MappingTarget } from '../mappings';
import { SA_CUSTOMER, SA_DOCUMENT_NUMBER, SA_REP, SA_STAGE } from '../workflows/search-attributes';
import { statusQuery } from '../workflows/signals';
import { PdfPrinter } from '../workflows/pdf';
import { pdfText, startStack, type Stack } from './support/documents';
import { bundleWorkflows, eventually } from './support/temporal';

jest.setTimeout(180_000);

let bundle: WorkflowBundleWithSourceMap;
let printer: PdfPrinter;
beforeAll(async () => {
  bundle = await bundleWorkflows();
  printer = new PdfPrinter({ maxConcurrent: 3 });
});
afterAll(() => printer?.close());

const HISTORIES = path.join(__dirname, '../workflows/histories');
async function record(stack: Stack, workflowId: string, file: string): Promise<void> {
  if (!process.env.RECORD_HISTORIES) return;
  fs.writeFileSync(path.join(HISTORIES, file), historyToJSON(await stack.client.workflow.getHandle(workflowId).fetchHistory()));
}

/** Tests switch the active mapping (confirm, a required field) through this. */
let mappingOverride: Partial<Mapping> & { requireReference?: boolean } = {};
function activeMapping(target: MappingTarget): Mapping {
  const base = defaultMapping(target);
  const { requireReference, ...rest } = mappingOverride;
  const fields = requireReference ? base.fields.map((f) => (f.zoho === 'reference_number' ? { ...f, required: true } : f)) : base.fields;
  return { ...base, ...rest, fields };
}

const stagesOf = (detail: { timeline: Array<{ stage: string }> }) => detail.timeline.map((e) => e.stage).filter((s, i, all) => s !== all[i - 1]);

async function expectOneMailWithPdf(stack: Stack, number: string, total: string) {
  const mail = await stack.mail.waitFor((m) => m.subject.includes(number), 10_000);
  expect(stack.mailsFor(number)).toHaveLength(1);
  expect(mail.to).toEqual([stack.repUser.email]);
  const pdf = mail.attachments.find((a) => a.contentType === 'application/pdf');
  expect(pdf?.filename).toBe(`${number}.pdf`);
  const text = await pdfText(pdf!.content);
  expect(text).toContain(number);
  expect(text).toContain(total);
  return { mail, text };
}

describe('on Zoho Inventory (SQLite)', () => {
  let stack: Stack;
  /** Hub prices for the price check: item → unit price, per test. */
  let hubPrices: Map<string, number> | undefined;

  beforeAll(async () => {
    stack = await startStack({ dialect: 'sqlite', product: 'inventory', bundle, printer, mappingFor: activeMapping, prices: async () => hubPrices });
  });
  afterAll(() => stack?.close());
  beforeEach(() => {
    mappingOverride = {};
    hubPrices = undefined;
    stack.sandbox.faults.clear();
  });

  it('pushes a draft order once, renders its PDF and emails it to the rep, all visible to support', async () => {
    const input = stack.order({
      reference: 'PO-77',
      fees: [{ name: 'Delivery', amount: 500 }],
      paymentMethod: 'Bank transfer',
      contactPerson: 'Rosa Rossi',
      deliveryDate: '2026-12-01',
      deliveryAddress: { address: '12 Mill Ln', city: 'Madison', zip: '53703' },
      signature: `data:image/png;base64,${fs.readFileSync(path.join(__dirname, '../client/public/icons/icon-192.png')).toString('base64')}`,
    });
    const number = documentNumber('order', input.id);
    await stack.rep.post('/api/orders').send(input).expect(201);
    const done = await stack.untilStage(input.id, 'done');

    const docs = stack.documentsNumbered(number);
    expect(docs).toHaveLength(1);
    expect(docs[0]).toMatchObject({ status: 'draft', reference_number: 'PO-77', adjustment: 5 });
    expect(stagesOf(done)).toEqual(['received', 'customer_ready', 'in_zoho', 'pdf_ready', 'emailed', 'done']);
    expect(done.timeline.map((e: { note: string }) => e.note).join('\n')).toMatch(/price check/);

    const total = formatMoney(orderTotals(OrderSchema.parse(input)).gross);
    const { text } = await expectOneMailWithPdf(stack, number, total);
    for (const printed of ['Rosa Rossi', 'Bank transfer', '12 Mill Ln', '2026-12-01', stack.repUser.name, 'Delivery', stack.documents.companyName]) {
      expect(text).toContain(printed);
    }

    // Support finds it in Temporal by what a customer says on the phone.
    const handle = stack.client.workflow.getHandle(`order-${input.id}`);
    const described = await handle.describe();
    expect(described.typedSearchAttributes.get(SA_STAGE)).toBe('done');
    expect(described.typedSearchAttributes.get(SA_DOCUMENT_NUMBER)).toBe(number);
    expect(described.typedSearchAttributes.get(SA_REP)).toBe(stack.repUser.email);
    expect(described.typedSearchAttributes.get(SA_CUSTOMER)).toBe(input.customer.name);
    expect(String(described.memo?.summary)).toContain(number);
    await expect(handle.query(statusQuery)).resolves.toMatchObject({ stage: 'done', zohoNumber: number });
    const found = [];
    for await (const wf of stack.client.workflow.list({ query: `SatchelDocumentNumber = "${number}"` })) found.push(wf.workflowId);
    expect(found).toEqual([`order-${input.id}`]);
    await record(stack, `order-${input.id}`, 'order-done.json');
  });

  it('confirms the sales order when the mapping says so', async () => {
    mappingOverride = { status: 'confirmed' };
    const input = stack.order();
    const number = documentNumber('order', input.id);
    await stack.rep.post('/api/orders').send(input).expect(201);
    const done = await stack.untilStage(input.id, 'done');
    expect(stagesOf(done)).toEqual(['received', 'customer_ready', 'in_zoho', 'confirmed', 'pdf_ready', 'emailed', 'done']);
    const docs = stack.documentsNumbered(number);
    expect(docs).toHaveLength(1);
    expect(docs[0]!.status).toBe('confirmed');
    expect(stack.mailsFor(number)).toHaveLength(1);
  });

  it('sends a quote to Inventory as a draft sales order, never confirmed', async () => {
    mappingOverride = { status: 'confirmed' };
    const input = stack.order({ kind: 'quote' });
    const number = documentNumber('quote', input.id);
    const res = await stack.rep.post('/api/orders').send(input).expect(201);
    expect(res.body.order.workflowId).toBe(`quote-${input.id}`);
    await stack.untilStage(input.id, 'done');
    const docs = stack.documentsNumbered(number);
    expect(docs).toHaveLength(1);
    expect(docs[0]).toMatchObject({ salesorder_number: number, status: 'draft' });
    const { mail } = await expectOneMailWithPdf(stack, number, formatMoney(orderTotals(OrderSchema.parse(input)).gross));
    expect(mail.subject).toMatch(/^Quote/);
    expect((await stack.client.workflow.getHandle(`quote-${input.id}`).describe()).type).toBe('quoteWorkflow');
  });

  it('creates a new customer once, then its order, whichever reaches the hub first', async () => {
    const customer = {
      id: crypto.randomUUID(),
      name: `Corner Shop ${crypto.randomBytes(3).toString('hex')}`,
      email: `shop-${crypto.randomBytes(3).toString('hex')}@example.test`,
    };
    // The order arrives first (the device's outbox sent it before the customer): it waits.
    const input = stack.order({ customer: { deviceCustomerId: customer.id, name: customer.name } });
    await stack.rep.post('/api/orders').send(input).expect(201);
    await eventually(async () => ((await stack.client.workflow.getHandle(`order-${input.id}`).query(statusQuery)).waitingFor ? true : undefined), {
      what: 'the order to wait for its customer',
    });
    expect(stack.sandbox.state.contacts().filter((c) => c.contact_name === customer.name)).toHaveLength(0);

    const first = await stack.rep.post('/api/customers').send(customer).expect(201);
    expect(first.body.customer).toMatchObject({ id: customer.id, stage: 'received', workflowId: `customer-${customer.id}` });
    // Replays (two tabs, a retried request) answer with the stored customer and start nothing new.
    const replays = await Promise.all([1, 2].map(() => stack.rep.post('/api/customers').send(customer)));
    for (const r of replays) expect(r.status).toBe(200);

    const created = await stack.untilStage(customer.id, 'done', 60_000, 'customers');
    const contacts = stack.sandbox.state.contacts().filter((c) => c.contact_name === customer.name);
    expect(contacts).toHaveLength(1);
    expect(created.zohoContactId).toBe(contacts[0]!.contact_id);

    await stack.untilStage(input.id, 'done', 90_000);
    const docs = stack.documentsNumbered(documentNumber('order', input.id));
    expect(docs).toHaveLength(1);
    expect(docs[0]!.customer_id).toBe(contacts[0]!.contact_id);
    expect(stack.mailsFor(documentNumber('order', input.id))).toHaveLength(1);

    // A second order for the same new customer goes straight through.
    const second = stack.order({ customer: { deviceCustomerId: customer.id, name: customer.name } });
    await stack.rep.post('/api/orders').send(second).expect(201);
    await stack.untilStage(second.id, 'done');
    expect(stack.sandbox.state.contacts().filter((c) => c.contact_name === customer.name)).toHaveLength(1);
    await record(stack, `customer-${customer.id}`, 'customer-done.json');
    await record(stack, `order-${input.id}`, 'order-new-customer.json');
  });

  it('matches a new customer to an existing Zoho contact by email instead of creating one', async () => {
    const existing = stack.sandbox.state.contacts().find((c) => c.email)!;
    const before = stack.sandbox.state.contacts().length;
    const customer = { id: crypto.randomUUID(), name: 'Same shop, typed differently', email: existing.email };
    const input = stack.order({ customer: { deviceCustomerId: customer.id, name: customer.name } });
    await stack.rep.post('/api/customers').send(customer).expect(201);
    await stack.rep.post('/api/orders').send(input).expect(201);
    await stack.untilStage(input.id, 'done');
    expect(stack.sandbox.state.contacts()).toHaveLength(before);
    expect(stack.documentsNumbered(documentNumber('order', input.id))[0]!.customer_id).toBe(existing.contact_id);
  });

  it('adopts the sales order when Zoho commits the create and the answer is lost', async () => {
    stack.sandbox.faults.set({ commitThenDrop: 1, match: '^POST /inventory/v1/salesorders$' });
    const input = stack.order();
    const number = documentNumber('order', input.id);
    await stack.rep.post('/api/orders').send(input).expect(201);
    const done = await stack.untilStage(input.id, 'done');
    expect(stack.sandbox.faults.fired.commitThenDrop).toBe(1);
    expect(done.timeline.find((e: { stage: string }) => e.stage === 'in_zoho').note).toMatch(/found in Zoho after an unconfirmed create/);
    expect(stack.documentsNumbered(number)).toHaveLength(1);
    expect(stack.mailsFor(number)).toHaveLength(1);
  });

  it('rides out a 429 storm: every order lands once, retried when the window resets', async () => {
    const limits = { ...stack.sandbox.limits.settings };
    stack.sandbox.limits.configure({ perWindow: 2, windowMs: 3000 });
    const limitedBefore = stack.sandbox.stats.byStatus['429'] ?? 0;
    try {
      const inputs = Array.from({ length: 10 }, () => stack.order());
      const started = Date.now();
      await Promise.all(inputs.map((i) => stack.rep.post('/api/orders').send(i).expect(201)));
      // No wall-clock bound on the whole run (PDFs and mails make it load-dependent): the checks
      // below pin the retries to the window resets instead.
      for (const i of inputs) await stack.untilStage(i.id, 'done', 120_000);
      const refused = (stack.sandbox.stats.byStatus['429'] ?? 0) - limitedBefore;
      expect(refused).toBeGreaterThan(0);

      // The retry waits for the window's reset: in each 3 s window, every order still waiting is
      // refused at most once (a retry before the reset would be a second 429 in the same window)...
      const creates = stack.sandbox.stats.recent.filter((r) => r.at >= started && r.method === 'POST' && r.path === '/salesorders');
      const windowOf = (at: number) => Math.floor(at / 3000);
      const windows = [...new Set(creates.map((c) => windowOf(c.at)))].sort((x, y) => x - y);
      let createdSoFar = 0;
      for (const w of windows) {
        const inWindow = creates.filter((c) => windowOf(c.at) === w);
        expect(inWindow.filter((c) => c.status === 429).length).toBeLessThanOrEqual(inputs.length - createdSoFar);
        createdSoFar += inWindow.filter((c) => c.status === 201).length;
      }
      // ...so the 429s stay few: at most 10 + 8 + 6 + 4 + 2 for 10 orders at 2 per window.
      expect(refused).toBeLessThanOrEqual(30);
      // ...and it comes as soon as the window resets, not on a schedule of its own: after every
      // window that refused someone, the next create arrives within 1.5 s of the reset.
      for (const w of windows.slice(0, -1)) {
        if (!creates.some((c) => windowOf(c.at) === w && c.status === 429)) continue;
        const reset = (w + 1) * 3000;
        const next = creates.find((c) => c.at >= reset);
        expect(next && next.at - reset).toBeLessThan(1500);
      }
      for (const i of inputs) {
        const number = documentNumber('order', i.id);
        expect(stack.documentsNumbered(number)).toHaveLength(1);
        expect(stack.mailsFor(number)).toHaveLength(1);
      }
    } finally {
      stack.sandbox.limits.configure(limits);
    }
  });

  it('waits in needs_attention for an item gone from Zoho, then goes on after the fix and a retry', async () => {
    const input = stack.order({ lines: [{ itemId: '469999999999999', name: 'Discontinued lamp', quantity: 1, unitPrice: 900 }] });
    const number = documentNumber('order', input.id);
    await stack.rep.post('/api/orders').send(input).expect(201);
    const parked = await stack.untilStage(input.id, 'needs_attention');
    expect(parked.attentionReason).toMatch(/Zoho rejected the document: .*item_id/);
    // The rep sees why too.
    expect((await stack.rep.get(`/api/orders/${input.id}`).expect(200)).body.order.attentionReason).toBe(parked.attentionReason);
    expect(stack.documentsNumbered(number)).toHaveLength(0);
    expect(stack.mailsFor(number)).toHaveLength(0);

    const row = (await stack.db.Order.findByPk(input.id))!;
    const item = stack.sandbox.state.snapshot().items[3]!;
    await row.update({ payload: { ...row.payload, lines: [{ itemId: item.item_id, name: item.name, quantity: 1, unitPrice: 900 }] } });
    await stack.support.post(`/api/orders/${input.id}/retry`).expect(202);
    const done = await stack.untilStage(input.id, 'done');
    expect(stagesOf(done)).toEqual(['received', 'customer_ready', 'needs_attention', 'customer_ready', 'in_zoho', 'pdf_ready', 'emailed', 'done']);
    expect(stack.documentsNumbered(number)).toHaveLength(1);
    expect(stack.mailsFor(number)).toHaveLength(1);
    await record(stack, `order-${input.id}`, 'order-needs-attention-then-retry.json');
  });

  it('waits while the customer is on hold in Zoho, half-creating nothing', async () => {
    const contact = stack.sandbox.state.contacts()[1]!;
    const input = stack.order({ customer: { zohoContactId: contact.contact_id, name: contact.contact_name } });
    const number = documentNumber('order', input.id);
    (contact as { status: string }).status = 'inactive';
    try {
      await stack.rep.post('/api/orders').send(input).expect(201);
      const parked = await stack.untilStage(input.id, 'needs_attention');
      expect(parked.attentionReason).toMatch(/inactive/);
      expect(stack.documentsNumbered(number)).toHaveLength(0);
    } finally {
      (contact as { status: string }).status = 'active';
    }
    await stack.support.post(`/api/orders/${input.id}/retry`).expect(202);
    await stack.untilStage(input.id, 'done');
    expect(stack.documentsNumbered(number)).toHaveLength(1);
    expect(stack.mailsFor(number)).toHaveLength(1);
  });

  it('waits when a mapping value is missing, and goes on once the order has it', async () => {
    mappingOverride = { requireReference: true };
    const input = stack.order();
    const number = documentNumber('order', input.id);
    await stack.rep.post('/api/orders').send(input).expect(201);
    const parked = await stack.untilStage(input.id, 'needs_attention');
    expect(parked.attentionReason).toMatch(/mapping cannot build.*reference_number is required/);
    const row = (await stack.db.Order.findByPk(input.id))!;
    await row.update({ payload: { ...row.payload, reference: 'PO-FIXED' } });
    await stack.support.post(`/api/orders/${input.id}/retry`).expect(202);
    await stack.untilStage(input.id, 'done');
    expect(stack.documentsNumbered(number)).toMatchObject([{ reference_number: 'PO-FIXED' }]);
    expect(stack.mailsFor(number)).toHaveLength(1);
  });

  it('cancels an order waiting for attention: nothing in Zoho, no email', async () => {
    const input = stack.order({ lines: [{ itemId: '469999999999998', name: 'Gone', quantity: 1, unitPrice: 100 }] });
    const number = documentNumber('order', input.id);
    await stack.rep.post('/api/orders').send(input).expect(201);
    await stack.untilStage(input.id, 'needs_attention');
    await stack.support.post(`/api/orders/${input.id}/cancel`).send({ reason: 'customer changed their mind' }).expect(202);
    const cancelled = await stack.untilStage(input.id, 'cancelled');
    expect(cancelled.timeline.at(-1).note).toMatch(/customer changed their mind/);
    await stack.support.post(`/api/orders/${input.id}/cancel`).expect(409);
    expect(stack.documentsNumbered(number)).toHaveLength(0);
    expect(stack.mailsFor(number)).toHaveLength(0);
  });

  it('records a price difference on the timeline and honours the device price by default', async () => {
    const input = stack.order();
    const line = input.lines[0]!;
    hubPrices = new Map([[line.itemId, line.unitPrice + 250]]);
    await stack.rep.post('/api/orders').send(input).expect(201);
    const done = await stack.untilStage(input.id, 'done');
    const noted = done.timeline.find((e: { note: string | null }) => /price check/.test(e.note ?? ''));
    expect(noted.note).toMatch(/device prices kept, 1 differ/);
    const doc = stack.documentsNumbered(documentNumber('order', input.id))[0]!;
    expect(doc.line_items[0]!.rate).toBe(line.unitPrice / 100);
  });

  it('starts one workflow however often the device sends the order', async () => {
    const input: OrderInput = stack.order();
    const answers = await Promise.all([1, 2, 3].map(() => stack.rep.post('/api/orders').send(input)));
    expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 201]);
    await stack.untilStage(input.id, 'done');
    const runs = [];
    for await (const wf of stack.client.workflow.list({ query: `WorkflowId = "order-${input.id}"` })) runs.push(wf.runId);
    expect(runs).toHaveLength(1);
    expect(stack.documentsNumbered(documentNumber('order', input.id))).toHaveLength(1);
    expect(stack.mailsFor(documentNumber('order', input.id))).toHaveLength(1);
  });
});

describe('on Zoho Books (PostgreSQL)', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ dialect: 'postgres', product: 'books', bundle, printer, mappingFor: activeMapping });
  });
  afterAll(() => stack?.close());
  beforeEach(() => {
    mappingOverride = {};
  });

  it('pushes a draft sales order, attaches its PDF in Books and emails it once', async () => {
    const input = stack.order();
    const number = documentNumber('order', input.id);
    await stack.rep.post('/api/orders').send(input).expect(201);
    await stack.untilStage(input.id, 'done');
    const docs = stack.documentsNumbered(number);
    expect(docs).toHaveLength(1);
    expect(docs[0]).toMatchObject({ status: 'draft', has_attachment: true });
    const attachments = stack.sandbox.state.attachments(String(docs[0]!.salesorder_id));
    expect(attachments).toHaveLength(1);
    expect(attachments[0]!.file_name).toBe(`${number}.pdf`);
    expect(await pdfText(Buffer.from(attachments[0]!.data, 'base64'))).toContain(number);
    await expectOneMailWithPdf(stack, number, formatMoney(orderTotals(OrderSchema.parse(input)).gross));
  });

  it('opens the sales order when the mapping says confirmed', async () => {
    mappingOverride = { status: 'confirmed' };
    const input = stack.order();
    const number = documentNumber('order', input.id);
    await stack.rep.post('/api/orders').send(input).expect(201);
    await stack.untilStage(input.id, 'done');
    expect(stack.documentsNumbered(number)).toMatchObject([{ status: 'open' }]);
    expect(stack.mailsFor(number)).toHaveLength(1);
  });

  it('sends a quote to Books as an estimate', async () => {
    const input = stack.order({ kind: 'quote' });
    const number = documentNumber('quote', input.id);
    await stack.rep.post('/api/orders').send(input).expect(201);
    const done = await stack.untilStage(input.id, 'done');
    const snap = stack.sandbox.state.snapshot();
    expect(snap.estimates.filter((e) => e.estimate_number === number)).toHaveLength(1);
    expect(snap.salesorders.filter((e) => e.salesorder_number === number)).toHaveLength(0);
    expect(done.timeline.find((e: { stage: string }) => e.stage === 'in_zoho').note).toMatch(/^estimate /);
    await expectOneMailWithPdf(stack, number, formatMoney(orderTotals(OrderSchema.parse(input)).gross));
    await record(stack, `quote-${input.id}`, 'quote-done.json');
  });
});

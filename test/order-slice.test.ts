/**
 * The vertical slice, on real parts: HTTP → hub (SQLite and PostgreSQL) → Temporal dev server →
 * worker → Zoho sandbox, and back into the hub database.
 */
import crypto from 'node:crypto';
import { Client } from '@temporalio/client';
import { Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { loadConfig } from '../config';
import { documentNumber } from '../domain';
import { createApp } from '../hub/app';
import type { Database } from '../server/db/connect';
import { createOrderService } from '../hub/services/orders';
import { createWorkers, runWorkers } from '../workflows/worker';
import { createZohoClient, MemoryTokenStore } from '../zoho/connector';
import { createSandbox } from '../zoho/sandbox';
import { DIALECTS, openTestDatabase } from './support/databases';
import { sampleOrder } from './support/orders';
import { bundleWorkflows, connectTemporalForTest, eventually } from './support/temporal';
import { agentFor, createUser, testAuth, type Agent } from './support/auth';
import type { Auth } from '../hub/auth';
import { startMailCatcher, type MailCatcher } from '../devservices/mail-catcher';
import { PdfPrinter } from '../workflows/pdf';

jest.setTimeout(120_000);

let bundle: WorkflowBundleWithSourceMap;
let printer: PdfPrinter;
beforeAll(async () => {
  bundle = await bundleWorkflows();
  printer = new PdfPrinter();
});
afterAll(() => printer?.close());

describe.each(DIALECTS)('order slice on %s', (dialect) => {
  let db: Database;
  let cleanupDb: () => Promise<void>;
  let sandbox: ReturnType<typeof createSandbox>;
  let temporal: Awaited<ReturnType<typeof connectTemporalForTest>>;
  let client: Client;
  let workers: Worker[];
  let running: Promise<void>;
  let app: ReturnType<typeof createApp>;
  let auth: Auth;
  let rep: Agent;
  let support: Agent;
  let demoCustomer: { id: string; name: string };
  let demoItems: Array<{ id: string; name: string }>;
  let mail: MailCatcher;
  const taskQueue = `slice-${dialect}-${crypto.randomBytes(4).toString('hex')}`;

  const makeOrderService = (temporalClient: Client = client) =>
    createOrderService({ db, temporal: temporalClient, taskQueue, temporalUiUrl: 'http://localhost:8233', namespace: 'default', log: () => undefined });

  /** A valid order for the sandbox's seeded organization. */
  const order = (overrides = {}) =>
    sampleOrder({
      customer: { zohoContactId: demoCustomer.id, name: demoCustomer.name },
      lines: demoItems.map((item, n) => ({ itemId: item.id, name: item.name, quantity: n + 1, unitPrice: 1000 + n })),
      ...overrides,
    });

  const salesOrdersNumbered = (number: string) => sandbox.state.snapshot().salesorders.filter((so) => so.salesorder_number === number);

  beforeAll(async () => {
    ({ db, cleanup: cleanupDb } = await openTestDatabase(dialect));
    sandbox = createSandbox({ seed: { items: 20, customers: 5 } });
    const { url: base } = await sandbox.listen(0, '127.0.0.1');
    demoCustomer = { id: sandbox.fixtures.customer.contact_id, name: sandbox.fixtures.customer.contact_name };
    demoItems = sandbox.fixtures.items.slice(0, 2).map((i) => ({ id: i.item_id, name: i.name }));

    mail = await startMailCatcher();
    temporal = await connectTemporalForTest();
    client = temporal.client;
    const zoho = createZohoClient({ ...loadConfig({}).zoho, accountsUrl: base, apiDomain: base }, { tokenStore: new MemoryTokenStore() });
    workers = await createWorkers({
      connection: temporal.native,
      namespace: 'default',
      taskQueue,
      db,
      zoho,
      product: 'inventory',
      zohoActivitiesPerSecond: 50,
      workflowBundle: bundle,
      printer,
      mail: { smtp: mail.smtpUrl, from: 'Satchel <orders@satchel.test>' },
      documents: loadConfig({}).documents,
    });
    running = runWorkers(workers);
    auth = testAuth(db);
    app = createApp({ auth, orders: makeOrderService(), readiness: { database: () => db.sequelize.authenticate() } });
    rep = await agentFor(app, await createUser(auth, 'rep'));
    support = await agentFor(app, await createUser(auth, 'support'));
  });

  afterAll(async () => {
    for (const w of workers ?? []) if (w.getState() === 'RUNNING') w.shutdown();
    await running;
    await temporal?.close();
    await sandbox?.close();
    await mail?.close();
    await cleanupDb?.();
  });

  const untilStage = (id: string, stage: string) =>
    eventually(
      async () => {
        const res = await support.get(`/api/orders/${id}`);
        return res.body.order?.stage === stage ? res.body.order : undefined;
      },
      { what: `order ${id} to reach ${stage}`, timeoutMs: 60_000 },
    );

  it('stores a posted order, pushes it into Zoho once, and records the Zoho id', async () => {
    const input = order({ reference: 'PO-1' });
    const res = await rep.post('/api/orders').send(input).expect(201);
    expect(res.body.order).toMatchObject({ id: input.id, stage: 'received', number: documentNumber('order', input.id), workflowId: `order-${input.id}` });

    const done = await untilStage(input.id, 'done');
    const inZoho = salesOrdersNumbered(documentNumber('order', input.id));
    expect(inZoho).toHaveLength(1);
    expect(done.zohoId).toBe(inZoho[0]!.salesorder_id);
    expect(inZoho[0]).toMatchObject({ customer_id: demoCustomer.id, reference_number: 'PO-1', status: 'draft' });
    const stages = done.timeline.map((e: { stage: string }) => e.stage).filter((s: string, i: number, all: string[]) => s !== all[i - 1]);
    expect(stages).toEqual(['received', 'customer_ready', 'in_zoho', 'pdf_ready', 'emailed', 'done']);

    const row = await db.Order.findByPk(input.id);
    expect(row).toMatchObject({ stage: 'done', zohoId: inZoho[0]!.salesorder_id, workflowStarted: true });
  });

  it('answers a replay of the same id with the same order and starts nothing new', async () => {
    const input = order();
    const first = await rep.post('/api/orders').send(input).expect(201);
    await untilStage(input.id, 'done');
    const runBefore = (await client.workflow.getHandle(first.body.order.workflowId).describe()).runId;

    // The device replays twice, concurrently, after the order is done.
    const replays = await Promise.all([1, 2].map(() => rep.post('/api/orders').send(input)));
    for (const replay of replays) {
      expect(replay.status).toBe(200);
      expect(replay.body.order).toMatchObject({ id: input.id, stage: 'done', zohoId: first.body.order.zohoId ?? expect.any(String) });
    }
    expect((await client.workflow.getHandle(first.body.order.workflowId).describe()).runId).toBe(runBefore);
    expect(await db.Order.count({ where: { id: input.id } })).toBe(1);
    expect(salesOrdersNumbered(documentNumber('order', input.id))).toHaveLength(1);
  });

  it.each([
    ['malformed JSON', '{"id": "x",', /Malformed JSON/],
    ['a missing customer', JSON.stringify({ ...sampleOrder(), customer: undefined }), /customer/],
    ['a wrong type', JSON.stringify({ ...sampleOrder(), lines: [{ itemId: 'i', name: 'n', quantity: 'two', unitPrice: 100 }] }), /lines\.0\.quantity/],
    ['no lines', JSON.stringify({ ...sampleOrder(), lines: [] }), /lines/],
  ])('rejects %s with a 400 naming the problem, storing and starting nothing', async (_what, body, message) => {
    const before = await db.Order.count();
    const res = await rep.post('/api/orders').set('Content-Type', 'application/json').send(body).expect(400);
    expect(res.body.error.message).toMatch(message);
    expect(await db.Order.count()).toBe(before);
    const id = (() => {
      try {
        return JSON.parse(body).id as string;
      } catch {
        return undefined;
      }
    })();
    if (id) await expect(client.workflow.getHandle(`order-${id}`).describe()).rejects.toThrow(/not found/i);
  });

  it('starts the workflow later when Temporal refused it at first', async () => {
    const input = order();
    // A namespace that does not exist makes every start fail, as an outage would.
    const unreachable = new Client({ connection: client.connection, namespace: 'no-such-namespace' });
    const failing = createApp({ auth, orders: makeOrderService(unreachable), readiness: {} });
    const res = await (await agentFor(failing, await createUser(auth, 'rep'))).post('/api/orders').send(input).expect(201);
    expect(res.body.order.stage).toBe('received');
    expect((await db.Order.findByPk(input.id))?.workflowStarted).toBe(false);

    expect(await makeOrderService().dispatchPending()).toBeGreaterThanOrEqual(1);
    await untilStage(input.id, 'done');
    expect(salesOrdersNumbered(documentNumber('order', input.id))).toHaveLength(1);
  });

  it('parks an order that cannot go on in needs_attention, and resumes it on retry', async () => {
    // An item that no longer exists in Zoho: Zoho refuses the order.
    const input = order({ lines: [{ itemId: '469999999999999', name: 'Discontinued', quantity: 1, unitPrice: 500 }] });
    await rep.post('/api/orders').send(input).expect(201);
    const parked = await untilStage(input.id, 'needs_attention');
    expect(parked.attentionReason).toMatch(/item_id/);
    expect(salesOrdersNumbered(documentNumber('order', input.id))).toHaveLength(0);

    // Support replaces the line with an item that exists, then retries.
    const row = (await db.Order.findByPk(input.id))!;
    await row.update({ payload: { ...row.payload, lines: [{ itemId: demoItems[0]!.id, name: demoItems[0]!.name, quantity: 1, unitPrice: 500 }] } });
    await support.post(`/api/orders/${input.id}/retry`).expect(202);
    await untilStage(input.id, 'done');
    expect(salesOrdersNumbered(documentNumber('order', input.id))).toHaveLength(1);
  });

  it('replays its recorded history deterministically', async () => {
    const input = order();
    await rep.post('/api/orders').send(input).expect(201);
    await untilStage(input.id, 'done');
    const history = await client.workflow.getHandle(`order-${input.id}`).fetchHistory();
    await expect(Worker.runReplayHistory({ workflowBundle: bundle }, history)).resolves.toBeUndefined();
    // The fixtures workflows/order.workflow.replay.test.ts replays have one writer each: see workflows/README.md.
  });
});

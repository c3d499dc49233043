/**
 * Mappings are programs written by users: through the hub's real routes, on SQLite and PostgreSQL,
 * hostile expressions and templates (each of which hung or killed the hub when evaluated in
 * process) are refused naming the row within the deadline while /healthz stays fast, and the hub
 * answers the next request; a save is refused when a row fails only on a real recent order;
 * previews are rate-limited per user; the worker's mapping activities turn a runaway into a
 * non-retryable failure naming the row (the order then waits in needs_attention).
 */
import crypto from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { performance } from 'node:perf_hooks';
import { ApplicationFailure } from '@temporalio/common';
import { OrderSchema, documentNumber, type Order } from '../domain';
import { createApp } from '../hub/app';
import { createMappingService } from '../hub/services/mappings';
import type { Database } from '../server/db/connect';
import { createActiveMappings, createMappingStore } from '../server/mappings/active-mappings';
import { createMappingEvaluator, type MappingEvaluator } from '../server/mappings/sandbox/evaluator';
import { createOrderRepository } from '../server/orders/repository';
import { defaultMapping, type FieldSource, type Mapping } from '../mappings';
import { createMappingActivities } from '../workflows/activities/mapping';
import { createZohoActivities } from '../workflows/activities/zoho';
import { FailureType } from '../workflows/failure-types';
import type { ZohoClient } from '../zoho/connector';
import { agentFor, createUser, testAuth, type Agent } from './support/auth';
import { DIALECTS } from './support/databases';
import { openOrderStack, type OrderStack } from './support/order-stack';
import { sampleOrder } from './support/orders';
import { storeReceivedCustomer, storeReceivedOrder } from './support/stored';

const DEADLINE_MS = 1000;
/** Slack for a busy 2-core machine on top of the deadline: killing, answering, the HTTP round trip. */
const SLACK_MS = 3000;
/**
 * The slowest /healthz allowed while a runaway runs: an event loop blocked by the evaluation would
 * hold it for the whole of it (5-18 s in process). The p99 target (< 100 ms) is the bench's to show.
 */
const HEALTHZ_MAX_MS = DEADLINE_MS / 2;
const base = defaultMapping('inventory.salesorder');
const ROW = `fields[${base.fields.length}]`;
const withTerms = (source: FieldSource): Mapping => ({ ...base, fields: [...base.fields, { zoho: 'terms', source }] });

/** `request` while /healthz is asked every 20 ms: its answer, how long it took, and the slowest /healthz. */
async function whileHealthz<T>(url: string, request: Promise<T>): Promise<{ answer: T; tookMs: number; healthzMaxMs: number }> {
  const started = performance.now();
  let done = false;
  let healthzMaxMs = 0;
  const poll = (async () => {
    while (!done) {
      const t = performance.now();
      const res = await fetch(`${url}/healthz`);
      expect(res.status).toBe(200);
      healthzMaxMs = Math.max(healthzMaxMs, performance.now() - t);
      await new Promise((r) => setTimeout(r, 20));
    }
  })();
  const answer = await request.finally(() => (done = true));
  const tookMs = performance.now() - started;
  await poll;
  return { answer, tookMs, healthzMaxMs };
}

describe.each(DIALECTS)('the mapping sandbox through the hub on %s', (dialect) => {
  let stack: OrderStack;
  let db: Database;
  let evaluator: MappingEvaluator;
  let server: Server;
  let url: string;
  let admin: Agent;
  let support: Agent;
  let order: Order;
  let auth: ReturnType<typeof testAuth>;

  async function storeOrder(overrides: Parameters<typeof sampleOrder>[0] = {}): Promise<Order> {
    const parsed = OrderSchema.parse(sampleOrder(overrides));
    return storeReceivedOrder(db, parsed);
  }

  beforeAll(async () => {
    stack = await openOrderStack(dialect, 'mapping-sandbox');
    db = stack.db;
    auth = testAuth(db);
    evaluator = createMappingEvaluator({ deadlineMs: DEADLINE_MS, memoryMb: 64, poolSize: 3, maxOutputChars: 512 * 1024 });
    const mappings = createMappingService({ db, audit: auth.audit, customFields: async () => [], evaluator, previewPerMinute: 1000 });
    const app = createApp({ auth, orders: stack.orders, mappings, readiness: {} });
    server = app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    admin = await agentFor(app, await createUser(auth, 'admin'));
    support = await agentFor(app, await createUser(auth, 'support'));
    order = await storeOrder();
    await evaluator.ready();
  });

  afterAll(async () => {
    await evaluator?.close();
    await new Promise((r) => server?.close(r));
    await stack?.close();
  });

  const preview = (mapping: Mapping) => support.post('/api/mappings/inventory.salesorder/preview').send({ mapping, orderId: order.id });

  // Each of these hung the hub's event loop or killed the hub when evaluated in process.
  const stoppedOnly: Array<[string, FieldSource]> = [
    ['$pad of 200 million characters', { expression: '$length($pad("", 200000000))' }],
    ['a backtracking regular expression', { expression: '$contains("aaaaaaaaaaaaaaaaaaaaaaaaaaa!", /^(a+)+$/)' }],
    ['six nested {{#each @root}}', { template: `${'{{#each @root}}'.repeat(6)}x${'{{/each}}'.repeat(6)}` }],
  ];

  it.each(stoppedOnly)('refuses %s naming the row, within the deadline, while /healthz stays fast', async (_what, source) => {
    await evaluator.ready();
    const { answer, tookMs, healthzMaxMs } = await whileHealthz(
      url,
      preview(withTerms(source)).then((r) => r),
    );
    expect(answer.status).toBe(400);
    expect(answer.body.error.code).toBe('mapping_stopped');
    expect(answer.body.error.message).toMatch(`${ROW} (terms): `);
    expect(answer.body.error.fields[0]).toMatchObject({ path: ROW, zohoField: 'terms' });
    expect(tookMs).toBeLessThan(DEADLINE_MS + SLACK_MS);
    expect(healthzMaxMs).toBeLessThan(HEALTHZ_MAX_MS);
    // The hub (and the sandbox) answer the next preview.
    expect((await preview(base).expect(200)).body.preview.problems).toEqual([]);
  });

  // These ran the hub out of heap, or passed the range check: stopped by the expression's own
  // budget inside the sandbox (a row problem), by its memory cap or by the deadline (a refusal).
  const stoppedOrBudgeted: Array<[string, FieldSource]> = [
    ['$sort of five million numbers', { expression: '$sort([1..(5000*1000)])' }],
    ['a range of ten million', { expression: '[1..(9999*1000)]' }],
    ['a range built by $eval', { expression: '$eval("[1.." & "9999999]")' }],
  ];

  it.each(stoppedOrBudgeted)('answers %s naming the row, within the deadline, while /healthz stays fast', async (_what, source) => {
    await evaluator.ready();
    const { answer, tookMs, healthzMaxMs } = await whileHealthz(
      url,
      preview(withTerms(source)).then((r) => r),
    );
    if (answer.status === 400) {
      expect(answer.body.error).toMatchObject({ code: 'mapping_stopped', fields: [expect.objectContaining({ path: ROW })] });
    } else {
      expect(answer.status).toBe(200);
      expect(answer.body.preview.problems).toEqual([
        expect.objectContaining({ row: ROW, zohoField: 'terms', message: expect.stringMatching(/^expression failed/) }),
      ]);
    }
    expect(tookMs).toBeLessThan(DEADLINE_MS + SLACK_MS);
    expect(healthzMaxMs).toBeLessThan(HEALTHZ_MAX_MS);
    expect((await preview(base).expect(200)).body.preview.problems).toEqual([]);
  });

  it('answers a good preview while runaways hold other evaluator processes', async () => {
    await evaluator.ready();
    const runaway = withTerms({ expression: '$contains("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!", /^(a+)+$/)' });
    const runaways = [preview(runaway).then((r) => r), preview(runaway).then((r) => r)];
    await new Promise((r) => setTimeout(r, 100));
    const started = performance.now();
    await preview(base).expect(200);
    expect(performance.now() - started).toBeLessThan(DEADLINE_MS / 2);
    for (const r of await Promise.all(runaways)) expect(r.status).toBe(400);
  });

  describe('a save is tried on the most recent real orders', () => {
    const activeVersion = async () =>
      ((await support.get('/api/mappings').expect(200)).body.active as Array<{ target: string; version: number }>).find(
        (a) => a.target === 'inventory.salesorder',
      )!.version;

    async function refusedOnRealOrder(mapping: Mapping, real: Order, message: RegExp): Promise<void> {
      const before = await activeVersion();
      // The sample alone lets it through.
      expect(
        (
          await preview(mapping)
            .send({ mapping })
            .then((r) => r)
        ).status,
      ).toBeLessThan(500);
      const started = performance.now();
      const { body } = await admin.post('/api/mappings/inventory.salesorder').send({ mapping }).expect(400);
      expect(performance.now() - started).toBeLessThan(DEADLINE_MS + SLACK_MS + 1000);
      expect(body.error.code).toBe('mapping_invalid');
      expect(body.error.message).toMatch(`${ROW} (terms): `);
      expect(body.error.message).toMatch(message);
      expect(body.error.message).toContain(`on order ${documentNumber('order', real.id)}`);
      expect(body.error.fields[0]).toMatchObject({ path: ROW, zohoField: 'terms' });
      expect(await activeVersion()).toBe(before);
    }

    it('refuses a row that hangs only on a real order’s notes', async () => {
      await evaluator.ready();
      const mapping = withTerms({ expression: '$contains(notes, /^(a+)+$/)' });
      // On the sample's notes ("Leave at the back door") the expression answers at once.
      await admin
        .post('/api/mappings/inventory.salesorder/preview')
        .send({ mapping })
        .expect(200)
        .then((r) => expect(r.body.preview.problems).toEqual([]));
      // 2^40 backtracking steps: no machine finishes that inside the in-process bound, so the process deadline ends it.
      const real = await storeOrder({ notes: `${'a'.repeat(40)}!` });
      try {
        await refusedOnRealOrder(mapping, real, /took longer than 1000 ms/);
        // Once that order is cancelled it is never mapped again, and holds nothing back.
        await db.Order.update({ stage: 'cancelled' }, { where: { id: real.id } });
        await admin.post('/api/mappings/inventory.salesorder').send({ mapping }).expect(201);
      } finally {
        await db.Order.destroy({ where: { id: real.id } });
      }
    });

    it('refuses a row that runs out of memory only on an order of more than two lines', async () => {
      await evaluator.ready();
      const mapping = withTerms({ expression: '$count(lines) > 2 ? $length($pad("", 200000000)) : "two lines"' });
      const line = { itemId: '460000000010003', sku: 'SKU-3', name: 'Gizmo', quantity: 1, unitPrice: 100 };
      const real = await storeOrder({ lines: [...sampleOrder().lines, line] });
      try {
        await refusedOnRealOrder(mapping, real, /more than 64 MB of memory|took longer than 1000 ms/);
      } finally {
        await db.Order.destroy({ where: { id: real.id } });
      }
    });

    it('refuses a required row that a real order leaves empty, and saves what works on every one', async () => {
      const mapping = withTerms({ path: 'reference' });
      (mapping.fields[mapping.fields.length - 1] as { required?: boolean }).required = true;
      const noReference = await storeOrder({ reference: undefined });
      try {
        await refusedOnRealOrder(mapping, noReference, /terms is required but its source is empty/);
      } finally {
        await db.Order.destroy({ where: { id: noReference.id } });
      }
      await admin
        .post('/api/mappings/inventory.salesorder')
        .send({ mapping: withTerms({ template: '{{#if reference}}PO {{reference}}{{/if}}' }) })
        .expect(201);
    });
  });

  it('limits previews per user (429 with Retry-After), each user on their own', async () => {
    const limited = createMappingService({ db, audit: auth.audit, customFields: async () => [], evaluator, previewPerMinute: 3 });
    const app = createApp({ auth, orders: stack.orders, mappings: limited, readiness: {} });
    const [one, two] = [await agentFor(app, await createUser(auth, 'support')), await agentFor(app, await createUser(auth, 'support'))];
    for (let i = 0; i < 3; i++) await one.post('/api/mappings/inventory.salesorder/preview').send({}).expect(200);
    const refused = await one.post('/api/mappings/inventory.salesorder/preview').send({}).expect(429);
    expect(refused.body.error.code).toBe('preview_rate_limited');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(60);
    await two.post('/api/mappings/inventory.salesorder/preview').send({}).expect(200);
  });

  it("the worker's mapping activity turns a runaway into a non-retryable failure naming the row", async () => {
    await evaluator.ready();
    const hostile = withTerms({ expression: '$contains(notes, /^(a+)+$/)' });
    const real = await storeOrder({ notes: `${'a'.repeat(40)}!` });
    const activities = createMappingActivities({
      orders: createOrderRepository(db),
      product: 'inventory',
      active: createActiveMappings(db),
      evaluator,
      mappingFor: () => hostile,
    });
    try {
      const started = performance.now();
      const failure = await activities.mapOrderForZoho(real.id).then(
        () => undefined,
        (err: unknown) => err,
      );
      expect(performance.now() - started).toBeLessThan(DEADLINE_MS + SLACK_MS);
      expect(failure).toBeInstanceOf(ApplicationFailure);
      expect(failure).toMatchObject({ nonRetryable: true, type: FailureType.MappingInvalid });
      expect((failure as Error).message).toMatch(
        `The inventory.salesorder mapping cannot build this order: ${ROW} (terms): took longer than ${DEADLINE_MS} ms`,
      );
      // The worker goes on: the next order maps.
      await evaluator.ready();
      const fine = createMappingActivities({
        orders: createOrderRepository(db),
        product: 'inventory',
        active: createActiveMappings(db),
        evaluator,
        mappingFor: () => base,
      });
      expect((await fine.mapOrderForZoho(order.id)).payload.line_items).toHaveLength(2);
    } finally {
      await db.Order.destroy({ where: { id: real.id } });
    }
  });

  it("the worker's contact mapping turns a runaway into a non-retryable failure naming the row", async () => {
    await evaluator.ready();
    const store = createMappingStore(db);
    const contact = defaultMapping('contact');
    // Stored as if saved before this check existed.
    const saved = await store.append(
      'contact',
      { ...contact, fields: [...contact.fields, { zoho: 'notes', source: { expression: '$contains(email & "aaaaaaaaaaaaaaaaaaaaaaaaaaaa!", /^(a+)+$/)' } }] },
      { id: null, email: null },
    );
    const customer = { id: crypto.randomUUID(), name: `Runaway Shop ${crypto.randomUUID().slice(0, 6)}`, email: 'aaaaa' };
    await storeReceivedCustomer(db, customer);
    try {
      const zoho = {} as ZohoClient; // never reached: the payload is refused first
      const failure = await createZohoActivities({ orders: createOrderRepository(db), zoho, product: 'inventory', active: createActiveMappings(db), evaluator })
        .findOrCreateContact(customer.id)
        .then(
          () => undefined,
          (err: unknown) => err,
        );
      expect(failure).toMatchObject({ nonRetryable: true, type: FailureType.MappingInvalid });
      expect((failure as Error).message).toMatch(
        `The contact mapping (version ${saved.version}) cannot build this customer: fields[${contact.fields.length}] (notes): took longer than`,
      );
    } finally {
      await store.append('contact', contact, { id: null, email: null });
      await db.Customer.destroy({ where: { id: customer.id } });
    }
  });
});

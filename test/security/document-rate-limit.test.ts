/**
 * A per-user bound on new documents (POST /api/orders and /api/customers share it), on SQLite
 * and PostgreSQL: past it the hub answers 429 with Retry-After and stores nothing, a replay of a
 * stored document still answers 200, other users are not affected, the window rolls, and `satchel_documents_refused_total{reason}` counts refusals.
 */
import crypto from 'node:crypto';
import { Writable } from 'node:stream';
import type { Express } from 'express';
import { createApp } from '../../hub/app';
import type { Auth } from '../../hub/auth';
import { createLogger } from '../../server/observability/logger';
import { createHubMetrics, type HubMetrics } from '../../server/observability/metrics';
import type { Database } from '../../server/db/connect';
import { agentFor, createUser, testAuth, type Agent } from '../support/auth';
import { DIALECTS } from '../support/databases';
import { openOrderStack, type OrderStack } from '../support/order-stack';
import { sampleOrder } from '../support/orders';

const PER_HOUR = 3;

const newCustomer = () => ({
  id: crypto.randomUUID(),
  name: `Corner Shop ${crypto.randomUUID().slice(0, 6)}`,
  email: `shop-${crypto.randomUUID().slice(0, 6)}@example.test`,
});

describe.each(DIALECTS)('documents per user per hour on %s', (dialect) => {
  let stack: OrderStack;
  let db: Database;
  let auth: Auth;
  let app: Express;
  let metrics: HubMetrics;

  beforeAll(async () => {
    stack = await openOrderStack(dialect, 'quota', { documentsPerUserPerHour: PER_HOUR });
    db = stack.db;
    auth = testAuth(db);
    metrics = createHubMetrics({ stageCounts: async () => [] });
    const quiet = new Writable({ write: (_chunk, _enc, done) => done() });
    app = createApp({
      auth,
      orders: stack.orders,
      readiness: {},
      metrics,
      logger: createLogger({ level: 'error', format: 'json', service: 'hub', destination: quiet }),
    });
  });

  afterAll(async () => {
    await stack?.close();
  });

  const refusedCount = async (kind: string) => {
    const text = await metrics.registry.getSingleMetricAsString('satchel_documents_refused_total');
    const m = new RegExp(`satchel_documents_refused_total\\{[^}]*kind="${kind}"[^}]*reason="rate_limited"[^}]*\\} (\\d+)`).exec(text);
    return m ? Number(m[1]) : 0;
  };

  it('answers 429 with Retry-After past the bound, stores nothing, and the device keeps it queued', async () => {
    const rep: Agent = await agentFor(app, await createUser(auth, 'rep'));
    const stored = [sampleOrder(), sampleOrder()];
    for (const o of stored) await rep.post('/api/orders').send(o).expect(201);
    await rep.post('/api/customers').send(newCustomer()).expect(201); // one budget for both kinds

    const extra = sampleOrder();
    const refused = await rep.post('/api/orders').send(extra).expect(429);
    expect(refused.body.error).toMatchObject({ code: 'document_rate_limited', message: expect.stringMatching(/at most 3 an hour per user/) });
    const retryAfter = Number(refused.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(3500);
    expect(retryAfter).toBeLessThanOrEqual(3600);
    expect(await db.Order.findByPk(extra.id)).toBeNull();
    await rep.post('/api/customers').send(newCustomer()).expect(429);

    // The device's outbox reads a 429 as "try later" and keeps the order queued (client/units.test.ts).

    // Replays of what is already stored do not count and are still answered.
    for (const o of stored) await rep.post('/api/orders').send(o).expect(200);
    expect(await refusedCount('order')).toBe(1);
    expect(await refusedCount('customer')).toBe(1);
  });

  it('is per user: another rep still sends', async () => {
    const busy = await agentFor(app, await createUser(auth, 'rep'));
    for (let i = 0; i < PER_HOUR; i++) await busy.post('/api/orders').send(sampleOrder()).expect(201);
    await busy.post('/api/orders').send(sampleOrder()).expect(429);
    const other = await agentFor(app, await createUser(auth, 'rep'));
    await other.post('/api/orders').send(sampleOrder()).expect(201);
  });

  it('rolls: documents older than an hour no longer count, and Retry-After says when room comes back', async () => {
    const user = await createUser(auth, 'rep');
    const rep = await agentFor(app, user);
    const first = sampleOrder();
    await rep.post('/api/orders').send(first).expect(201);
    for (let i = 1; i < PER_HOUR; i++) await rep.post('/api/orders').send(sampleOrder()).expect(201);
    // The first one was stored 59 minutes ago: room in about a minute.
    await db.Order.update({ createdAt: new Date(Date.now() - 59 * 60_000) }, { where: { id: first.id }, silent: true } as never);
    const soon = await rep.post('/api/orders').send(sampleOrder()).expect(429);
    expect(Number(soon.headers['retry-after'])).toBeGreaterThan(30);
    expect(Number(soon.headers['retry-after'])).toBeLessThanOrEqual(61);
    // ...and an hour and a minute ago: room now.
    await db.Order.update({ createdAt: new Date(Date.now() - 61 * 60_000) }, { where: { id: first.id }, silent: true } as never);
    await rep.post('/api/orders').send(sampleOrder()).expect(201);
  });

  it('does not count refused documents (invalid ones, or those over the bound)', async () => {
    const rep = await agentFor(app, await createUser(auth, 'rep'));
    for (let i = 0; i < 5; i++) await rep.post('/api/orders').send({ id: 'not-a-uuid' }).expect(400);
    for (let i = 0; i < PER_HOUR; i++) await rep.post('/api/orders').send(sampleOrder()).expect(201);
  });
});

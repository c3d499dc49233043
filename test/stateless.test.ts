/**
 * Stateless hubs: two hub apps, each with its own connection pool, auth and order service, on ONE
 * database — what two replicas behind a load balancer are. What one answers, the other honours:
 * a session, a sign-out, a sign-in lockout, an order replayed to the other replica. On SQLite and
 * PostgreSQL; both hubs migrate at once at start (the migration lock makes them queue).
 */
import crypto from 'node:crypto';
import type { Express } from 'express';
import request from 'supertest';
import { type Client } from '@temporalio/client';
import { createApp } from '../hub/app';
import { CSRF_VALUE, SESSION_COOKIE } from '../hub/auth';
import { openDatabase, type Database } from '../server/db/connect';
import { migrate } from '../server/db/migrate';
import { createOrderService } from '../hub/services/orders';
import { connectTemporal } from '../workflows/client';
import { createUser, PASSWORD, testAuth } from './support/auth';
import { createTestDatabase, DIALECTS, type TestDatabase } from './support/databases';
import { sampleOrder } from './support/orders';
import { temporalAddress } from './support/temporal';

function hub(db: Database, temporal: Client, taskQueue: string): Express {
  const auth = testAuth(db);
  const orders = createOrderService({ db, temporal, taskQueue, temporalUiUrl: 'http://ui', namespace: 'default', log: () => undefined });
  return createApp({ auth, orders, readiness: {} });
}

const cookieOf = (res: request.Response): string => {
  const set = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
  const cookie = set.find((c) => c.startsWith(`${SESSION_COOKIE}=`));
  if (!cookie) throw new Error('no session cookie in the answer');
  return cookie.split(';')[0]!;
};

describe.each(DIALECTS)('two hubs on one %s database', (dialect) => {
  let target: TestDatabase;
  let dbA: Database;
  let dbB: Database;
  let temporal: Client;
  let a: Express;
  let b: Express;

  beforeAll(async () => {
    target = await createTestDatabase(dialect);
    [dbA, dbB] = await Promise.all([openDatabase(target.config), openDatabase(target.config)]);
    // Both replicas start at the same moment: each migrates, the lock serialises them, none fails.
    await Promise.all([migrate(dbA.sequelize), migrate(dbB.sequelize)]);
    temporal = await connectTemporal({ address: temporalAddress(), namespace: 'default' });
    const taskQueue = `stateless-${crypto.randomUUID()}`;
    a = hub(dbA, temporal, taskQueue);
    b = hub(dbB, temporal, taskQueue);
  }, 60_000);

  afterAll(async () => {
    await temporal?.connection.close();
    await dbA?.close();
    await dbB?.close();
    await target?.destroy();
  });

  it('honours on hub B a session made on hub A, and a sign-out on B ends it on A', async () => {
    const rep = await createUser(testAuth(dbA), 'rep');
    const login = await request(a).post('/api/auth/login').set('X-Requested-With', CSRF_VALUE).send({ email: rep.email, password: PASSWORD }).expect(200);
    const cookie = cookieOf(login);

    const me = await request(b).get('/api/auth/me').set('Cookie', cookie).expect(200);
    expect(me.body.user).toMatchObject({ id: rep.id, role: 'rep' });

    await request(b).post('/api/auth/logout').set('X-Requested-With', CSRF_VALUE).set('Cookie', cookie).expect(204);
    const refused = await request(a).get('/api/auth/me').set('Cookie', cookie).expect(401);
    expect(refused.body.error.code).toBe('signed_out');
  });

  it('keeps the sign-in lockout across hubs: failures on A lock the account on B', async () => {
    const rep = await createUser(testAuth(dbA), 'rep');
    for (let i = 0; i < 5; i++) {
      await request(i % 2 ? b : a)
        .post('/api/auth/login')
        .set('X-Requested-With', CSRF_VALUE)
        .send({ email: rep.email, password: 'wrong password' })
        .expect(401);
    }
    // The right password, on the hub that saw only some of the failures: still locked.
    const locked = await request(b).post('/api/auth/login').set('X-Requested-With', CSRF_VALUE).send({ email: rep.email, password: PASSWORD }).expect(429);
    expect(locked.body.error.message).toMatch(/Too many sign-in attempts/);
    await request(a).post('/api/auth/login').set('X-Requested-With', CSRF_VALUE).send({ email: rep.email, password: PASSWORD }).expect(429);
  });

  it('answers an outbox replay sent to the other hub with the stored order, once', async () => {
    const rep = await createUser(testAuth(dbA), 'rep');
    const login = await request(a).post('/api/auth/login').set('X-Requested-With', CSRF_VALUE).send({ email: rep.email, password: PASSWORD }).expect(200);
    const cookie = cookieOf(login);
    const order = sampleOrder();

    const first = await request(a).post('/api/orders').set('X-Requested-With', CSRF_VALUE).set('Cookie', cookie).send(order).expect(201);
    const replay = await request(b).post('/api/orders').set('X-Requested-With', CSRF_VALUE).set('Cookie', cookie).send(order).expect(200);
    expect(replay.body.order).toMatchObject({ id: order.id, number: first.body.order.number, workflowId: first.body.order.workflowId });
    expect(await dbB.Order.count({ where: { id: order.id } })).toBe(1);
    expect(await dbA.OrderEvent.count({ where: { orderId: order.id, stage: 'received' } })).toBe(1);
    // One workflow, whichever hub started it.
    const described = await temporal.workflow.getHandle(first.body.order.workflowId).describe();
    expect(described.status.name).toBe('RUNNING');
    await temporal.workflow.getHandle(first.body.order.workflowId).terminate('test over');
  });

  it('runs the dispatcher on every hub without starting anything twice', async () => {
    const rep = await createUser(testAuth(dbA), 'rep');
    // An order stored while Temporal was away: stored, workflow not started.
    const order = sampleOrder();
    await dbA.Order.create({
      id: order.id,
      kind: 'order',
      number: `SO-${order.id.replace(/-/g, '').slice(0, 16).toUpperCase()}`,
      stage: 'received',
      customerName: order.customer.name,
      zohoContactId: null,
      currency: order.currency,
      totalMinor: 100,
      payload: order as never,
      workflowId: `order-${order.id}`,
      workflowStarted: false,
      zohoId: null,
      zohoNumber: null,
      attentionReason: null,
      repId: rep.id,
    });
    const taskQueue = `stateless-${crypto.randomUUID()}`;
    const ordersOn = (db: Database) => createOrderService({ db, temporal, taskQueue, temporalUiUrl: 'http://ui', namespace: 'default', log: () => undefined });
    // Both hubs' dispatchers fire at the same moment.
    await Promise.all([ordersOn(dbA).dispatchPending(), ordersOn(dbB).dispatchPending()]);
    const runs = await temporal.workflow.count(`WorkflowId = "order-${order.id}"`);
    expect(runs.count).toBe(1);
    expect((await dbB.Order.findByPk(order.id))!.workflowStarted).toBe(true);
    await temporal.workflow.getHandle(`order-${order.id}`).terminate('test over');
  });
});

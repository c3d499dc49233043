/**
 * Small holes, on SQLite and PostgreSQL: the audit filter's `%` and `_` were LIKE wildcards, a
 * sign-out answered `access_revoked` where the README promises `signed_out`, and `Origin: null`
 * passed the same-origin check of state-changing requests.
 */
import type { Express } from 'express';
import request from 'supertest';
import { createApp } from '../../hub/app';
import { CSRF_VALUE, type Auth } from '../../hub/auth';
import type { Database } from '../../server/db/connect';
import { agentFor, createUser, PASSWORD, testAuth, type Agent } from '../support/auth';
import { DIALECTS } from '../support/databases';
import { openOrderStack, type OrderStack } from '../support/order-stack';
import { sampleOrder } from '../support/orders';

describe.each(DIALECTS)('small holes on %s', (dialect) => {
  let stack: OrderStack;
  let db: Database;
  let auth: Auth;
  let app: Express;
  let admin: Agent;

  beforeAll(async () => {
    stack = await openOrderStack(dialect, 'holes');
    db = stack.db;
    auth = testAuth(db);
    app = createApp({ auth, orders: stack.orders, readiness: {} });
    admin = await agentFor(app, await createUser(auth, 'admin'));
  });

  afterAll(async () => {
    await stack?.close();
  });

  describe('GET /api/audit?action= is a literal prefix', () => {
    beforeAll(async () => {
      const actor = { id: null, email: 'probe@example.test', address: '127.0.0.1' };
      for (const action of ['zoho.connection.save', 'user.create', 'userXcreate', 'order.retry']) await auth.audit.record(actor, action, 'probe');
    });
    const actions = async (prefix: string) =>
      ((await admin.get('/api/audit').query({ action: prefix, actor: 'probe@example.test' }).expect(200)).body.entries as Array<{ action: string }>)
        .map((e) => e.action)
        .sort();

    it('finds what starts with the prefix', async () => {
      expect(await actions('zoho.')).toEqual(['zoho.connection.save']);
      expect(await actions('user')).toEqual(['user.create', 'userXcreate']);
    });

    it('reads % and _ as themselves, not as wildcards', async () => {
      expect(await actions('%')).toEqual([]);
      expect(await actions('%.retry')).toEqual([]);
      expect(await actions('user_')).toEqual([]);
      expect(await actions('_ser.create')).toEqual([]);
    });

    it('is case-sensitive on both databases', async () => {
      expect(await actions('USER.')).toEqual([]);
    });
  });

  it('answers signed_out (as the README says) to a copy of the cookie after sign-out; access_revoked stays for a disabled user', async () => {
    const user = await createUser(auth, 'rep');
    const login = await request(app).post('/api/auth/login').set('X-Requested-With', CSRF_VALUE).send({ email: user.email, password: PASSWORD }).expect(200);
    const cookie = String(login.headers['set-cookie']).split(';')[0]!;
    await request(app).post('/api/auth/logout').set('Cookie', cookie).set('X-Requested-With', CSRF_VALUE).expect(204);
    const after = await request(app).post('/api/orders').set('Cookie', cookie).set('X-Requested-With', CSRF_VALUE).send(sampleOrder()).expect(401);
    expect(after.body.error.code).toBe('signed_out');

    const disabled = await createUser(auth, 'rep');
    const rep = await agentFor(app, disabled);
    await admin.patch(`/api/users/${disabled.id}`).send({ disabled: true }).expect(200);
    expect((await rep.get('/api/auth/me').expect(401)).body.error.code).toBe('access_revoked');
  });

  describe('Origin on state-changing requests', () => {
    it('refuses Origin: null, storing nothing', async () => {
      const rep = await agentFor(app, await createUser(auth, 'rep'));
      const order = sampleOrder();
      const res = await rep.post('/api/orders').set('Origin', 'null').send(order).expect(403);
      expect(res.body.error.message).toMatch(/cross-site/);
      expect(await db.Order.findByPk(order.id)).toBeNull();
      // Signing in from an opaque origin is refused too.
      await request(app)
        .post('/api/auth/login')
        .set('X-Requested-With', CSRF_VALUE)
        .set('Origin', 'null')
        .send({ email: 'x@example.test', password: 'x' })
        .expect(403);
    });

    it('still takes its own origin, and no Origin at all', async () => {
      const rep = await agentFor(app, await createUser(auth, 'rep'));
      const own = await rep.post('/api/orders').set('Origin', 'http://hub.example').set('Host', 'hub.example').send(sampleOrder());
      expect(own.status).toBe(201);
      await rep.post('/api/orders').send(sampleOrder()).expect(201);
      // Reads are not state-changing: Origin: null does not matter there.
      await rep.get('/api/auth/me').set('Origin', 'null').expect(200);
    });
  });
});

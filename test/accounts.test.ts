/**
 * Accounts on real databases: offline replay after days, revocation, expiry, sign-in throttling
 * without user enumeration, CSRF and header defences.
 */
import crypto from 'node:crypto';
import type { Express } from 'express';
import request from 'supertest';
import { createApp } from '../hub/app';
import { createAuth, SESSION_COOKIE, type Auth } from '../hub/auth';
import type { Database } from '../server/db/connect';
import { agentFor, createUser, PASSWORD } from './support/auth';
import { DIALECTS } from './support/databases';
import { openOrderStack, type OrderStack } from './support/order-stack';
import { sampleOrder } from './support/orders';

const DAY = 24 * 60 * 60 * 1000;

describe.each(DIALECTS)('accounts on %s', (dialect) => {
  let stack: OrderStack;
  let db: Database;
  let auth: Auth;
  let app: Express;
  let clock = new Date('2026-11-02T08:00:00Z');

  beforeAll(async () => {
    stack = await openOrderStack(dialect, 'accounts'); // no worker: starting the workflow is enough here
    db = stack.db;
    auth = createAuth(db, { sessionIdleDays: 30, sessionMaxDays: 90, now: () => clock, throttle: { maxPerAccount: 3, maxPerAddress: 1000 } });
    app = createApp({ auth, orders: stack.orders, readiness: {} });
  });

  afterAll(async () => {
    await stack?.close();
  });

  const advance = (ms: number) => {
    clock = new Date(clock.getTime() + ms);
  };

  it('accepts an order replayed after a week offline, and keeps the session sliding', async () => {
    const rep = await agentFor(app, await createUser(auth, 'rep'));
    const order = sampleOrder();
    advance(8 * DAY); // a week on the road without signal
    await rep.post('/api/orders').send(order).expect(201);
    advance(29 * DAY); // used again just inside the idle limit
    await rep.get('/api/orders').expect(200);
    advance(29 * DAY);
    const replay = await rep.post('/api/orders').send(order).expect(200);
    expect(replay.body.order.id).toBe(order.id);
  });

  it('refuses a replay once the session has sat unused too long, storing nothing', async () => {
    const rep = await agentFor(app, await createUser(auth, 'rep'));
    advance(31 * DAY);
    const order = sampleOrder();
    const res = await rep.post('/api/orders').send(order).expect(401);
    expect(res.body.error).toEqual({ code: 'session_expired', message: expect.stringMatching(/Sign in again.*stays on this device/) });
    expect(await db.Order.findByPk(order.id)).toBeNull();
  });

  it('refuses the next request of a rep an admin disabled, with a clear 401, storing nothing', async () => {
    const repUser = await createUser(auth, 'rep');
    const rep = await agentFor(app, repUser);
    const admin = await agentFor(app, await createUser(auth, 'admin'));
    await admin.patch(`/api/users/${repUser.id}`).send({ disabled: true }).expect(200);

    const order = sampleOrder();
    const res = await rep.post('/api/orders').send(order).expect(401);
    expect(res.body.error.code).toBe('access_revoked');
    expect(await db.Order.findByPk(order.id)).toBeNull();
    // ...and cannot sign in again; the answer does not say why.
    const login = await (await agentFor(app)).post('/api/auth/login').send({ email: repUser.email, password: PASSWORD }).expect(401);
    expect(login.body.error.message).toBe('Email or password is incorrect.');
    const audit = await db.Audit.findAll({ where: { action: 'user.disable', target: repUser.email } });
    expect(audit).toHaveLength(1);
  });

  it('ends a session on sign-out, on the server too', async () => {
    const user = await createUser(auth, 'rep');
    const login = await request(app).post('/api/auth/login').set('X-Requested-With', 'satchel').send({ email: user.email, password: PASSWORD }).expect(200);
    const cookie = String(login.headers['set-cookie']).split(';')[0]!;
    await request(app).get('/api/auth/me').set('Cookie', cookie).expect(200);
    await request(app).post('/api/auth/logout').set('Cookie', cookie).set('X-Requested-With', 'satchel').expect(204);
    // A copy of the old cookie (another tab, a replaying service worker) no longer works.
    const res = await request(app).get('/api/auth/me').set('Cookie', cookie).expect(401);
    expect(res.body.error.code).toBe('signed_out');
  });

  it('gives the same answer for an unknown account and a wrong password, and throttles', async () => {
    const user = await createUser(auth, 'rep');
    const anon = await agentFor(app);
    const unknown = await anon.post('/api/auth/login').send({ email: 'nobody@example.test', password: 'whatever it is' }).expect(401);
    const wrong = await anon.post('/api/auth/login').send({ email: user.email, password: 'wrong password' }).expect(401);
    expect(unknown.body).toEqual(wrong.body);

    await anon.post('/api/auth/login').send({ email: user.email, password: 'wrong again' }).expect(401);
    await anon.post('/api/auth/login').send({ email: user.email.toUpperCase(), password: 'and again' }).expect(401);
    // Locked now: even the right password waits, and says so plainly.
    const locked = await anon.post('/api/auth/login').send({ email: user.email, password: PASSWORD }).expect(429);
    expect(locked.body.error.message).toMatch(/Too many sign-in attempts/);
    advance(16 * 60_000);
    await anon.post('/api/auth/login').send({ email: user.email, password: PASSWORD }).expect(200);
    const failures = await db.Audit.count({ where: { action: 'login.failed', target: user.email } });
    expect(failures).toBe(3);
  });

  it('rejects a tampered or made-up session cookie', async () => {
    const forged = crypto.randomBytes(32).toString('base64url');
    await request(app).get('/api/auth/me').set('Cookie', `${SESSION_COOKIE}=${forged}`).expect(401);
  });

  it('sets the session cookie HttpOnly and SameSite=Strict', async () => {
    const user = await createUser(auth, 'rep');
    const res = await (await agentFor(app)).post('/api/auth/login').send({ email: user.email, password: PASSWORD }).expect(200);
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(new RegExp(`${SESSION_COOKIE}=`));
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(res.body.user).toEqual({ id: user.id, email: user.email, name: user.name, role: 'rep', disabled: false });
  });

  it('refuses state-changing requests without the CSRF header or from another origin', async () => {
    const rep = await agentFor(app, await createUser(auth, 'rep'));
    const order = sampleOrder();
    await rep.post('/api/orders').unset('X-Requested-With').send(order).expect(403);
    await rep.post('/api/orders').set('Origin', 'https://evil.example').send(order).expect(403);
    expect(await db.Order.findByPk(order.id)).toBeNull();
  });

  it('sends security headers and no CORS grant', async () => {
    const res = await request(app).options('/api/orders').set('Origin', 'https://evil.example').set('Access-Control-Request-Method', 'POST');
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
    const page = await request(app).get('/healthz');
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.headers['content-security-policy']).toMatch(/default-src 'self'/);
    expect(page.headers['strict-transport-security']).toBeDefined();
  });

  it('stores password hashes as argon2id, never the password', async () => {
    const user = await createUser(auth, 'support');
    const row = await db.User.findByPk(user.id);
    expect(row!.passwordHash).toMatch(/^\$argon2id\$/);
    expect(row!.passwordHash).not.toContain(PASSWORD);
  });
});

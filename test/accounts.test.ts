/**
 * Accounts on real databases: offline replay after days, revocation, expiry, sign-in throttling
 * without user enumeration, CSRF and header defences.
 */
import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
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

  /** Password checks that ran for an email: each ends in exactly one `login.failed` or `login` audit row. */
  const verificationsFor = async (email: string) =>
    (await db.Audit.count({ where: { action: 'login.failed', target: email } })) + (await db.Audit.count({ where: { action: 'login', target: email } }));

  /** A server of its own for bursts: supertest would start one per request. */
  async function listening(target: Express): Promise<{ url: string; close(): Promise<void> }> {
    const server = http.createServer(target);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return { url, close: () => new Promise((resolve) => server.close(() => resolve())) };
  }

  it('holds the per-account limit when guesses arrive in parallel: no more checks than allowed, no session past it', async () => {
    // A wide hashing gate, so all 200 reach the reservation together: the database alone must hold the limit.
    const burstAuth = createAuth(db, {
      sessionIdleDays: 30,
      sessionMaxDays: 90,
      now: () => clock,
      throttle: { maxPerAccount: 5, maxPerAddress: 10_000, maxPerMinute: 10_000 },
      hashing: { maxConcurrent: 64, maxQueued: 1000, maxWaitMs: 60_000 },
    });
    const server = await listening(createApp({ auth: burstAuth, orders: stack.orders, readiness: {} }));
    try {
      const user = await createUser(burstAuth, 'rep');
      const guesses = Array.from({ length: 200 }, (_, i) => (i === 150 ? PASSWORD : `wrong guess ${i}`));
      const answers = await Promise.all(
        guesses.map((password) =>
          fetch(`${server.url}/api/auth/login`, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json', 'X-Requested-With': 'satchel' },
            body: JSON.stringify({ email: user.email, password }),
          }).then(async (res) => ({ status: res.status, retryAfter: res.headers.get('retry-after'), body: await res.text() })),
        ),
      );
      const statuses: Record<number, number> = {};
      for (const a of answers) statuses[a.status] = (statuses[a.status] ?? 0) + 1;
      const checks = await verificationsFor(user.email);
      console.log(`parallel burst (${dialect}): 200 guesses → ${checks} password checks; answers ${JSON.stringify(statuses)}`);
      expect(checks).toBeLessThanOrEqual(5);
      expect(answers.filter((a) => a.status === 200)).toEqual([]);
      expect(await db.Session.count({ where: { userId: user.id } })).toBe(0);
      // The rest were refused before any check: throttled (429) or past the short queue (503), both with Retry-After.
      expect(answers.filter((a) => a.status === 401)).toHaveLength(checks);
      const refused = answers.filter((a) => a.status !== 401);
      expect(refused.every((a) => (a.status === 429 || a.status === 503) && Number(a.retryAfter) > 0)).toBe(true);
      // And the account is locked for the right password now.
      const after = await fetch(`${server.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Requested-With': 'satchel' },
        body: JSON.stringify({ email: user.email, password: PASSWORD }),
      });
      expect(after.status).toBe(429);
    } finally {
      await server.close();
    }
  });

  it('refuses password checks past the hashing queue with a 503 and Retry-After, counting none of them', async () => {
    const gated = createAuth(db, {
      sessionIdleDays: 30,
      sessionMaxDays: 90,
      now: () => clock,
      throttle: { maxPerAccount: 5, maxPerAddress: 10_000, maxPerMinute: 10_000 },
      hashing: { maxConcurrent: 1, maxQueued: 2, maxWaitMs: 5000 },
    });
    const server = await listening(createApp({ auth: gated, orders: stack.orders, readiness: {} }));
    try {
      const emails = Array.from({ length: 30 }, (_, i) => `flood-${i}-${crypto.randomUUID()}@example.test`);
      const answers = await Promise.all(
        emails.map((email) =>
          fetch(`${server.url}/api/auth/login`, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json', 'X-Requested-With': 'satchel' },
            body: JSON.stringify({ email, password: 'not the password' }),
          }).then(async (res) => ({
            status: res.status,
            retryAfter: res.headers.get('retry-after'),
            body: (await res.json()) as { error: { code?: string } },
          })),
        ),
      );
      const busy = answers.filter((a) => a.status === 503);
      expect(busy.length).toBeGreaterThan(0);
      expect(busy.every((a) => a.retryAfter === '1' && a.body.error.code === 'sign_in_busy')).toBe(true);
      expect(answers.filter((a) => a.status !== 503).every((a) => a.status === 401)).toBe(true);
      // A refused attempt was never checked, so it holds no slot of its account.
      const slots = await db.SignInBucket.count({ where: { key: emails.map((e) => `account:${e}`), count: 1 } });
      expect(slots).toBe(answers.length - busy.length);
    } finally {
      await server.close();
    }
  });

  it("lets the owner in from an address they used before while a stranger's guesses lock the account elsewhere", async () => {
    const user = await createUser(auth, 'rep');
    const from = (ip: string) => request(app).post('/api/auth/login').set('X-Requested-With', 'satchel').set('X-Forwarded-For', ip);
    await from('10.1.0.1').send({ email: user.email, password: PASSWORD }).expect(200);
    for (let i = 0; i < 3; i++)
      await from('10.9.9.9')
        .send({ email: user.email, password: `guess ${i}` })
        .expect(401);
    // Locked for everyone else, even with the right password...
    await from('10.9.9.8').send({ email: user.email, password: PASSWORD }).expect(429);
    // ...but not for the owner at their usual address.
    await from('10.1.0.1').send({ email: user.email, password: PASSWORD }).expect(200);
  });

  it('lets an admin lift a sign-in lock by setting a new password', async () => {
    const user = await createUser(auth, 'rep');
    const admin = await agentFor(app, await createUser(auth, 'admin'));
    const anon = await agentFor(app);
    for (let i = 0; i < 3; i++)
      await anon
        .post('/api/auth/login')
        .send({ email: user.email, password: `guess ${i}` })
        .expect(401);
    await anon.post('/api/auth/login').send({ email: user.email, password: PASSWORD }).expect(429);
    await admin.patch(`/api/users/${user.id}`).send({ password: 'a brand new password' }).expect(200);
    await anon.post('/api/auth/login').send({ email: user.email, password: 'a brand new password' }).expect(200);
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
    // WebAssembly may compile (the barcode decoder); JavaScript may not eval.
    const scriptSrc = String(page.headers['content-security-policy'])
      .split(';')
      .find((d) => d.startsWith('script-src'));
    expect(scriptSrc).toBe("script-src 'self' 'wasm-unsafe-eval'");
    expect(page.headers['strict-transport-security']).toBeDefined();
  });

  it('stores password hashes as argon2id, never the password', async () => {
    const user = await createUser(auth, 'support');
    const row = await db.User.findByPk(user.id);
    expect(row!.passwordHash).toMatch(/^\$argon2id\$/);
    expect(row!.passwordHash).not.toContain(PASSWORD);
  });
});

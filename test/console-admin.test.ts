/**
 * The console's admin routes on SQLite and PostgreSQL: inviting a user with a one-time password,
 * disabling and re-enabling, changing a role; the audit log paged and filtered; the customers
 * made on devices listed by stage.
 */
import crypto from 'node:crypto';
import type { Express } from 'express';
import { createApp } from '../hub/app';
import type { Auth } from '../hub/auth';
import type { Database } from '../server/db/connect';
import { agentFor, createUser, testAuth, type Agent } from './support/auth';
import { DIALECTS } from './support/databases';
import { openOrderStack, type OrderStack } from './support/order-stack';

describe.each(DIALECTS)('console admin routes on %s', (dialect) => {
  let stack: OrderStack;
  let db: Database;
  let auth: Auth;
  let app: Express;
  let admin: Agent;
  let support: Agent;
  let adminEmail: string;

  beforeAll(async () => {
    stack = await openOrderStack(dialect, 'console-admin');
    db = stack.db;
    auth = testAuth(db);
    app = createApp({ auth, orders: stack.orders, readiness: {} });
    const adminUser = await createUser(auth, 'admin');
    adminEmail = adminUser.email;
    admin = await agentFor(app, adminUser);
    support = await agentFor(app, await createUser(auth, 'support'));
  });

  afterAll(async () => {
    await stack?.close();
  });

  it('invites a user with a one-time password that signs them in, shown once and never stored', async () => {
    const email = `invited-${crypto.randomUUID().slice(0, 8)}@example.test`;
    const res = await admin.post('/api/users').send({ email, name: 'Invited Rep', role: 'rep' }).expect(201);
    const { user, oneTimePassword } = res.body as { user: { id: string; role: string }; oneTimePassword: string };
    expect(user.role).toBe('rep');
    expect(oneTimePassword).toMatch(/^[A-Za-z0-9_-]{16}$/);
    await (await agentFor(app)).post('/api/auth/login').send({ email, password: oneTimePassword }).expect(200);
    const [rows] = await db.sequelize.query('SELECT password_hash FROM users WHERE id = :id', { replacements: { id: user.id } });
    expect(JSON.stringify(rows)).not.toContain(oneTimePassword);
    // Listed, but the password is in no answer again.
    const list = await admin.get('/api/users').expect(200);
    expect(JSON.stringify(list.body)).not.toContain(oneTimePassword);
    // Given a password, none is made up.
    const withPassword = await admin
      .post('/api/users')
      .send({ email: `own-${email}`, name: 'Own', role: 'support', password: 'a long enough password' })
      .expect(201);
    expect(withPassword.body.oneTimePassword).toBeUndefined();
    // Bad input names the field and creates no one.
    const before = await db.User.count();
    const bad = await admin.post('/api/users').send({ email: 'not an email', name: 'X', role: 'rep' }).expect(400);
    expect(bad.body.error.fields[0].path).toBe('email');
    expect(await db.User.count()).toBe(before);
  });

  it('disables, re-enables and changes roles', async () => {
    const rep = await createUser(auth, 'rep');
    const repAgent = await agentFor(app, rep);
    await admin.patch(`/api/users/${rep.id}`).send({ disabled: true }).expect(200);
    await repAgent.get('/api/orders').expect(401); // the session ended at once
    await admin.patch(`/api/users/${rep.id}`).send({ disabled: false, role: 'support' }).expect(200);
    const again = await agentFor(app, rep);
    expect((await again.get('/api/auth/me').expect(200)).body.user.role).toBe('support');
  });

  it('pages and filters the audit log', async () => {
    for (let i = 0; i < 5; i++)
      await admin
        .post('/api/users')
        .send({ email: `paged-${i}-${crypto.randomUUID().slice(0, 6)}@example.test`, name: `Paged ${i}`, role: 'rep' })
        .expect(201);
    const first = (await admin.get('/api/audit').query({ limit: 3, action: 'user.create' }).expect(200)).body;
    expect(first.entries).toHaveLength(3);
    expect(first.entries.every((e: { action: string }) => e.action === 'user.create')).toBe(true);
    const second = (await admin.get('/api/audit').query({ limit: 3, action: 'user.', before: first.nextBefore }).expect(200)).body;
    expect(second.entries[0].id).toBeLessThan(first.entries[2].id);
    const all = (await admin.get('/api/audit').query({ limit: 500, action: 'user.' }).expect(200)).body.entries as Array<{ id: number }>;
    expect([...first.entries, ...second.entries].map((e: { id: number }) => e.id)).toEqual(all.slice(0, 6).map((e) => e.id));
    const byActor = (await admin.get('/api/audit').query({ actor: adminEmail.toUpperCase(), limit: 500 }).expect(200)).body.entries as Array<{
      actorEmail: string;
    }>;
    expect(byActor.length).toBeGreaterThan(5);
    expect(new Set(byActor.map((e) => e.actorEmail))).toEqual(new Set([adminEmail]));
    await admin.get('/api/audit').query({ limit: 0 }).expect(400);
    await admin.get('/api/audit').query({ before: 'last' }).expect(400);
  });

  it('lists customers made on devices by stage, for staff', async () => {
    const rep = await agentFor(app, await createUser(auth, 'rep'));
    const waiting = { id: crypto.randomUUID(), name: 'Waiting Shop' };
    const fine = { id: crypto.randomUUID(), name: 'Fine Shop' };
    await rep.post('/api/customers').send(waiting).expect(201);
    await rep.post('/api/customers').send(fine).expect(201);
    await db.sequelize.query(
      "UPDATE customers SET stage = 'needs_attention', attention_reason = 'Zoho refused the email', created_at = :earlier WHERE id = :id",
      {
        replacements: { id: waiting.id, earlier: new Date(Date.now() - 60_000) },
      },
    );
    const list = (await support.get('/api/customers').query({ stage: 'needs_attention' }).expect(200)).body.customers;
    expect(list.map((c: { id: string; attentionReason: string }) => [c.id, c.attentionReason])).toEqual([[waiting.id, 'Zoho refused the email']]);
    expect((await support.get('/api/customers').expect(200)).body.customers.map((c: { id: string }) => c.id)).toEqual([fine.id, waiting.id]);
    await support.get('/api/customers').query({ stage: 'lost' }).expect(400);
    await rep.get('/api/customers').expect(403);
  });
});

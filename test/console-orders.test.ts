/**
 * The console's order search (GET /api/orders with query parameters) on SQLite and PostgreSQL:
 * substring search on number, Zoho number and customer name; filters; keyset pages; reps confined
 * to their own orders; bad parameters refused with the field named. And the order as sent
 * (`document`) on GET /api/orders/:id.
 */
import crypto from 'node:crypto';
import type { Express } from 'express';
import { createApp } from '../hub/app';
import type { Auth } from '../hub/auth';
import type { Database } from '../server/db/connect';
import type { OrderDetail, OrderSummary } from '../domain';
import { agentFor, createUser, PASSWORD, testAuth, type Agent } from './support/auth';
import { DIALECTS } from './support/databases';
import { openOrderStack, type OrderStack } from './support/order-stack';
import { sampleOrder } from './support/orders';

describe.each(DIALECTS)('order search on %s', (dialect) => {
  let stack: OrderStack;
  let db: Database;
  let auth: Auth;
  let app: Express;
  let rep: Agent;
  let otherRep: Agent;
  let support: Agent;
  let repId: string;
  let otherRepId: string;
  const deviceCustomerId = crypto.randomUUID();
  const ids: Record<string, string> = {};

  const setCreated = (id: string, at: string) =>
    db.sequelize.query('UPDATE orders SET created_at = :at WHERE id = :id', { replacements: { at: new Date(at), id } });

  beforeAll(async () => {
    stack = await openOrderStack(dialect, 'console-orders'); // no worker: the orders just wait
    db = stack.db;
    auth = testAuth(db);
    app = createApp({ auth, orders: stack.orders, readiness: {} });
    const named = (name: string) => auth.users.create({ email: `${crypto.randomUUID()}@example.test`, name, role: 'rep', password: PASSWORD }, null);
    const repUser = await named('Rita Rep');
    const otherUser = await named('Otto Other');
    repId = repUser.id;
    otherRepId = otherUser.id;
    rep = await agentFor(app, repUser);
    otherRep = await agentFor(app, otherUser);
    support = await agentFor(app, await createUser(auth, 'support'));

    const make = async (agent: Agent, key: string, at: string, overrides: Parameters<typeof sampleOrder>[0] = {}) => {
      const order = sampleOrder(overrides);
      await agent.post('/api/orders').send(order).expect(201);
      await setCreated(order.id, at);
      ids[key] = order.id;
    };
    await make(rep, 'bakery', '2026-03-01T09:00:00Z', { customer: { zohoContactId: '460000000000101', name: 'Bäckerei Müller & Söhne' } });
    await make(rep, 'florist', '2026-03-02T09:00:00Z', { customer: { zohoContactId: '460000000000102', name: 'Flower_Power 100%' } });
    await make(rep, 'quote', '2026-03-03T09:00:00Z', { kind: 'quote', customer: { zohoContactId: '460000000000101', name: 'Bäckerei Müller & Söhne' } });
    await make(otherRep, 'newShop', '2026-03-04T09:00:00Z', { customer: { deviceCustomerId, name: 'New Corner Shop' } });
    // Five on the same instant: keyset pages must not skip or repeat within equal timestamps.
    for (let i = 0; i < 5; i++)
      await make(otherRep, `same${i}`, '2026-03-05T12:00:00Z', { customer: { zohoContactId: '460000000000200', name: `Same Time ${i}` } });
    await db.sequelize.query("UPDATE orders SET zoho_number = 'SO-ZOHO-4711', stage = 'needs_attention' WHERE id = :id", { replacements: { id: ids.florist } });
  });

  afterAll(async () => {
    await stack?.close();
  });

  const search = async (agent: Agent, query: Record<string, string>) => {
    const res = await agent.get('/api/orders').query(query).expect(200);
    return res.body as { orders: OrderSummary[]; nextCursor: string | null };
  };
  const idsOf = (body: { orders: OrderSummary[] }) => body.orders.map((o) => o.id);

  it('finds by customer name, case-insensitively, with LIKE wildcards taken literally', async () => {
    expect(idsOf(await search(support, { q: 'corner' }))).toEqual([ids.newShop]);
    expect(idsOf(await search(support, { q: 'WER_POW' }))).toEqual([ids.florist]);
    expect(idsOf(await search(support, { q: '100%' }))).toEqual([ids.florist]);
    expect(idsOf(await search(support, { q: '_' }))).toEqual([ids.florist]); // not "any character"
    expect(idsOf(await search(support, { q: 'müller' }))).toEqual([ids.quote, ids.bakery]);
  });

  it('finds by our order number and by the Zoho number', async () => {
    const { orders } = await search(support, { q: 'zoho-4711' });
    expect(orders.map((o) => o.id)).toEqual([ids.florist]);
    const bakery = (await support.get(`/api/orders/${ids.bakery}`).expect(200)).body.order as OrderDetail;
    expect(idsOf(await search(support, { q: bakery.number.slice(3, 11).toLowerCase() }))).toEqual([ids.bakery]);
  });

  it('filters by stage, kind, rep, customer (Zoho contact or device customer) and dates', async () => {
    expect(idsOf(await search(support, { stage: 'needs_attention' }))).toEqual([ids.florist]);
    expect(idsOf(await search(support, { kind: 'quote' }))).toEqual([ids.quote]);
    expect(idsOf(await search(support, { rep: repId }))).toEqual([ids.quote, ids.florist, ids.bakery]);
    expect(idsOf(await search(support, { customer: '460000000000101' }))).toEqual([ids.quote, ids.bakery]);
    expect(idsOf(await search(support, { customer: deviceCustomerId }))).toEqual([ids.newShop]);
    expect(idsOf(await search(support, { from: '2026-03-02', to: '2026-03-03' }))).toEqual([ids.quote, ids.florist]);
    expect(idsOf(await search(support, { from: '2026-03-04T09:00:00Z', to: '2026-03-04T09:00:00Z' }))).toEqual([ids.newShop]);
  });

  it('names the rep who took each order', async () => {
    const { orders } = await search(support, { rep: otherRepId, limit: '1' });
    expect(orders[0]!.rep).toEqual({ id: otherRepId, name: 'Otto Other' });
  });

  it('pages with a cursor: every order once, newest first, across equal timestamps', async () => {
    const seen: string[] = [];
    let before: string | undefined;
    let pages = 0;
    do {
      const page = await search(support, { limit: '2', ...(before ? { before } : {}) });
      seen.push(...idsOf(page));
      before = page.nextCursor ?? undefined;
      pages++;
    } while (before);
    const all = idsOf(await search(support, { limit: '200' }));
    expect(all).toHaveLength(9);
    expect(seen).toEqual(all);
    expect(pages).toBe(5);
  });

  it('keeps reps to their own orders', async () => {
    expect(idsOf(await search(rep, {})).sort()).toEqual([ids.bakery, ids.florist, ids.quote].sort());
    expect(idsOf(await search(rep, { customer: deviceCustomerId }))).toEqual([]);
    expect(idsOf(await search(otherRep, { customer: deviceCustomerId }))).toEqual([ids.newShop]);
    await rep.get('/api/orders').query({ rep: otherRepId }).expect(403);
  });

  it('refuses bad parameters with the field named', async () => {
    const cases: Array<[Record<string, string>, string]> = [
      [{ limit: '201' }, 'limit'],
      [{ limit: 'ten' }, 'limit'],
      [{ stage: 'shipped' }, 'stage'],
      [{ kind: 'invoice' }, 'kind'],
      [{ rep: 'not-a-uuid' }, 'rep'],
      [{ from: 'yesterday' }, 'from'],
      [{ before: 'garbage' }, 'before'],
      // Well-formed, but not one of ours: its id would meet a UUID column (a 500 on PostgreSQL).
      [{ before: Buffer.from(JSON.stringify(['2026-01-01T00:00:00.000Z', 'x'])).toString('base64url') }, 'before'],
      // A NUL reaches no database (PostgreSQL refuses it in a comparison: a 500).
      [{ q: 'Corner\u0000Shop' }, 'q'],
      [{ customer: '\u0000' }, 'customer'],
      [{ colour: 'red' }, '(body)'],
    ];
    for (const [query, field] of cases) {
      const res = await support.get('/api/orders').query(query).expect(400);
      expect(res.body.error.fields.map((f: { path: string }) => f.path)).toContain(field);
    }
  });

  it('gives the order as sent, to order it again', async () => {
    const detail = (await rep.get(`/api/orders/${ids.bakery}`).expect(200)).body.order as OrderDetail;
    expect(detail.document?.id).toBe(ids.bakery);
    expect(detail.document?.lines.map((l) => l.itemId)).toEqual(['460000000010001', '460000000010002']);
    expect(detail.document?.customer.name).toBe('Bäckerei Müller & Söhne');
  });
});

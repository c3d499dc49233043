/**
 * Orders that arrive together are stored together (hub/services/order-intake.ts), on SQLite and
 * PostgreSQL: in one burst with replays, another rep's id, bad input and a rep running past the
 * hourly bound, each order is stored once, the bound holds exactly, bad input is a 400 naming the
 * field, and every stored order's workflow is started afterwards (hub/services/workflow-starter.ts).
 */
import { Client, Connection } from '@temporalio/client';
import type { Express } from 'express';
import { createApp } from '../hub/app';
import type { Auth } from '../hub/auth';
import type { OrderInput } from '../domain';
import { agentFor, createUser, testAuth, type Agent } from './support/auth';
import { DIALECTS } from './support/databases';
import { openOrderStack, type OrderStack } from './support/order-stack';
import { sampleOrder } from './support/orders';
import { eventually, temporalAddress } from './support/temporal';

const PER_HOUR = 30;

describe.each(DIALECTS)('order intake in bursts on %s', (dialect) => {
  let stack: OrderStack;
  let auth: Auth;
  let app: Express;

  beforeAll(async () => {
    stack = await openOrderStack(dialect, 'intake', { documentsPerUserPerHour: PER_HOUR });
    auth = testAuth(stack.db);
    app = createApp({ auth, orders: stack.orders, readiness: {} });
  });
  afterAll(async () => {
    await stack?.close();
  });

  it('stores each order once, holds the hourly bound exactly, and starts every stored workflow', async () => {
    const [heavy, light, other]: Agent[] = await Promise.all(['rep', 'rep', 'rep'].map(async (role) => agentFor(app, await createUser(auth, role as 'rep'))));
    const heavyOrders = Array.from({ length: PER_HOUR + 10 }, () => sampleOrder());
    const lightOrders = Array.from({ length: 10 }, () => sampleOrder());
    const bad = { ...sampleOrder(), lines: [{ itemId: 'i', name: 'n', quantity: 'two', unitPrice: 100 }] };
    const post = (agent: Agent, body: unknown) => agent!.post('/api/orders').send(body as object);

    // Everything at once: the first ten of the heavy rep's orders twice, and another rep trying one of them.
    const sends: Array<{
      who: 'heavy' | 'light' | 'other' | 'bad';
      order: OrderInput | typeof bad;
      res: Promise<{ status: number; body: { error: { message: string } } }>;
    }> = [];
    heavyOrders.forEach((order, i) => {
      sends.push({ who: 'heavy', order, res: post(heavy!, order) });
      if (i < 10) sends.push({ who: 'heavy', order, res: post(heavy!, order) });
    });
    lightOrders.forEach((order) => sends.push({ who: 'light', order, res: post(light!, order) }));
    sends.push({ who: 'other', order: heavyOrders[0]!, res: post(other!, heavyOrders[0]) });
    sends.push({ who: 'bad', order: bad, res: post(light!, bad) });
    const answers = await Promise.all(sends.map(async (s) => ({ ...s, answer: await s.res })));

    // Bad input: a 400 naming the field; nothing stored under its id.
    const badAnswer = answers.find((a) => a.who === 'bad')!.answer;
    expect(badAnswer.status).toBe(400);
    expect(badAnswer.body.error.message).toMatch(/lines\.0\.quantity/);
    expect(await stack.db.Order.findByPk(bad.id)).toBeNull();

    // The other rep: refused (not theirs), whether it came before or after the heavy rep's store.
    const otherAnswer = answers.find((a) => a.who === 'other')!.answer;
    expect([403, 429]).toContain(otherAnswer.status);
    if (otherAnswer.status === 403) expect(otherAnswer.body.error.message).toMatch(/another rep/);

    // The heavy rep: exactly PER_HOUR stored, one 201 per stored order; the rest 429, stored nowhere.
    const byId = new Map<string, number[]>();
    for (const a of answers.filter((x) => x.who === 'heavy')) byId.set(a.order.id, [...(byId.get(a.order.id) ?? []), a.answer.status]);
    const stored = [...byId].filter(([, statuses]) => statuses.includes(201));
    expect(stored).toHaveLength(PER_HOUR);
    for (const [, statuses] of byId) {
      expect(statuses.filter((s) => s === 201).length).toBeLessThanOrEqual(1);
      for (const s of statuses) expect([200, 201, 429]).toContain(s);
      // A second send of a stored order is a replay (200), never a second store.
      if (statuses.includes(201)) expect(statuses.every((s) => s === 201 || s === 200)).toBe(true);
    }
    const refused = answers.filter((a) => a.who === 'heavy' && a.answer.status === 429);
    expect(refused.length).toBeGreaterThanOrEqual(10);
    for (const r of refused) expect(r.answer.body.error.message).toMatch(/Too many new documents/);
    const heavyIds = heavyOrders.map((o) => o.id);
    expect(await stack.db.Order.count({ where: { id: heavyIds } })).toBe(PER_HOUR);
    expect(new Set((await stack.db.Order.findAll({ where: { id: heavyIds } })).map((r) => r.id))).toEqual(new Set(stored.map(([id]) => id)));

    // The light rep: all stored, unaffected by the heavy one.
    expect(answers.filter((a) => a.who === 'light' && a.order.id !== bad.id).map((a) => a.answer.status)).toEqual(lightOrders.map(() => 201));

    // One 'received' event per stored order, and each stored once.
    const ids = [...stored.map(([id]) => id), ...lightOrders.map((o) => o.id)];
    expect(await stack.db.OrderEvent.count({ where: { orderId: ids, stage: 'received' } })).toBe(ids.length);
    expect(await stack.db.Order.count({ where: { id: ids } })).toBe(ids.length);

    // The answers came before the workflows; the starter starts every one of them.
    await eventually(async () => ((await stack.db.Order.count({ where: { id: ids, workflowStarted: false } })) === 0 ? true : undefined), {
      what: 'every stored order’s workflow started',
    });
    const connection = await Connection.connect({ address: temporalAddress() });
    try {
      const client = new Client({ connection });
      for (const id of ids) expect((await client.workflow.getHandle(`order-${id}`).describe()).status.name).toBe('RUNNING');
      await Promise.all(ids.map((id) => client.workflow.getHandle(`order-${id}`).terminate('test over')));
    } finally {
      await connection.close();
    }
  });

  it('answers a replay of a stored order with the stored order, in a burst of new ones', async () => {
    const rep = await agentFor(app, await createUser(auth, 'rep'));
    const first = sampleOrder();
    expect((await rep.post('/api/orders').send(first)).status).toBe(201);
    const burst = [first, ...Array.from({ length: 9 }, () => sampleOrder()), first];
    const answers = await Promise.all(burst.map((o) => rep.post('/api/orders').send(o)));
    expect(answers.map((a) => a.status)).toEqual([200, ...Array.from({ length: 9 }, () => 201), 200]);
    expect(answers[0]!.body.order.id).toBe(first.id);
    expect(await stack.db.Order.count({ where: { id: first.id } })).toBe(1);
  });
});

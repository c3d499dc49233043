/**
 * The order rules through the hub's API, on SQLite and PostgreSQL: everyone signed in reads them
 * (devices need them), only admins change them; a bad document is a 400 naming the field; a change
 * is audited and reaches the data set's settings record under a new change number.
 */
import { DEFAULT_POLICIES, OrderSchema, type OrderPolicies, type SettingsRecord } from '../domain';
import { createApp } from '../hub/app';
import { createOrderPolicyService } from '../hub/services/order-policies';
import { createCatalogueStore } from '../server/catalogue/store';
import type { Database } from '../server/db/connect';
import { agentFor, createUser, testAuth, type Agent } from './support/auth';
import { DIALECTS } from './support/databases';
import { openOrderStack, type OrderStack } from './support/order-stack';
import { sampleOrder } from './support/orders';
import { storeReceivedOrder } from './support/stored';

const SETTINGS: SettingsRecord = {
  currency: 'USD',
  product: 'inventory',
  paymentMethods: [],
  fees: [],
  salesReps: [],
  defaults: { orderStatus: 'draft', quoteTarget: 'draft_salesorder' },
};

describe.each(DIALECTS)('order policies API on %s', (dialect) => {
  let stack: OrderStack;
  let db: Database;
  let admin: Agent;
  let support: Agent;
  let rep: Agent;

  beforeAll(async () => {
    stack = await openOrderStack(dialect, 'policies');
    db = stack.db;
    const auth = testAuth(db);
    const app = createApp({ auth, orders: stack.orders, policies: createOrderPolicyService({ db, audit: auth.audit }), readiness: {} });
    admin = await agentFor(app, await createUser(auth, 'admin'));
    support = await agentFor(app, await createUser(auth, 'support'));
    rep = await agentFor(app, await createUser(auth, 'rep'));
    await createCatalogueStore(db).write([{ kind: 'settings', key: 'client', data: SETTINGS }]);
  });
  afterAll(() => stack?.close());

  const stricter: OrderPolicies = {
    ...DEFAULT_POLICIES,
    rules: { ...DEFAULT_POLICIES.rules, stock: 'block', discount_limit: 'block' },
    discountLimitPercent: { rep: 10, support: 25, admin: null },
    deliveryLeadDays: 2,
  };

  it('starts at the defaults, readable by every role', async () => {
    for (const agent of [rep, support, admin]) {
      const { body } = await agent.get('/api/policies').expect(200);
      expect(body).toEqual({ policies: DEFAULT_POLICIES, updatedAt: null, updatedBy: null });
    }
  });

  it('only an admin changes them', async () => {
    await support.put('/api/admin/policies').send(stricter).expect(403);
    await rep.put('/api/admin/policies').send(stricter).expect(403);
    expect((await rep.get('/api/policies').expect(200)).body.policies).toEqual(DEFAULT_POLICIES);
  });

  it.each<[string, unknown, string]>([
    ['an unknown rule', { ...DEFAULT_POLICIES, rules: { ...DEFAULT_POLICIES.rules, colour: 'block' } }, 'rules'],
    ['a policy the rule does not take', { ...DEFAULT_POLICIES, rules: { ...DEFAULT_POLICIES.rules, stock: 'approve' } }, 'rules.stock'],
    ['a missing rule', { ...DEFAULT_POLICIES, rules: { ...DEFAULT_POLICIES.rules, stock: undefined } }, 'rules.stock'],
    ['a negative limit', { ...DEFAULT_POLICIES, discountLimitPercent: { ...DEFAULT_POLICIES.discountLimitPercent, rep: -1 } }, 'discountLimitPercent.rep'],
    ['a floor above 100 %', { ...DEFAULT_POLICIES, priceFloorPercent: 120 }, 'priceFloorPercent'],
    ['a fraction of a day', { ...DEFAULT_POLICIES, deliveryLeadDays: 1.5 }, 'deliveryLeadDays'],
  ])('refuses %s with a 400 naming the field', async (_what, body, field) => {
    const res = await admin
      .put('/api/admin/policies')
      .send(body as object)
      .expect(400);
    expect(res.body.error.fields.map((f: { path: string }) => f.path)).toContain(field);
    expect(res.body.error.message).toMatch(/^Invalid order policies: /);
  });

  it('an admin replaces them: stored, audited, and published to the data set under a new change number', async () => {
    const store = createCatalogueStore(db);
    const before = (await store.get('settings', 'client'))!.changeNo;
    const { body } = await admin.put('/api/admin/policies').send(stricter).expect(200);
    expect(body).toMatchObject({ policies: stricter, updatedBy: expect.stringContaining('admin') });
    expect((await rep.get('/api/policies').expect(200)).body.policies).toEqual(stricter);

    const settings = (await store.get('settings', 'client'))!;
    expect(settings.changeNo).toBeGreaterThan(before);
    expect(JSON.parse(settings.data)).toEqual({ ...SETTINGS, policies: stricter });

    const entry = await db.Audit.findOne({ where: { action: 'policies.update' }, order: [['id', 'DESC']] });
    expect(entry?.detail).toMatchObject({
      published: true,
      changes: expect.arrayContaining(['rules.stock: warn → block', 'discountLimitPercent.rep: 15 → 10', 'deliveryLeadDays: 0 → 2']),
    });
  });

  it('approving is for support and admins, and for an order waiting for approval only', async () => {
    const order = await storeReceivedOrder(db, OrderSchema.parse(sampleOrder({})));
    await rep.post(`/api/orders/${order.id}/approve`).expect(403);
    const res = await support.post(`/api/orders/${order.id}/approve`).expect(409);
    expect(res.body.error.message).toMatch(/is not waiting for approval/);
    await support.post('/api/orders/00000000-0000-4000-8000-000000000000/approve').expect(404);
  });
});

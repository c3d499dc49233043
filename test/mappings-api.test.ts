/**
 * Field mappings through the hub's API, on SQLite and PostgreSQL, against the Zoho sandbox (its
 * custom field settings): versions, refusals that leave the active version in force, diff,
 * rollback, preview of a real order, and the worker's activities mapping with the active version.
 */
import crypto from 'node:crypto';
import { loadConfig } from '../config';
import { OrderSchema, documentNumber, type Order } from '../domain';
import { createApp } from '../hub/app';
import type { Database } from '../server/db/connect';
import { createMappingService } from '../hub/services/mappings';
import { createActiveMappings } from '../server/mappings/active-mappings';
import { createMappingEvaluator, type MappingEvaluator } from '../server/mappings/sandbox/evaluator';
import { defaultMapping, type Mapping } from '../mappings';
import { createMappingActivities } from '../workflows/activities/mapping';
import { createZohoActivities } from '../workflows/activities/zoho';
import { createOrderRepository } from '../server/orders/repository';
import { createZohoClient, MemoryTokenStore, type ZohoClient } from '../zoho/connector';
import { createSandbox, type Sandbox } from '../zoho/sandbox';
import { agentFor, createUser, testAuth, type Agent } from './support/auth';
import { DIALECTS } from './support/databases';
import { openOrderStack, type OrderStack } from './support/order-stack';
import { sampleOrder } from './support/orders';
import { storeReceivedCustomer, storeReceivedOrder } from './support/stored';

/** The row index a row added after withPaymentMethod()'s rows gets. */
const ADDED_ROW = `fields[${defaultMapping('inventory.salesorder').fields.length + 1}]`;

/** The default Inventory mapping plus payment method → the organization's "Payment method" dropdown. */
function withPaymentMethod(base: Mapping = defaultMapping('inventory.salesorder')): Mapping {
  return {
    ...base,
    fields: [
      ...base.fields,
      {
        customField: { api_name: 'cf_payment_method' },
        source: { lookup: { path: 'paymentMethod', table: { card: 'Card', cash: 'Cash' }, default: 'On account' } },
      },
    ],
  };
}

describe.each(DIALECTS)('field mappings API on %s', (dialect) => {
  let stack: OrderStack;
  let db: Database;
  let sandbox: Sandbox;
  let zoho: ZohoClient;
  let admin: Agent;
  let support: Agent;
  let adminEmail: string;
  let order: Order;
  let evaluator: MappingEvaluator;

  async function storeOrder(overrides: Parameters<typeof sampleOrder>[0] = {}): Promise<Order> {
    const parsed = OrderSchema.parse(
      sampleOrder({
        customer: { zohoContactId: sandbox.fixtures.customer.contact_id, name: sandbox.fixtures.customer.contact_name },
        lines: [{ itemId: sandbox.fixtures.items[0]!.item_id, name: 'Widget', quantity: 2, unitPrice: 1250 }],
        ...overrides,
      }),
    );
    return storeReceivedOrder(db, parsed);
  }

  beforeAll(async () => {
    stack = await openOrderStack(dialect, 'mappings');
    db = stack.db;
    sandbox = createSandbox({ seed: { items: 5, customers: 3 } });
    const { url } = await sandbox.listen(0, '127.0.0.1');
    zoho = createZohoClient(
      { ...loadConfig({}).zoho, product: 'inventory', accountsUrl: url, apiDomain: url },
      { tokenStore: new MemoryTokenStore(), timeoutMs: 5000 },
    );
    const auth = testAuth(db);
    evaluator = createMappingEvaluator();
    const mappings = createMappingService({ db, audit: auth.audit, customFields: (entity) => zoho.customFields.list(entity), evaluator });
    const app = createApp({ auth, orders: stack.orders, mappings, readiness: {} });
    const adminUser = await createUser(auth, 'admin');
    adminEmail = adminUser.email;
    admin = await agentFor(app, adminUser);
    support = await agentFor(app, await createUser(auth, 'support'));
    order = await storeOrder({ paymentMethod: 'cash' });
  });

  afterAll(async () => {
    await evaluator?.close();
    await sandbox?.close();
    await stack?.close();
  });

  const activeVersion = async (target: string) =>
    ((await support.get('/api/mappings').expect(200)).body.active as Array<{ target: string; version: number; document: Mapping }>).find(
      (a) => a.target === target,
    )!;

  it('starts from the default files, version 0, for every target and the target settings', async () => {
    const { body } = await support.get('/api/mappings').expect(200);
    expect(body.active.map((a: { target: string; version: number }) => `${a.target}@${a.version}`).sort()).toEqual([
      'books.estimate@0',
      'books.salesorder@0',
      'contact@0',
      'inventory.salesorder@0',
      'targets@0',
    ]);
    expect((await activeVersion('inventory.salesorder')).document).toEqual(defaultMapping('inventory.salesorder'));
  });

  it("lists each target's Zoho fields and the organization's custom fields, read from Zoho", async () => {
    const { body } = await support.get('/api/mappings/fields').expect(200);
    expect(body.targets['inventory.salesorder'].fields).toContain('customer_id');
    expect(body.targets['inventory.salesorder'].customFields.map((f: { api_name: string }) => f.api_name)).toEqual([
      'cf_payment_method',
      'cf_delivery_slot',
      'cf_taken_by',
    ]);
    expect(body.targets.contact.customFields.map((f: { api_name: string }) => f.api_name)).toEqual(['cf_sales_rep', 'cf_customer_source']);
  });

  it('saves a new version with its author; refusals name the row and leave the active version in force', async () => {
    const saved = await admin.post('/api/mappings/inventory.salesorder').send({ mapping: withPaymentMethod() }).expect(201);
    expect(saved.body.version).toMatchObject({ target: 'inventory.salesorder', version: 1, active: true, author: { email: adminEmail } });

    const base = withPaymentMethod();
    const refusals: Array<[unknown, { path: string; zohoField: string; message: RegExp }]> = [
      [
        { ...base, fields: [...base.fields, { zoho: 'terms', source: { expression: '$sum(lines.quantity' } }] },
        { path: ADDED_ROW, zohoField: 'terms', message: /^expression does not compile/ },
      ],
      [
        { ...base, fields: [...base.fields, { zoho: 'terms', source: { template: '{{#each lines}}' } }] },
        { path: ADDED_ROW, zohoField: 'terms', message: /^template does not compile/ },
      ],
      [
        { ...base, fields: [...base.fields, { zoho: 'colour', source: { value: 'red' } }] },
        { path: ADDED_ROW, zohoField: 'colour', message: /has no field colour/ },
      ],
      [
        { ...base, fields: [...base.fields, { customField: { api_name: 'cf_not_in_zoho' }, source: { value: 'x' } }] },
        { path: ADDED_ROW, zohoField: 'custom_fields.cf_not_in_zoho', message: /organization has no salesorder custom field/ },
      ],
      [
        { ...base, fields: base.fields.slice(1) },
        { path: '(no row)', zohoField: 'customer_id', message: /customer_id is required by Zoho and no row fills it/ },
      ],
      [
        { ...base, fields: [...base.fields, { zoho: 'terms', source: { lookup: { path: 'x', table: 'nope' } } }] },
        { path: ADDED_ROW, zohoField: 'terms', message: /^source.lookup.table: / },
      ],
    ];
    for (const [mapping, expected] of refusals) {
      const res = await admin.post('/api/mappings/inventory.salesorder').send({ mapping }).expect(400);
      expect(res.body.error.code).toBe('mapping_invalid');
      expect(res.body.error.fields).toEqual([
        expect.objectContaining({ path: expected.path, row: expected.path, zohoField: expected.zohoField, message: expect.stringMatching(expected.message) }),
      ]);
    }
    // A mapping for another target in this target's place
    await admin
      .post('/api/mappings/inventory.salesorder')
      .send({ mapping: defaultMapping('books.salesorder') })
      .expect(400);
    const active = await activeVersion('inventory.salesorder');
    expect(active.version).toBe(1);
    expect(active.document).toEqual(withPaymentMethod());
    expect((await support.get('/api/mappings/inventory.salesorder/versions').expect(200)).body.versions.map((v: { version: number }) => v.version)).toEqual([
      1, 0,
    ]);
    const audit = await db.Audit.findAll({ where: { target: 'inventory.salesorder' } });
    expect(audit.filter((a) => a.action === 'mapping.save')).toHaveLength(1);
    expect(audit.filter((a) => a.action === 'mapping.refused')).toHaveLength(refusals.length + 1);
  });

  it('diffs two versions row by row and rolls back (as a new, audited version)', async () => {
    await admin
      .post('/api/mappings/inventory.salesorder')
      .send({ mapping: { ...withPaymentMethod(), status: 'confirmed' } })
      .expect(201);
    const diff = (await support.get('/api/mappings/inventory.salesorder/diff?from=0&to=2').expect(200)).body.diff;
    expect(diff.settings).toEqual([{ setting: 'status', from: 'draft', to: 'confirmed' }]);
    expect(diff.rows).toEqual([{ list: 'fields', zohoField: 'custom_fields.cf_payment_method', change: 'added', to: withPaymentMethod().fields.at(-1) }]);
    await support.get('/api/mappings/inventory.salesorder/diff?from=0&to=9').expect(404);

    const rolled = await admin.post('/api/mappings/inventory.salesorder/rollback').send({ version: 0 }).expect(201);
    expect(rolled.body.version).toMatchObject({ version: 3, restoredFrom: 0, active: true });
    expect((await activeVersion('inventory.salesorder')).document).toEqual(defaultMapping('inventory.salesorder'));
    await admin.post('/api/mappings/inventory.salesorder/rollback').send({ version: 3 }).expect(409);
    await admin.post('/api/mappings/inventory.salesorder/rollback').send({ version: 1 }).expect(201);
    expect((await activeVersion('inventory.salesorder')).document).toEqual(withPaymentMethod());
    const one = (await support.get('/api/mappings/inventory.salesorder/versions/4').expect(200)).body.version;
    expect(one).toMatchObject({ version: 4, restoredFrom: 1, active: true });
    const rollbacks = await db.Audit.findAll({ where: { action: 'mapping.rollback' } });
    expect(rollbacks.map((a) => a.detail)).toEqual([
      { restored: 0, version: 3, replaced: 2 },
      { restored: 1, version: 4, replaced: 3 },
    ]);
  });

  it('previews the exact payload for a real order, or the sample, with row problems', async () => {
    const real = (await support.post('/api/mappings/inventory.salesorder/preview').send({ mapping: withPaymentMethod(), orderId: order.id }).expect(200)).body
      .preview;
    expect(real.source).toEqual({ kind: 'order', id: order.id, number: documentNumber('order', order.id) });
    expect(real.problems).toEqual([]);
    expect(real.payload).toMatchObject({
      customer_id: sandbox.fixtures.customer.contact_id,
      salesorder_number: documentNumber('order', order.id),
      custom_fields: [{ api_name: 'cf_payment_method', value: 'Cash' }],
    });

    const sample = (await support.post('/api/mappings/inventory.salesorder/preview').send({ mapping: withPaymentMethod() }).expect(200)).body.preview;
    expect(sample.source).toEqual({ kind: 'sample' });
    expect(sample.payload.custom_fields).toEqual([{ api_name: 'cf_payment_method', value: 'Card' }]);

    const broken = withPaymentMethod();
    broken.fields.push({ zoho: 'terms', source: { expression: '($f := function($x){ $f($x) }; $f(1))' } });
    const bad = (await support.post('/api/mappings/inventory.salesorder/preview').send({ mapping: broken, orderId: order.id }).expect(200)).body.preview;
    expect(bad.problems).toEqual([expect.objectContaining({ row: ADDED_ROW, zohoField: 'terms', message: expect.stringMatching(/^expression failed/) })]);
    await support.post('/api/mappings/inventory.salesorder/preview').send({ orderId: crypto.randomUUID() }).expect(404);
  });

  it('the worker maps with the active version, notices a new one, and the order records which it went with', async () => {
    const activities = createMappingActivities({
      orders: createOrderRepository(db),
      product: 'inventory',
      active: createActiveMappings(db, { ttlMs: 0 }),
      evaluator,
    });
    const first = await activities.mapOrderForZoho(order.id);
    expect(first).toMatchObject({ target: 'inventory.salesorder', version: 4, confirm: false });
    expect(first.payload.custom_fields).toEqual([{ api_name: 'cf_payment_method', value: 'Cash' }]);
    expect((await admin.get(`/api/orders/${order.id}`).expect(200)).body.order.mapping).toEqual({ target: 'inventory.salesorder', version: 4 });

    await admin.post('/api/mappings/inventory.salesorder/rollback').send({ version: 0 }).expect(201);
    const second = await activities.mapOrderForZoho(order.id);
    expect(second.version).toBe(5);
    expect(second.payload.custom_fields).toBeUndefined();
    expect((await admin.get(`/api/orders/${order.id}`).expect(200)).body.order.mapping).toEqual({ target: 'inventory.salesorder', version: 5 });

    // The Zoho sandbox takes the custom field a mapping sends, and keeps it on the sales order.
    await admin.post('/api/mappings/inventory.salesorder/rollback').send({ version: 4 }).expect(201);
    const mapped = await activities.mapOrderForZoho(order.id);
    const created = await zoho.salesOrders.create(mapped.payload as never, { number: documentNumber('order', order.id) });
    expect((await zoho.salesOrders.get(created.salesorderId)).custom_fields).toEqual([
      expect.objectContaining({ api_name: 'cf_payment_method', label: 'Payment method', value: 'Cash' }),
    ]);
  });

  it('concurrent saves each get their own version number', async () => {
    const before = (await activeVersion('books.salesorder')).version;
    const saves = await Promise.all(
      [1, 2, 3].map((n) => admin.post('/api/mappings/books.salesorder').send({ mapping: { ...defaultMapping('books.salesorder'), description: `save ${n}` } })),
    );
    expect(saves.map((r) => r.status)).toEqual([201, 201, 201]);
    expect(saves.map((r) => r.body.version.version).sort()).toEqual([before + 1, before + 2, before + 3]);
  });

  it("the worker's cache keeps a version for its time to live, then reloads only when the version changed", async () => {
    let clock = 0;
    const active = createActiveMappings(db, { ttlMs: 2_000, now: () => clock });
    const first = await active.mapping('books.estimate');
    await admin
      .post('/api/mappings/books.estimate')
      .send({ mapping: { ...defaultMapping('books.estimate'), description: 'newer' } })
      .expect(201);
    clock = 1_000;
    expect((await active.mapping('books.estimate')).version).toBe(first.version);
    clock = 2_500;
    const second = await active.mapping('books.estimate');
    expect(second.version).toBe(first.version + 1);
    expect(second.mapping.description).toBe('newer');
  });

  it('versions the target settings: a Books quote may become a sales order, never an Inventory quote an estimate', async () => {
    const settings = (await activeVersion('targets')).document as unknown as Record<string, Record<string, string>>;
    await admin
      .post('/api/mappings/targets')
      .send({ mapping: { ...settings, inventory: { order: 'inventory.salesorder', quote: 'books.estimate' } } })
      .expect(400);
    await admin
      .post('/api/mappings/targets')
      .send({ mapping: { ...settings, books: { order: 'books.salesorder', quote: 'books.salesorder' } } })
      .expect(201);
    const books = createMappingActivities({ orders: createOrderRepository(db), product: 'books', active: createActiveMappings(db, { ttlMs: 0 }), evaluator });
    const quote = await storeOrder({ kind: 'quote' });
    expect((await books.mapOrderForZoho(quote.id)).target).toBe('books.salesorder');
  });

  it('the customer workflow creates the Zoho contact with the active contact mapping', async () => {
    const contact = defaultMapping('contact');
    const mapping = {
      ...contact,
      fields: [...contact.fields, { customField: { api_name: 'cf_customer_source' }, source: { template: 'Satchel app ({{email}})' } }],
    };
    await admin.post('/api/mappings/contact').send({ mapping }).expect(201);
    const customer = { id: crypto.randomUUID(), name: `New Shop ${crypto.randomUUID().slice(0, 6)}`, email: 'new-shop@example.test' };
    await storeReceivedCustomer(db, customer);
    const { zohoContactId } = await createZohoActivities({
      orders: createOrderRepository(db),
      zoho,
      product: 'inventory',
      active: createActiveMappings(db, { ttlMs: 0 }),
      evaluator,
    }).findOrCreateContact(customer.id);
    const created = sandbox.state.contacts().find((c) => c.contact_id === zohoContactId)!;
    expect(created.custom_fields).toEqual([expect.objectContaining({ api_name: 'cf_customer_source', value: 'Satchel app (new-shop@example.test)' })]);
  });
});

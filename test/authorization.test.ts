/**
 * The authorization matrix: every route of the hub × {anonymous, rep, other rep, support, admin}
 * → the status each must get. A route added without an entry here fails the first test.
 */
import crypto from 'node:crypto';
import type { Express } from 'express';
import { Client, Connection } from '@temporalio/client';
import { createApp } from '../hub/app';
import type { Auth } from '../hub/auth';
import type { Database } from '../server/db/connect';
import { createOrderService } from '../hub/services/orders';
import { createCatalogueService } from '../hub/catalogue/service';
import { SecretBox } from '../server/secrets/secret-box';
import { createZohoConnectionService } from '../hub/services/zoho-connection-service';
import { createApiCallCounter } from '../server/zoho/api-call-counter';
import { SANDBOX_DEMO, type ZohoSettings } from '../config';
import { createZohoClient, MemoryTokenStore } from '../zoho/connector';
import { createMappingService } from '../hub/services/mappings';
import { createOrderPolicyService } from '../hub/services/order-policies';
import { DEFAULT_POLICIES } from '../domain';
import { createMappingEvaluator } from '../server/mappings/sandbox/evaluator';
import { defaultMapping } from '../mappings';
import { agentFor, createUser, testAuth, type Agent } from './support/auth';
import { openTestDatabase } from './support/databases';
import { sampleOrder } from './support/orders';
import { temporalAddress } from './support/temporal';

type Who = 'anonymous' | 'rep' | 'otherRep' | 'support' | 'admin';
const WHO: Who[] = ['anonymous', 'rep', 'otherRep', 'support', 'admin'];

interface Fixture {
  agents: Record<Who, Agent>;
  repOrderId: string;
  repCustomerId: string;
  someUserId: string;
  app: Express;
  signedIn(who: Who): Promise<Agent>;
}

interface Entry {
  expect: Record<Who, number>;
  call(agent: Agent, f: Fixture): Promise<{ status: number }>;
}

const all = (status: number): Record<Who, number> => ({ anonymous: status, rep: status, otherRep: status, support: status, admin: status });
const signedIn = (status: Record<Exclude<Who, 'anonymous'>, number>): Record<Who, number> => ({ anonymous: 401, ...status });

const MATRIX: Record<string, Entry> = {
  'GET /healthz': { expect: all(200), call: (a) => a.get('/healthz') },
  'GET /readyz': { expect: all(200), call: (a) => a.get('/readyz') },
  // The proxy's question before each Temporal UI request (test/security/temporal-ui-gate.test.ts: through Caddy).
  'GET /auth/temporal-ui': { expect: signedIn({ rep: 403, otherRep: 403, support: 204, admin: 204 }), call: (a) => a.get('/auth/temporal-ui') },
  'POST /api/auth/login': {
    expect: all(401),
    call: (a) => a.post('/api/auth/login').send({ email: 'nobody@example.test', password: 'wrong password' }),
  },
  'POST /api/auth/logout': { expect: all(204), call: (a) => a.post('/api/auth/logout') },
  'GET /api/auth/me': { expect: signedIn({ rep: 200, otherRep: 200, support: 200, admin: 200 }), call: (a) => a.get('/api/auth/me') },
  'POST /api/orders': {
    expect: signedIn({ rep: 201, otherRep: 201, support: 403, admin: 201 }),
    call: (a) => a.post('/api/orders').send(sampleOrder()),
  },
  'GET /api/orders': { expect: signedIn({ rep: 200, otherRep: 200, support: 200, admin: 200 }), call: (a) => a.get('/api/orders') },
  'GET /api/orders/:id': {
    expect: signedIn({ rep: 200, otherRep: 403, support: 200, admin: 200 }),
    call: (a, f) => a.get(`/api/orders/${f.repOrderId}`),
  },
  'POST /api/orders/:id/retry': {
    // 409: the order is not waiting for attention; reaching that check is what staff may do.
    expect: signedIn({ rep: 403, otherRep: 403, support: 409, admin: 409 }),
    call: (a, f) => a.post(`/api/orders/${f.repOrderId}/retry`),
  },
  'POST /api/orders/:id/cancel': {
    // Each call cancels a fresh order of the rep's (a cancelled order cannot be cancelled twice).
    expect: signedIn({ rep: 202, otherRep: 403, support: 202, admin: 202 }),
    call: async (a, f) => {
      const order = sampleOrder();
      await f.agents.rep.post('/api/orders').send(order).expect(201);
      return a.post(`/api/orders/${order.id}/cancel`).send({ reason: 'customer changed their mind' });
    },
  },
  'POST /api/orders/:id/revisions': {
    // Each call changes a fresh order of the rep's (revision 1 of it); support does not take orders.
    expect: signedIn({ rep: 202, otherRep: 403, support: 403, admin: 202 }),
    call: async (a, f) => {
      const order = sampleOrder();
      await f.agents.rep.post('/api/orders').send(order).expect(201);
      return a.post(`/api/orders/${order.id}/revisions`).send({ revision: 1, order: { ...order, notes: 'one more box' } });
    },
  },
  'POST /api/orders/:id/approve': {
    // 409: the order is not waiting for approval; reaching that check is what staff may do.
    expect: signedIn({ rep: 403, otherRep: 403, support: 409, admin: 409 }),
    call: (a, f) => a.post(`/api/orders/${f.repOrderId}/approve`),
  },
  'GET /api/policies': { expect: signedIn({ rep: 200, otherRep: 200, support: 200, admin: 200 }), call: (a) => a.get('/api/policies') },
  'PUT /api/admin/policies': {
    expect: signedIn({ rep: 403, otherRep: 403, support: 403, admin: 200 }),
    call: (a) => a.put('/api/admin/policies').send(DEFAULT_POLICIES),
  },
  'POST /api/customers': {
    expect: signedIn({ rep: 201, otherRep: 201, support: 403, admin: 201 }),
    call: (a) => a.post('/api/customers').send(newCustomer()),
  },
  'GET /api/customers': { expect: signedIn({ rep: 403, otherRep: 403, support: 200, admin: 200 }), call: (a) => a.get('/api/customers?stage=needs_attention') },
  'GET /api/customers/:id': {
    expect: signedIn({ rep: 200, otherRep: 403, support: 200, admin: 200 }),
    call: (a, f) => a.get(`/api/customers/${f.repCustomerId}`),
  },
  'POST /api/customers/:id/retry': {
    expect: signedIn({ rep: 403, otherRep: 403, support: 409, admin: 409 }),
    call: (a, f) => a.post(`/api/customers/${f.repCustomerId}/retry`),
  },
  // Without Temporal and Zoho wired into this app, sync answers 503 and images 404: past the guard.
  'GET /api/catalogue/dataset': {
    expect: signedIn({ rep: 200, otherRep: 200, support: 200, admin: 200 }),
    call: (a) => a.get('/api/catalogue/dataset?since=0'),
  },
  'GET /api/catalogue/items/:id/image': {
    expect: signedIn({ rep: 404, otherRep: 404, support: 404, admin: 404 }),
    call: (a) => a.get('/api/catalogue/items/460000000010001/image'),
  },
  'POST /api/catalogue/sync': {
    expect: signedIn({ rep: 403, otherRep: 403, support: 403, admin: 503 }),
    call: (a) => a.post('/api/catalogue/sync'),
  },
  'GET /api/catalogue/sync': {
    expect: signedIn({ rep: 403, otherRep: 403, support: 503, admin: 503 }),
    call: (a) => a.get('/api/catalogue/sync'),
  },
  'GET /api/users': { expect: signedIn({ rep: 403, otherRep: 403, support: 403, admin: 200 }), call: (a) => a.get('/api/users') },
  'POST /api/users': {
    expect: signedIn({ rep: 403, otherRep: 403, support: 403, admin: 201 }),
    call: (a) =>
      a.post('/api/users').send({ email: `new-${crypto.randomUUID()}@example.test`, name: 'New Rep', role: 'rep', password: 'a long enough password' }),
  },
  'PATCH /api/users/:id': {
    expect: signedIn({ rep: 403, otherRep: 403, support: 403, admin: 200 }),
    call: (a, f) => a.patch(`/api/users/${f.someUserId}`).send({ name: 'Renamed' }),
  },
  'GET /api/audit': { expect: signedIn({ rep: 403, otherRep: 403, support: 403, admin: 200 }), call: (a) => a.get('/api/audit') },
  'GET /api/mappings': { expect: signedIn({ rep: 403, otherRep: 403, support: 200, admin: 200 }), call: (a) => a.get('/api/mappings') },
  'GET /api/mappings/fields': { expect: signedIn({ rep: 403, otherRep: 403, support: 200, admin: 200 }), call: (a) => a.get('/api/mappings/fields') },
  'GET /api/mappings/:target/versions': {
    expect: signedIn({ rep: 403, otherRep: 403, support: 200, admin: 200 }),
    call: (a) => a.get('/api/mappings/inventory.salesorder/versions'),
  },
  'GET /api/mappings/:target/versions/:version': {
    expect: signedIn({ rep: 403, otherRep: 403, support: 200, admin: 200 }),
    call: (a) => a.get('/api/mappings/inventory.salesorder/versions/0'),
  },
  'GET /api/mappings/:target/diff': {
    expect: signedIn({ rep: 403, otherRep: 403, support: 200, admin: 200 }),
    call: (a) => a.get('/api/mappings/inventory.salesorder/diff?from=0&to=0'),
  },
  'POST /api/mappings/:target/preview': {
    expect: signedIn({ rep: 403, otherRep: 403, support: 200, admin: 200 }),
    call: (a) => a.post('/api/mappings/inventory.salesorder/preview').send({}),
  },
  'POST /api/mappings/:target': {
    expect: signedIn({ rep: 403, otherRep: 403, support: 403, admin: 201 }),
    call: (a) => a.post('/api/mappings/contact').send({ mapping: defaultMapping('contact') }),
  },
  'POST /api/mappings/:target/rollback': {
    // Each call first has the admin save a version, so rolling back to the default is a change.
    expect: signedIn({ rep: 403, otherRep: 403, support: 403, admin: 201 }),
    call: async (a, f) => {
      await f.agents.admin
        .post('/api/mappings/books.estimate')
        .send({ mapping: defaultMapping('books.estimate') })
        .expect(201);
      return a.post('/api/mappings/books.estimate/rollback').send({ version: 0 });
    },
  },
  'GET /api/zoho/connection': { expect: signedIn({ rep: 403, otherRep: 403, support: 200, admin: 200 }), call: (a) => a.get('/api/zoho/connection') },
  'PUT /api/zoho/connection': {
    expect: signedIn({ rep: 403, otherRep: 403, support: 403, admin: 200 }),
    call: (a) => a.put('/api/zoho/connection').send(UNREACHABLE_CONNECTION),
  },
  'DELETE /api/zoho/connection': {
    expect: signedIn({ rep: 403, otherRep: 403, support: 403, admin: 200 }),
    call: async (a, f) => {
      await f.agents.admin.put('/api/zoho/connection').send(UNREACHABLE_CONNECTION).expect(200);
      return a.delete('/api/zoho/connection');
    },
  },
  // 502: no Zoho answers in this test; getting as far as asking it is what admins may do.
  'POST /api/zoho/connection/test': {
    expect: signedIn({ rep: 403, otherRep: 403, support: 403, admin: 502 }),
    call: (a) => a.post('/api/zoho/connection/test'),
  },
  'GET /api/zoho/usage': { expect: signedIn({ rep: 403, otherRep: 403, support: 200, admin: 200 }), call: (a) => a.get('/api/zoho/usage') },
  'GET /api/zoho/oauth/start': {
    expect: signedIn({ rep: 403, otherRep: 403, support: 403, admin: 302 }),
    call: async (a, f) => {
      await f.agents.admin.put('/api/zoho/connection').send(UNREACHABLE_CONNECTION).expect(200);
      return a.get('/api/zoho/oauth/start');
    },
  },
  // Open to anyone (Zoho's redirect carries no session cookie): the signed state is checked instead, and
  // without one the answer is a redirect to the console with the reason.
  'GET /api/zoho/oauth/callback': { expect: all(302), call: (a) => a.get('/api/zoho/oauth/callback?code=x&state=forged') },
  'GET /api/dev/sample-order': {
    expect: signedIn({ rep: 200, otherRep: 200, support: 403, admin: 200 }),
    call: (a) => a.get('/api/dev/sample-order'),
  },
};

/** Zoho settings nobody answers on: enough to pass the guards and fail at Zoho. */
const UNREACHABLE: ZohoSettings = {
  product: 'inventory',
  accountsUrl: 'http://127.0.0.1:9',
  apiDomain: 'http://127.0.0.1:9',
  ...SANDBOX_DEMO,
  sandbox: false,
  requestsPerMinute: 100,
  maxConcurrent: 5,
};
const UNREACHABLE_CONNECTION = { dataCentre: 'eu', organizationId: '20000000001', product: 'books', clientId: '1000.CONSOLE', clientSecret: 'console-secret' };

const newCustomer = () => ({
  id: crypto.randomUUID(),
  name: `Corner Shop ${crypto.randomUUID().slice(0, 6)}`,
  email: `shop-${crypto.randomUUID().slice(0, 6)}@example.test`,
});

/** Every route the app serves, as "METHOD /path", found by walking Express's router. */
function routesOf(app: Express): string[] {
  const found: string[] = [];
  const walk = (stack: unknown[], prefix: string) => {
    for (const layer of stack as Array<{ route?: { path: unknown; methods: Record<string, boolean> }; handle: { stack?: unknown[] }; rawPath?: unknown }>) {
      if (layer.route) {
        if (typeof layer.route.path !== 'string') continue; // the client's catch-all (a RegExp), not an API route
        for (const method of Object.keys(layer.route.methods))
          found.push(`${method.toUpperCase()} ${prefix}${layer.route.path === '/' ? '' : layer.route.path}`);
      } else if (layer.handle?.stack) {
        walk(layer.handle.stack, prefix + (typeof layer.rawPath === 'string' && layer.rawPath !== '/' ? layer.rawPath : ''));
      }
    }
  };
  walk((app as unknown as { router: { stack: unknown[] } }).router.stack, '');
  return [...new Set(found)].sort();
}

describe('authorization matrix', () => {
  let db: Database;
  let cleanup: () => Promise<void>;
  let connection: Connection;
  let auth: Auth;
  const f = {} as Fixture;

  beforeAll(async () => {
    ({ db, cleanup } = await openTestDatabase('sqlite'));
    connection = await Connection.connect({ address: temporalAddress() });
    auth = testAuth(db);
    // No worker polls this queue: workflows are started and simply wait, which is all this test needs.
    const orders = createOrderService({
      db,
      temporal: new Client({ connection }),
      taskQueue: `authz-${crypto.randomUUID()}`,
      temporalUiUrl: 'http://localhost:8233',
      namespace: 'default',
      log: () => undefined,
    });
    f.app = createApp({
      auth,
      orders,
      catalogue: createCatalogueService({ db }),
      zohoConnection: createZohoConnectionService({
        db,
        defaults: UNREACHABLE,
        box: new SecretBox(crypto.randomBytes(32).toString('base64')),
        publicUrl: 'http://localhost:3000',
        audit: auth.audit,
        counter: createApiCallCounter(db),
        zoho: async () => createZohoClient(UNREACHABLE, { tokenStore: new MemoryTokenStore(), timeoutMs: 2000 }),
      }),
      // The mappings saved here use no custom fields, so Zoho's list of them is never asked for.
      mappings: createMappingService({ db, audit: auth.audit, customFields: async () => [], evaluator: createMappingEvaluator() }),
      policies: createOrderPolicyService({ db, audit: auth.audit }),
      readiness: { database: () => db.sequelize.authenticate() },
      sampleOrders: async () => sampleOrder(),
    });
    const users = {
      rep: await createUser(auth, 'rep'),
      otherRep: await createUser(auth, 'rep'),
      support: await createUser(auth, 'support'),
      admin: await createUser(auth, 'admin'),
    };
    f.signedIn = async (who) => (who === 'anonymous' ? agentFor(f.app) : agentFor(f.app, users[who]));
    f.agents = Object.fromEntries(await Promise.all(WHO.map(async (w) => [w, await f.signedIn(w)]))) as Record<Who, Agent>;
    f.someUserId = (await createUser(auth, 'rep')).id;
    const order = sampleOrder();
    await f.agents.rep.post('/api/orders').send(order).expect(201);
    f.repOrderId = order.id;
    const customer = newCustomer();
    await f.agents.rep.post('/api/customers').send(customer).expect(201);
    f.repCustomerId = customer.id;
  });

  afterAll(async () => {
    await connection?.close();
    await cleanup?.();
  });

  it('has an entry for every route, and every entry is a route', () => {
    expect(routesOf(f.app)).toEqual(Object.keys(MATRIX).sort());
  });

  it.each(Object.keys(MATRIX))('%s answers each kind of user as expected', async (route) => {
    const entry = MATRIX[route]!;
    const got: Partial<Record<Who, number>> = {};
    for (const who of WHO) {
      // Signing out ends the session: use a fresh one so the other rows keep theirs.
      const agent = route === 'POST /api/auth/logout' ? await f.signedIn(who) : f.agents[who];
      got[who] = (await entry.call(agent, f)).status;
    }
    expect(got).toEqual(entry.expect);
  });

  it('logs refused attempts in the audit log', async () => {
    await f.agents.rep.get('/api/users').expect(403);
    const denied = await db.Audit.findAll({ where: { action: 'access.denied' } });
    expect(denied.some((e) => e.target === 'GET /api/users')).toBe(true);
  });
});

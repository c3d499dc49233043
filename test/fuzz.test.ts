/**
 * Fuzz of the public API: seeded, bounded, reproducible (FUZZ_SEED=<n> to replay a run). Every
 * route a device or the console uses gets malformed and hostile input — wrong types, missing
 * fields, injection strings, prototype-pollution keys, deep nesting, huge numbers, unicode
 * oddities, oversized and unparseable bodies, wrong content types. Every answer must be a 4xx
 * with a JSON message, within a time bound; afterwards nothing is stored and no workflow started.
 */
import crypto from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import type { Express } from 'express';
import type request from 'supertest';
import { createApp } from '../hub/app';
import { createCatalogueService } from '../hub/catalogue/service';
import type { Database } from '../server/db/connect';
import { createOrderService } from '../hub/services/orders';
import { agentFor, createUser, testAuth, type Agent } from './support/auth';
import { DIALECTS, openTestDatabase } from './support/databases';
import { sampleOrder } from './support/orders';
import { temporalAddress } from './support/temporal';

jest.setTimeout(240_000);

const INPUTS = 1500;
const SEED = Number(process.env.FUZZ_SEED ?? 20261127);
/** An answer slower than this counts as a hang. */
const ANSWER_WITHIN_MS = 10_000;

/** mulberry32: small, seedable, good enough to pick cases. */
function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (n: number) => Math.floor(next() * n), pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]! };
}
type Rng = ReturnType<typeof rng>;

const deep = (depth: number): unknown => {
  let v: unknown = 'bottom';
  for (let i = 0; i < depth; i++) v = i % 2 ? [v] : { a: v };
  return v;
};

/** Values no field of any route accepts as they are, or only as text. */
const HOSTILE: readonly unknown[] = [
  null,
  true,
  -1,
  0,
  1e308,
  -1e308,
  Number.MAX_SAFE_INTEGER + 2,
  1.5e-320,
  '',
  ' ',
  "' OR '1'='1",
  "'; DROP TABLE orders; --",
  '1; SELECT pg_sleep(10)',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '{{constructor.constructor("return process")()}}',
  '__proto__',
  'constructor',
  '\u0000\u0001\u0002',
  '\ud800',
  '\udfff\ud800',
  '\u202eevil\u202c',
  'e\u0301\u0301\u0301\u0301',
  '💥'.repeat(300),
  'x'.repeat(70_000),
  '../../../etc/passwd',
  '%00%2e%2e%2f',
  'NaN',
  'Infinity',
  '1e309',
  [],
  [null],
  {},
  { __proto__: { polluted: true } },
  JSON.parse('{"__proto__":{"polluted":true}}'),
  { constructor: { prototype: { polluted: true } } },
  deep(2000),
];

/** Raw bodies that are not a JSON document the hub can use: unparseable, not an object, too deep, too big, not UTF-8... */
const JSON_BODIES: ReadonlyArray<string | Buffer> = [
  '{"id": ',
  '{"a":1,}',
  "{'single': 'quotes'}",
  'null',
  '12345678901234567890123456789',
  '"just a string"',
  '['.repeat(50_000) + ']'.repeat(50_000),
  '{"a":'.repeat(20_000) + '1' + '}'.repeat(20_000),
  Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0xfd, 0x22, 0x3a, 0x31, 0x7d]),
  Buffer.from([0xc3, 0x28, 0xa0, 0xa1, 0xe2, 0x28, 0xa1]),
  '{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}',
  `{"pad":"${'a'.repeat(3 * 1024 * 1024)}"}`,
];
/** ...or in a type or charset the hub does not read. */
const RAW_BODIES: ReadonlyArray<{ type: string; body: string | Buffer }> = [
  ...JSON_BODIES.map((body) => ({ type: 'application/json', body })),
  ...['application/json; charset=utf-16', 'application/json; charset=koi8-r'].map((type) => ({ type, body: '{}' })),
  { type: 'text/plain', body: '{"id":"x"}' },
  { type: 'application/xml', body: '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>' },
  { type: 'application/x-www-form-urlencoded', body: 'id=1&__proto__[polluted]=1&lines[0][quantity]=1e309' },
  { type: 'multipart/form-data; boundary=xyz', body: '--xyz\r\nContent-Disposition: form-data; name="id"\r\n\r\n1\r\n--xyz--' },
  { type: 'application/octet-stream', body: crypto.randomBytes(512) },
];

interface Case {
  what: string;
  send(agents: Agents): request.Test;
}
type Agents = Record<'anonymous' | 'rep' | 'support' | 'admin', Agent>;

/** A path in a JSON value, chosen at random among its leaves and branches. */
function paths(value: unknown, prefix: string[] = [], out: string[][] = []): string[][] {
  if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      out.push([...prefix, k]);
      paths(v, [...prefix, k], out);
    }
  }
  return out;
}
function setPath(target: unknown, path: string[], value: unknown, remove = false): void {
  let at = target as Record<string, unknown>;
  for (const k of path.slice(0, -1)) {
    at = at[k] as Record<string, unknown>;
    // A required parent already replaced by a scalar or removed: the document is invalid there.
    if (!at || typeof at !== 'object') return;
  }
  const last = path[path.length - 1]!;
  if (remove) delete at[last];
  else at[last] = value;
}

/**
 * A valid document made invalid for sure (one "poison" among fields every route requires), then
 * roughened with up to three hostile values anywhere, so the hostile values travel through the
 * whole validation path and never reach storage.
 */
function hostileDocument(r: Rng, valid: Record<string, unknown>, poisons: Array<[string[], unknown]>): { body: unknown; what: string } {
  const body = structuredClone(valid) as Record<string, unknown>;
  const notes: string[] = [];
  for (let i = r.int(4); i > 0; i--) {
    const all = paths(body);
    if (all.length === 0) break;
    const p = r.pick(all);
    if (r.next() < 0.2) {
      setPath(body, p, undefined, true);
      notes.push(`-${p.join('.')}`);
    } else {
      const v = r.pick(HOSTILE);
      setPath(body, p, typeof v === 'object' && v !== null ? structuredClone(v) : v); // later mutations must not reach the shared pool
      notes.push(`${p.join('.')}=${JSON.stringify(v)?.slice(0, 30)}`);
    }
  }
  const [path, value] = r.pick(poisons);
  if (value === undefined) setPath(body, path, undefined, true);
  else setPath(body, path, value);
  notes.push(`poison ${path.join('.')}=${JSON.stringify(value)?.slice(0, 30)}`);
  return { body, what: notes.join(' ') };
}

const ORDER_POISONS: Array<[string[], unknown]> = [
  [['id'], undefined],
  [['id'], "' OR 1=1 --"],
  [['id'], 12345],
  [['lines'], []],
  [['lines'], 'lines'],
  [['currency'], '<script>'],
  [['currency'], 'usd'],
  [['createdAt'], 'yesterday'],
  [['customer'], null],
  [['customer'], { name: 'no id' }],
  [['lines', '0', 'quantity'], 1e7],
  [['lines', '0', 'quantity'], -5],
  [['lines', '0', 'quantity'], '2'],
  [['lines', '0', 'unitPrice'], 1e300],
  [['lines', '0', 'unitPrice'], 10.5],
  [['lines', '0', 'unitPrice'], Number.MAX_SAFE_INTEGER + 2],
  [['kind'], 'invoice'],
  [['kind'], '__proto__'],
];
const CUSTOMER_POISONS: Array<[string[], unknown]> = [
  [['id'], undefined],
  [['id'], '../../etc/passwd'],
  [['name'], ''],
  [['name'], { $ne: null }],
  [['email'], "x@y.z' OR '1'='1"],
  [['email'], '<b>@x'],
];
const USER_POISONS: Array<[string[], unknown]> = [
  [['email'], 'not-an-email'],
  [['role'], 'superadmin'],
  [['role'], '__proto__'],
  [['password'], 'short'],
  [['name'], ''],
];

/** A path segment; a lone surrogate becomes the invalid UTF-8 it would be on the wire (%ED%A0%80). */
function segment(value: unknown): string {
  return (
    String(value)
      .slice(0, 500)
      .split('')
      .map((ch) => {
        try {
          return encodeURIComponent(ch);
        } catch {
          return '%ED%A0%80';
        }
      })
      .join('') || '%00'
  ); // never empty: /api/orders/ is the list, a valid request
}

function cases(r: Rng, someUserId: string): Case[] {
  const gen: Array<() => Case> = [
    () => {
      const { body, what } = hostileDocument(r, sampleOrder() as unknown as Record<string, unknown>, ORDER_POISONS);
      return { what: `POST /api/orders ${what}`, send: (a) => a.rep.post('/api/orders').send(body as object) };
    },
    () => {
      const { body, what } = hostileDocument(
        r,
        {
          id: crypto.randomUUID(),
          name: 'Corner Shop',
          email: 'shop@example.test',
          billingAddress: { city: 'Lyon', zip: '69001' },
          contactPersons: [{ firstName: 'Ann', email: 'ann@example.test' }],
        },
        CUSTOMER_POISONS,
      );
      return { what: `POST /api/customers ${what}`, send: (a) => a.rep.post('/api/customers').send(body as object) };
    },
    () => {
      const { body, what } = hostileDocument(r, { email: 'nobody@example.test', password: 'x'.repeat(12) }, [
        [['email'], r.pick(HOSTILE)],
        [['password'], r.pick([null, 42, '', ['a'], { $gt: '' }, 'x'.repeat(300)])],
        [['email'], undefined],
      ]);
      return { what: `POST /api/auth/login ${what}`, send: (a) => a.anonymous.post('/api/auth/login').send(body as object) };
    },
    () => {
      const { body, what } = hostileDocument(
        r,
        { email: `new-${crypto.randomUUID()}@example.test`, name: 'New Person', role: 'rep', password: 'a long enough password' },
        USER_POISONS,
      );
      return { what: `POST /api/users ${what}`, send: (a) => a.admin.post('/api/users').send(body as object) };
    },
    () => {
      const body = r.pick<unknown>([
        { role: r.pick(HOSTILE) },
        { disabled: r.pick(HOSTILE.filter((v) => typeof v !== 'boolean')) },
        { name: r.pick([null, '', 5, [], {}]) },
        { role: 'rep', disabled: 'yes' },
      ]);
      const id = r.next() < 0.5 ? someUserId : segment(r.pick(HOSTILE));
      return {
        what: `PATCH /api/users/${id.slice(0, 20)} ${JSON.stringify(body)?.slice(0, 60)}`,
        send: (a) => a.admin.patch(`/api/users/${id}`).send(body as object),
      };
    },
    () => {
      const params = new URLSearchParams();
      const bad = [
        ['since', r.pick(["' OR 1=1", '-1', 'abc', '9'.repeat(400), '1e309', '\u0000', '__proto__', '0x10', '1.5'])],
        ['limit', r.pick(['-1', '0', '1e309', '99999999999999999999', 'NaN', 'ten', '1.5'])],
        ['pages', r.pick(['-3', '0', 'all', '1e99', '<script>'])],
      ] as const;
      for (const [k, v] of bad) if (r.next() < 0.6) params.append(k, v);
      if ([...params.keys()].length === 0) params.append('limit', 'none');
      let query = params.toString();
      if (r.next() < 0.3) query += r.pick(['&since[]=1&since[]=2', '&limit[__proto__]=1', '&since[$gt]=0', '&pages=1&pages=2&limit=x']);
      return { what: `GET /api/catalogue/dataset?${query.slice(0, 80)}`, send: (a) => a.rep.get(`/api/catalogue/dataset?${query}`) };
    },
    () => {
      const id = segment(r.pick(HOSTILE));
      const how = r.pick(['get', 'retry', 'cancel'] as const);
      return {
        what: `${how} /api/orders/${id.slice(0, 30)}`,
        send: (a) =>
          how === 'get' ? a.support.get(`/api/orders/${id}`) : a.support.post(`/api/orders/${id}/${how}`).send({ reason: r.pick(HOSTILE) } as object),
      };
    },
    () => {
      const raw = r.pick(RAW_BODIES);
      const route = r.pick(['/api/orders', '/api/customers', '/api/auth/login', '/api/users'] as const);
      const agent = route === '/api/auth/login' ? 'anonymous' : route === '/api/users' ? 'admin' : 'rep';
      return {
        what: `POST ${route} raw ${raw.type} ${raw.body.length} bytes`,
        send: (a) =>
          a[agent]
            .post(route)
            .set('Content-Type', raw.type)
            .send(raw.body as string),
      };
    },
  ];
  return Array.from({ length: INPUTS }, () => r.pick(gen)());
}

describe.each(DIALECTS)('the public API under malformed and hostile input (%s)', (dialect) => {
  let db: Database;
  let cleanup: () => Promise<void>;
  let connection: Connection;
  let app: Express;
  let agents: Agents;
  let someUserId: string;
  const taskQueue = `fuzz-${crypto.randomUUID()}`;

  beforeAll(async () => {
    ({ db, cleanup } = await openTestDatabase(dialect));
    connection = await Connection.connect({ address: temporalAddress() });
    const auth = testAuth(db);
    const orders = createOrderService({
      db,
      temporal: new Client({ connection }),
      taskQueue,
      temporalUiUrl: 'http://localhost:8233',
      namespace: 'default',
      log: () => undefined,
    });
    app = createApp({ auth, orders, catalogue: createCatalogueService({ db }), readiness: {}, log: () => undefined });
    const rep = await createUser(auth, 'rep');
    const support = await createUser(auth, 'support');
    const admin = await createUser(auth, 'admin');
    someUserId = (await createUser(auth, 'rep')).id;
    agents = { anonymous: await agentFor(app), rep: await agentFor(app, rep), support: await agentFor(app, support), admin: await agentFor(app, admin) };
  });
  afterAll(async () => {
    await connection?.close();
    await cleanup?.();
  });

  const counts = async () => ({
    orders: await db.Order.count(),
    events: await db.OrderEvent.count(),
    customers: await db.Customer.count(),
    users: await db.User.count(),
    sessions: await db.Session.count(),
  });

  it(`answers ${INPUTS} generated inputs with a 4xx and a message, storing nothing`, async () => {
    const before = await counts();
    const r = rng(SEED);
    const failures: string[] = [];
    const statuses: Record<number, number> = {};
    let tried = 0;
    for (const c of cases(r, someUserId)) {
      tried++;
      const started = Date.now();
      let res: request.Response;
      try {
        res = await c.send(agents).timeout(ANSWER_WITHIN_MS);
      } catch (err) {
        failures.push(`#${tried} ${c.what}: no answer (${(err as Error).message})`);
        continue;
      }
      statuses[res.status] = (statuses[res.status] ?? 0) + 1;
      const message = (res.body as { error?: { message?: unknown } })?.error?.message;
      if (res.status < 400 || res.status >= 500 || typeof message !== 'string' || message.length === 0) {
        failures.push(`#${tried} ${c.what}: HTTP ${res.status} ${JSON.stringify(res.body).slice(0, 200)} (${Date.now() - started} ms)`);
      }
    }
    console.log(`fuzz (${dialect}): ${tried} inputs tried (seed ${SEED}); answers ${JSON.stringify(statuses)}`);
    if (failures.length) console.log(failures.join('\n'));
    expect(failures.slice(0, 20)).toEqual([]);
    expect(tried).toBe(INPUTS);

    expect(await counts()).toEqual(before);
    // Nothing polluted the prototypes of this process.
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted')).toBe(false);
    const client = new Client({ connection });
    expect((await client.workflow.count(`TaskQueue = "${taskQueue}"`)).count).toBe(0);
  });

  it('refuses a NUL character in an otherwise valid order, naming the field (the database could not store it)', async () => {
    const before = await counts();
    const res = await agents.rep
      .post('/api/orders')
      .send(sampleOrder({ notes: 'ring twice\u0000' }))
      .expect(400);
    expect(res.body.error.fields).toEqual([{ path: 'notes', message: 'must not contain NUL characters' }]);
    expect(await counts()).toEqual(before);
  });
});

/**
 * Fuzz of the public API: seeded, bounded, reproducible (FUZZ_SEED=<n> to replay a run). Every
 * route a device or the console uses gets malformed and hostile input — wrong types, missing
 * fields, injection strings, prototype-pollution keys, deep nesting, huge numbers, unicode
 * oddities, oversized and unparseable bodies, wrong content types. Every answer must be a 4xx
 * with a JSON message, within a time bound; afterwards nothing is stored and no workflow started.
 *
 * A second run sends otherwise valid documents with boundary values in one or two fields (lengths
 * at and past each column, MAX_SAFE_INTEGER and friends, lone surrogates, control characters):
 * each may be taken or refused, but never with a 5xx; what is taken must fit the columns it is
 * stored in (SQLite does not enforce their lengths, PostgreSQL answers an error), keep its totals
 * exact and within what Zoho takes, hold no control characters in one-line fields, and leave the
 * order search working for everyone (a lone surrogate in a stored payload broke PostgreSQL's
 * `payload::jsonb`).
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
const EDGE_INPUTS = 600;
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
  Number.MAX_SAFE_INTEGER,
  -Number.MAX_SAFE_INTEGER,
  2 ** 53,
  2 ** 63,
  1e21,
  'x'.repeat(65),
  'x'.repeat(201),
  'x'.repeat(255),
  'x'.repeat(5001),
  'line\r\nBcc: x@example.test',
  'bell\u0007 del\u007f nel\u0085 ls\u2028',
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

/** Values at and past the bounds of some field: each may be fine where it lands, or not. */
const EDGE_NUMBERS: readonly number[] = [
  0,
  1,
  0.0001,
  2 ** 31 - 1,
  2 ** 31,
  999_999,
  1_000_000,
  1_000_000.5,
  1e11,
  1e11 + 1,
  1e13,
  Number.MAX_SAFE_INTEGER,
  Number.MAX_SAFE_INTEGER + 1,
  2 ** 63,
  1e21,
  5e-324,
];
const EDGE_STRINGS: readonly string[] = [
  ...[1, 30, 31, 50, 51, 63, 64, 65, 100, 101, 200, 201, 250, 251, 254, 255, 300, 500, 501, 2000, 2001, 5000, 5001].map((n) => '4'.repeat(n)),
  `${'a'.repeat(64)}@${'b'.repeat(184)}.test`, // 254 characters: the longest email
  `${'a'.repeat(64)}@${'b'.repeat(190)}.test`,
  `user@${'b'.repeat(195)}.test`,
  '\ud800',
  'a\udfffb',
  'broken pair \ud83d',
  'fine pair \ud83d\udca5',
  'line\r\nBcc: x@example.test',
  'only\nLF',
  'tab\there',
  'bell\u0007',
  'del\u007f',
  'nel\u0085',
  'ls\u2028ps\u2029',
  '\u202eevil\u202c',
  ' padded ',
];

/** A complete valid order: every optional field the device may send. */
function fullOrder(): Record<string, unknown> {
  return sampleOrder({
    customer: { zohoContactId: '460000000000001', name: 'Demo Customer', email: 'buyer@example.test' },
    lines: [
      {
        itemId: '460000000010001',
        sku: 'SKU-1',
        name: 'Widget',
        description: 'Blue',
        unit: 'pcs',
        quantity: 2,
        unitPrice: 1250,
        discountPercent: 5,
        taxId: '46000001',
        taxPercent: 10,
      },
      { itemId: '460000000010002', sku: 'SKU-2', name: 'Gadget', quantity: 1, unitPrice: 999 },
    ],
    reference: 'PO 42',
    fees: [{ name: 'Delivery', amount: 500 }],
    paymentMethod: 'card',
    deliveryAddress: { attention: 'Stores', address: '1 Main St', city: 'Lyon', zip: '69001', country: 'France', phone: '+33 1' },
    contactPerson: 'Ann Buyer',
    salesRep: 'Riley Rep',
  }) as unknown as Record<string, unknown>;
}

/** One or two leaves of a valid document set to boundary values of their own type (sometimes of another). */
function edgeDocument(r: Rng, valid: Record<string, unknown>, fixed: string[] = []): { body: Record<string, unknown>; what: string } {
  const body = structuredClone(valid);
  const notes: string[] = [];
  const leaves = paths(body).filter((p) => {
    let v: unknown = body;
    for (const k of p) v = (v as Record<string, unknown>)[k];
    return (typeof v === 'string' || typeof v === 'number') && !fixed.includes(p.join('.'));
  });
  for (let i = 1 + r.int(2); i > 0; i--) {
    const p = r.pick(leaves);
    let current: unknown = body;
    for (const k of p) current = (current as Record<string, unknown>)[k];
    const sameType = r.next() < 0.9;
    const value = (typeof current === 'number') === sameType ? r.pick(EDGE_NUMBERS) : r.pick(EDGE_STRINGS);
    setPath(body, p, value);
    notes.push(`${p.join('.')}=${JSON.stringify(value)?.slice(0, 24)}${typeof value === 'string' && value.length > 24 ? `…(${value.length})` : ''}`);
  }
  return { body, what: notes.join(' ') };
}

interface EdgeCase {
  kind: 'order' | 'customer' | 'user' | 'rename' | 'login';
  what: string;
  body: Record<string, unknown>;
  send(agents: Agents): request.Test;
}

function edgeCases(r: Rng, someUserId: string): EdgeCase[] {
  const gen: Array<() => EdgeCase> = [
    () => {
      const { body, what } = edgeDocument(r, fullOrder(), ['id', 'createdAt']);
      // Sometimes the pair that overflowed: a huge price times a huge quantity.
      if (r.next() < 0.15) {
        const lines = body.lines as Array<Record<string, unknown>>;
        lines[0]!.unitPrice = r.pick([Number.MAX_SAFE_INTEGER, 1e11, 1e13, 2 ** 31]);
        lines[0]!.quantity = r.pick([1_000_000, 999_999, 100_000, 100]);
      }
      return { kind: 'order', what: `POST /api/orders ${what}`, body, send: (a) => a.rep.post('/api/orders').send(body) };
    },
    () => {
      const valid = {
        id: crypto.randomUUID(),
        name: 'Corner Shop',
        companyName: 'Corner Shop Ltd',
        email: 'shop@example.test',
        phone: '+33 1 23',
        billingAddress: { address: '2 Rue X', city: 'Lyon', zip: '69001', country: 'France' },
        contactPersons: [{ firstName: 'Ann', lastName: 'Lee', email: 'ann@example.test', phone: '+33 2' }],
        priceListId: '4600000001',
        currency: 'EUR',
      };
      const { body, what } = edgeDocument(r, valid, ['id']);
      return { kind: 'customer', what: `POST /api/customers ${what}`, body, send: (a) => a.rep.post('/api/customers').send(body) };
    },
    () => {
      const { body, what } = edgeDocument(
        r,
        { email: `new-${crypto.randomUUID()}@example.test`, name: 'New Person', role: 'rep', password: 'a long enough password' },
        ['role'],
      );
      return { kind: 'user', what: `POST /api/users ${what}`, body, send: (a) => a.admin.post('/api/users').send(body) };
    },
    () => {
      const body = { name: r.pick(EDGE_STRINGS) };
      return {
        kind: 'rename',
        what: `PATCH /api/users/:id name=${JSON.stringify(body.name).slice(0, 30)}`,
        body,
        send: (a) => a.admin.patch(`/api/users/${someUserId}`).send(body),
      };
    },
    () => {
      const { body, what } = edgeDocument(r, { email: 'nobody@example.test', password: 'x'.repeat(12) });
      return { kind: 'login', what: `POST /api/auth/login ${what}`, body, send: (a) => a.anonymous.post('/api/auth/login').send(body) };
    },
  ];
  return Array.from({ length: EDGE_INPUTS }, () => r.pick(gen)());
}

/** Control characters no one-line field may keep (CR and LF became new lines in email bodies). */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const ONE_LINE_FORBIDDEN = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

/** What is wrong with a stored row: a value longer than its column (PostgreSQL refuses those; SQLite keeps them). */
function columnOverflows(model: { getAttributes(): Record<string, { type: unknown }> }, row: Record<string, unknown>): string[] {
  const out: string[] = [];
  for (const [name, attr] of Object.entries(model.getAttributes())) {
    const length = (attr.type as { options?: { length?: number } }).options?.length;
    const value = row[name];
    if (typeof length === 'number' && typeof value === 'string' && value.length > length)
      out.push(`${name}: ${value.length} characters in a column of ${length}`);
  }
  return out;
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
  it('refuses a lone surrogate in an otherwise valid order, naming the field (PostgreSQL could not read the payload back as jsonb)', async () => {
    const before = await counts();
    const res = await agents.rep
      .post('/api/orders')
      .send(sampleOrder({ notes: 'ring twice \ud800' }))
      .expect(400);
    expect(res.body.error.fields).toEqual([{ path: 'notes', message: 'must be well-formed Unicode (no lone surrogates)' }]);
    expect(await counts()).toEqual(before);
  });

  it.each([
    [
      'customer.zohoContactId',
      'a Zoho contact id of 65 characters (PostgreSQL answered 500)',
      { customer: { zohoContactId: '4'.repeat(65), name: 'Long id' } },
    ],
    [
      'lines.0.unitPrice',
      'a price of MAX_SAFE_INTEGER for a million units (SQLite stored a $94,575,592,174,780,400,000.00 order)',
      { lines: [{ itemId: '1', name: 'Widget', quantity: 1_000_000, unitPrice: Number.MAX_SAFE_INTEGER }] },
    ],
    ['customer.name', 'a CR LF in the customer name (a new line in email bodies)', { customer: { zohoContactId: '1', name: 'Shop\r\nBcc: x@example.test' } }],
  ])('refuses %s: %s, naming it and storing nothing', async (path, _what, override) => {
    const before = await counts();
    const res = await agents.rep
      .post('/api/orders')
      .send(sampleOrder(override as object))
      .expect(400);
    expect(res.body.error.fields.map((f: { path: string }) => f.path)).toContain(path);
    expect(res.body.error.message).toContain(path);
    expect(await counts()).toEqual(before);
  });

  it('answers a sign-in and a new user with a 254-character email plainly (the audit column holds 200: PostgreSQL answered 500)', async () => {
    const email = `${'a'.repeat(64)}@${'b'.repeat(184)}.test`;
    await agents.anonymous.post('/api/auth/login').send({ email, password: 'whatever it is' }).expect(401);
    const res = await agents.admin.post('/api/users').send({ email, name: 'Long Email', role: 'rep', password: 'a long enough password' }).expect(201);
    expect(res.body.user.email).toBe(email);
  });

  it(`answers ${EDGE_INPUTS} valid documents with boundary values without a 5xx, and stores only what fits`, async () => {
    const before = await counts();
    const r = rng(SEED + 1);
    const failures: string[] = [];
    const statuses: Record<number, number> = {};
    const accepted = { order: 0, customer: 0, user: 0, rename: 0, login: 0 };
    let tried = 0;
    const search = async (who: Agent, customer: string) => {
      const res = await who.get(`/api/orders?customer=${encodeURIComponent(customer)}`).timeout(ANSWER_WITHIN_MS);
      return res.status === 200
        ? undefined
        : `GET /api/orders?customer=${customer.slice(0, 20)} answered ${res.status} ${JSON.stringify(res.body).slice(0, 120)}`;
    };
    for (const c of edgeCases(r, someUserId)) {
      tried++;
      let res: request.Response;
      try {
        res = await c.send(agents).timeout(ANSWER_WITHIN_MS);
      } catch (err) {
        failures.push(`#${tried} ${c.what}: no answer (${(err as Error).message})`);
        continue;
      }
      statuses[res.status] = (statuses[res.status] ?? 0) + 1;
      const problems: string[] = [];
      if (res.status >= 500) problems.push(`HTTP ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
      else if (res.status >= 400 && typeof res.body?.error?.message !== 'string') problems.push(`HTTP ${res.status} without a message`);
      else if (res.status < 300) {
        accepted[c.kind]++;
        if (c.kind === 'order') {
          const row = await db.Order.findByPk(c.body.id as string);
          if (!row) problems.push('answered 2xx but stored nothing');
          else {
            problems.push(...columnOverflows(db.Order, row.get({ plain: true }) as unknown as Record<string, unknown>));
            // Zoho takes 15 significant digits; the totals must also stay exact integers.
            if (!Number.isSafeInteger(row.totalMinor) || row.totalMinor > 1e13) problems.push(`total ${row.totalMinor} minor units sent on to Zoho`);
            const o = row.payload as {
              customer: { name: string; zohoContactId?: string };
              lines: Array<{ name: string }>;
              fees?: Array<{ name: string }>;
              salesRep?: string;
              contactPerson?: string;
            };
            const oneLine = [o.customer.name, o.salesRep, o.contactPerson, ...o.lines.map((l) => l.name), ...(o.fees ?? []).map((f) => f.name)];
            if (oneLine.some((t) => t !== undefined && ONE_LINE_FORBIDDEN.test(t))) problems.push('a control character in a one-line field was stored');
            // Everyone's search still works with this order in the database.
            for (const who of [agents.rep, agents.support]) {
              const broken = await search(who, o.customer.zohoContactId ?? '460000000000001');
              if (broken) problems.push(broken);
            }
          }
        } else if (c.kind === 'customer') {
          const row = await db.Customer.findByPk(c.body.id as string);
          if (!row) problems.push('answered 2xx but stored nothing');
          else {
            problems.push(...columnOverflows(db.Customer, row.get({ plain: true }) as unknown as Record<string, unknown>));
            if (ONE_LINE_FORBIDDEN.test(row.name)) problems.push('a control character in the name was stored');
          }
        } else if (c.kind === 'user' || c.kind === 'rename') {
          const row = await db.User.findOne({ where: c.kind === 'user' ? { email: String(c.body.email).toLowerCase() } : { id: someUserId } });
          if (!row) problems.push('answered 2xx but stored nothing');
          else {
            problems.push(...columnOverflows(db.User, row.get({ plain: true }) as unknown as Record<string, unknown>));
            if (ONE_LINE_FORBIDDEN.test(row.name)) problems.push('a control character in the name was stored');
          }
        }
      }
      if (problems.length) failures.push(`#${tried} ${c.what}: ${problems.join('; ')}`);
    }
    const fivexx = Object.entries(statuses).reduce((n, [status, count]) => (Number(status) >= 500 ? n + count : n), 0);
    console.log(
      `fuzz edges (${dialect}): ${tried} inputs tried (seed ${SEED + 1}); answers ${JSON.stringify(statuses)}; ${fivexx} × 5xx; accepted ${JSON.stringify(accepted)}`,
    );
    if (failures.length) console.log(failures.slice(0, 40).join('\n'));
    expect(failures.slice(0, 20)).toEqual([]);
    expect(tried).toBe(EDGE_INPUTS);
    // What was refused changed nothing: only the accepted documents are new.
    const after = await counts();
    expect(after.orders - before.orders).toBe(accepted.order);
    expect(after.customers - before.customers).toBe(accepted.customer);
    expect(after.users - before.users).toBe(accepted.user);
    expect(await search(agents.support, '460000000000001')).toBeUndefined();
  });
});

/**
 * Contract tests: the connector against a real sandbox on an ephemeral port, for every operation,
 * every error class and every fault. The no-duplicates assertions are the point of the connector.
 */
import type { ZohoProduct } from '../../domain';
import { readRateHeaders, type RateReading } from './rate-headers';
import { createZohoClient, InProcessRateLimiter, MemoryTokenStore, unlimited, type ZohoClient, type ZohoClientDeps } from '.';
import { ZohoAuthError, ZohoError, ZohoNotFoundError, ZohoRateLimitError, ZohoTransientError, ZohoValidationError } from './errors';
import { countingFetch, retryLikeActivity, startSandbox, type RunningSandbox } from '../testing';
import { retryAfterMs } from './http';

let zs: RunningSandbox;

beforeAll(async () => {
  zs = await startSandbox();
});
afterAll(async () => {
  await zs.close();
});
beforeEach(() => {
  zs.sandbox.reset();
});

function client(product: ZohoProduct = 'inventory', deps: Partial<ZohoClientDeps> = {}): ZohoClient {
  return createZohoClient(zs.settings(product), { tokenStore: new MemoryTokenStore(), limiter: unlimited, timeoutMs: 5000, ...deps });
}

function order(lines = 1) {
  const f = zs.sandbox.fixtures;
  return {
    customer_id: f.customer.contact_id,
    reference_number: 'REF-1',
    line_items: f.items.slice(0, lines).map((it, i) => ({ item_id: it.item_id, name: it.name, rate: it.rate, quantity: i + 1 })),
  };
}

function ordersWithNumber(number: string) {
  return zs.sandbox.state.snapshot().salesorders.filter((so) => so.salesorder_number === number);
}

async function caught(p: Promise<unknown>): Promise<ZohoError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof ZohoError) return err;
    throw err;
  }
  throw new Error('expected a ZohoError, the call succeeded');
}

describe('reads', () => {
  test('organizations, price books and locations', async () => {
    const zoho = client();
    const orgs = await zoho.organizations.list();
    expect(orgs.map((o) => o.organization_id)).toEqual([zs.sandbox.fixtures.organizationId]);
    const books = await zoho.priceBooks.list();
    expect(books.map((b) => b.pricebook_type).sort()).toEqual(['fixed_percentage', 'fixed_percentage', 'per_item', 'per_item', 'per_item', 'per_item']);
    const wholesale = books.find((b) => b.name === 'Wholesale')!;
    expect((await zoho.priceBooks.get(wholesale.pricebook_id)).pricebook_items?.length).toBe(300);
    const locations = await zoho.locations.list();
    expect(locations).toHaveLength(3);
    expect(locations.filter((l) => l.is_primary)).toHaveLength(1);
  });

  test('items.list sends per_page=200 and organization_id, and pages with page_context', async () => {
    const zoho = client();
    const first = await zoho.items.list({ page: 1 });
    expect(first.items).toHaveLength(200);
    expect(first.hasMore).toBe(true);
    const second = await zoho.items.list({ page: 2 });
    expect(second.items).toHaveLength(100);
    expect(second.hasMore).toBe(false);
    const q = zs.sandbox.stats.recent.find((r) => r.path === '/items')!.query;
    expect(q).toMatchObject({ per_page: '200', organization_id: zs.sandbox.fixtures.organizationId, sort_column: 'last_modified_time' });
  });

  test('items.listAll yields every page once', async () => {
    const ids: string[] = [];
    for await (const page of client().items.listAll({ perPage: 120 })) ids.push(...page.items.map((i) => i.item_id));
    expect(ids).toHaveLength(300);
    expect(new Set(ids).size).toBe(300);
  });

  test('Inventory items filter by last_modified_time; Books lists everything and says so', async () => {
    const since = Date.now() - 1000;
    zs.sandbox.state.mutateItems(7);
    const inv = await client('inventory').items.list({ modifiedSince: since });
    expect(inv.filtered).toBe(true);
    expect(inv.items.length).toBeGreaterThan(0);
    expect(inv.items.length).toBeLessThanOrEqual(7);
    expect(zs.sandbox.stats.recent.at(-1)!.query.last_modified_time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+0000$/);
    const books = await client('books').items.list({ modifiedSince: since });
    expect(books.filtered).toBe(false);
    expect(books.items).toHaveLength(200);
    expect(zs.sandbox.stats.recent.at(-1)!.query.last_modified_time).toBeUndefined();
  });

  test('items.get and items.image', async () => {
    const zoho = client();
    const first = zs.sandbox.fixtures.items[0]!;
    expect((await zoho.items.get(first.item_id)).name).toBe(first.name);
    const withImage = (await zoho.items.list()).items.find((i) => i.image_name)!;
    const img = await zoho.items.image(withImage.item_id);
    expect(img.contentType).toMatch(/image\/png/);
    expect(img.data.subarray(1, 4).toString('ascii')).toBe('PNG');
  });

  test('contacts.list pages customers, oldest change first, and filters by modifiedSince', async () => {
    const zoho = client();
    const pages = [];
    for await (const p of zoho.contacts.listAll({ perPage: 40 })) pages.push(p);
    expect(pages.map((p) => p.contacts.length)).toEqual([40, 40, 20]);
    expect(pages.map((p) => p.hasMore)).toEqual([true, true, false]);
    const since = Date.now() - 1000;
    await zoho.contacts.create({ contact_name: 'Brand New Customer' });
    const changed = await zoho.contacts.list({ modifiedSince: since });
    expect(changed.contacts.map((c) => c.contact_name)).toEqual(['Brand New Customer']);
    const query = zs.sandbox.stats.recent.at(-1)!.query;
    expect(query).toMatchObject({ sort_column: 'last_modified_time', sort_order: 'A', per_page: '200' });
    // Not a filter Inventory's description of the list has: the connector's callers keep customers themselves.
    expect(query).not.toHaveProperty('contact_type');
  });

  test('contacts.search by email and by name, get, and not found', async () => {
    const zoho = client();
    const c = zs.sandbox.fixtures.customer;
    expect((await zoho.contacts.search({ email: c.email.toUpperCase() })).map((x) => x.contact_id)).toEqual([c.contact_id]);
    const byName = await zoho.contacts.search({ name: c.contact_name.slice(0, 6) });
    expect(byName.map((x) => x.contact_id)).toContain(c.contact_id);
    expect(await zoho.contacts.search({ email: 'nobody@nowhere.example' })).toEqual([]);
    const full = await zoho.contacts.get(c.contact_id);
    expect(full.billing_address?.address_id).toBeTruthy();
    expect(full.contact_persons?.[0]?.email).toBe(c.email);
    const err = await caught(zoho.contacts.get('999'));
    expect(err).toBeInstanceOf(ZohoNotFoundError);
    expect(err).toMatchObject({ code: 1002, httpStatus: 404, retryable: false });
  });
});

describe('writes', () => {
  test('contacts.create, then a second contact with the same name is a validation error', async () => {
    const zoho = client();
    const created = await zoho.contacts.create({
      contact_name: 'Fresh Shop',
      billing_address: { address: '1 Way', city: 'Springfield' },
      contact_persons: [{ first_name: 'Ada', email: 'ada@fresh.example', is_primary_contact: true }],
    });
    expect(created.contact_id).toBeTruthy();
    expect(created.email).toBe('ada@fresh.example');
    expect((await zoho.contacts.search({ email: 'ada@fresh.example' }))[0]?.contact_id).toBe(created.contact_id);
    const err = await caught(zoho.contacts.create({ contact_name: 'fresh shop' }));
    expect(err).toBeInstanceOf(ZohoValidationError);
    expect(err.message).toMatch(/already exists/);
    expect(zs.sandbox.state.createdContacts()).toHaveLength(1);
  });

  test('salesOrders.create uses the caller number, then get, getByNumber, confirm, void', async () => {
    const zoho = client();
    const so = await zoho.salesOrders.create(order(2), { number: 'SO-0001AAAA' });
    expect(so).toMatchObject({ salesorderNumber: 'SO-0001AAAA', status: 'draft', adopted: false });
    expect(zs.sandbox.stats.recent.find((r) => r.path === '/salesorders')!.query.ignore_auto_number_generation).toBe('true');
    expect((await zoho.salesOrders.getByNumber('SO-0001AAAA'))?.salesorder_id).toBe(so.salesorderId);
    expect(await zoho.salesOrders.getByNumber('SO-NOPE')).toBeUndefined();
    expect((await zoho.salesOrders.get(so.salesorderId)).line_items).toHaveLength(2);
    await zoho.salesOrders.confirm(so.salesorderId);
    await zoho.salesOrders.confirm(so.salesorderId); // a retried confirm is not an error
    expect((await zoho.salesOrders.get(so.salesorderId)).status).toBe('confirmed');
    await zoho.salesOrders.void(so.salesorderId);
    expect((await zoho.salesOrders.get(so.salesorderId)).status).toBe('void');
    expect(await caught(zoho.salesOrders.confirm(so.salesorderId))).toBeInstanceOf(ZohoValidationError);
  });

  test('a second create with the same number adopts the first order', async () => {
    const zoho = client();
    const a = await zoho.salesOrders.create(order(), { number: 'SO-TWICE' });
    const b = await zoho.salesOrders.create(order(), { number: 'SO-TWICE' });
    expect(b).toMatchObject({ adopted: true, salesorderId: a.salesorderId });
    expect(ordersWithNumber('SO-TWICE')).toHaveLength(1);
  });

  test('racing creates of one number from two clients make one order', async () => {
    const results = await Promise.all([1, 2, 3, 4].map(() => client().salesOrders.create(order(), { number: 'SO-RACE' })));
    expect(new Set(results.map((r) => r.salesorderId)).size).toBe(1);
    expect(results.filter((r) => !r.adopted)).toHaveLength(1);
    expect(ordersWithNumber('SO-RACE')).toHaveLength(1);
  });

  test('reads the created order under `sales_order` too', async () => {
    const renaming = (async (input: Parameters<typeof fetch>[0], init?: Parameters<typeof fetch>[1]) => {
      const res = await fetch(input, init);
      if (init?.method !== 'POST' || !String(input).includes('/salesorders')) return res;
      const body = (await res.json()) as Record<string, unknown>;
      const { salesorder, ...rest } = body;
      return new Response(JSON.stringify({ ...rest, sales_order: salesorder }), { status: res.status, headers: res.headers });
    }) as typeof fetch;
    const so = await client('inventory', { fetch: renaming }).salesOrders.create(order(), { number: 'SO-RENAMED' });
    expect(so.salesorderNumber).toBe('SO-RENAMED');
    expect(so.salesorderId).toBe(ordersWithNumber('SO-RENAMED')[0]!.salesorder_id);
  });

  test('Books: open instead of confirm, PDF attachment, estimates created idempotently', async () => {
    const zoho = client('books');
    const so = await zoho.salesOrders.create(order(), { number: 'SO-BOOKS1' });
    await zoho.salesOrders.confirm(so.salesorderId);
    expect((await zoho.salesOrders.get(so.salesorderId)).status).toBe('open');
    const pdf = Buffer.from('%PDF-1.4\n% satchel test\n%%EOF\n');
    await zoho.salesOrders.attachPdf(so.salesorderId, pdf, 'SO-BOOKS1.pdf');
    const att = zs.sandbox.state.attachments(so.salesorderId);
    expect(att).toHaveLength(1);
    expect(att[0]).toMatchObject({ file_name: 'SO-BOOKS1.pdf', file_type: 'application/pdf', file_size: pdf.length });
    expect(Buffer.from(att[0]!.data, 'base64').equals(pdf)).toBe(true);

    const est = await zoho.estimates.create({ ...order(), expiry_date: '2030-01-31' }, { number: 'QT-0001' });
    expect(est).toMatchObject({ estimateNumber: 'QT-0001', status: 'draft', adopted: false });
    const again = await zoho.estimates.create(order(), { number: 'QT-0001' });
    expect(again).toMatchObject({ adopted: true, estimateId: est.estimateId });
    expect((await zoho.estimates.getByNumber('QT-0001'))?.estimate_id).toBe(est.estimateId);
    expect(zs.sandbox.state.snapshot().estimates).toHaveLength(1);
  });

  test('Inventory has no estimates, locations are Inventory-only, attachments Books-only: refused before HTTP', async () => {
    const counting = countingFetch();
    const inv = client('inventory', { fetch: counting.fetch });
    expect(await caught(inv.estimates.create(order(), { number: 'QT-X' }))).toBeInstanceOf(ZohoValidationError);
    expect(await caught(inv.salesOrders.attachPdf('1', Buffer.from('x'), 'a.pdf'))).toBeInstanceOf(ZohoValidationError);
    expect(await caught(client('books', { fetch: counting.fetch }).locations.list())).toBeInstanceOf(ZohoValidationError);
    expect(counting.calls).toHaveLength(0);
  });
});

describe('validation before any HTTP call', () => {
  test.each([
    ['missing customer_id', { line_items: [{ item_id: '1', quantity: 1 }] }],
    ['empty customer_id', { customer_id: ' ', line_items: [{ item_id: '1', quantity: 1 }] }],
    ['empty line_items', { customer_id: '1', line_items: [] }],
    ['missing line_items', { customer_id: '1' }],
    ['a line without item or name', { customer_id: '1', line_items: [{ quantity: 1 }] }],
    ['zero quantity', { customer_id: '1', line_items: [{ item_id: '1', quantity: 0 }] }],
  ])('%s', async (_label, payload) => {
    const counting = countingFetch();
    const zoho = client('books', { fetch: counting.fetch });
    const err = await caught(zoho.salesOrders.create(payload as never, { number: 'SO-BAD' }));
    expect(err).toBeInstanceOf(ZohoValidationError);
    expect(err.retryable).toBe(false);
    expect(await caught(zoho.estimates.create(payload as never, { number: 'QT-BAD' }))).toBeInstanceOf(ZohoValidationError);
    expect(counting.calls).toHaveLength(0);
  });

  test('a contact without a name, an empty number', async () => {
    const counting = countingFetch();
    const zoho = client('inventory', { fetch: counting.fetch });
    expect(await caught(zoho.contacts.create({ contact_name: '' }))).toBeInstanceOf(ZohoValidationError);
    expect(await caught(zoho.salesOrders.create(order(), { number: '' }))).toBeInstanceOf(ZohoValidationError);
    expect(counting.calls).toHaveLength(0);
  });

  test("Zoho's own 400 comes back as ZohoValidationError with Zoho's message", async () => {
    const err = await caught(client().salesOrders.create({ customer_id: '404404', line_items: [{ item_id: 'x', quantity: 1 }] }, { number: 'SO-V' }));
    expect(err).toBeInstanceOf(ZohoValidationError);
    expect(err).toMatchObject({ httpStatus: 400, code: 2, retryable: false, message: 'Invalid value passed for customer_id' });
  });
});

describe('faults: zero duplicate documents after retries', () => {
  const create = (zoho: ZohoClient, number: string) => retryLikeActivity(() => zoho.salesOrders.create(order(), { number }));

  test('commit then drop: the lost answer is settled by lookup and the order adopted', async () => {
    const counting = countingFetch();
    const zoho = client('inventory', { fetch: counting.fetch });
    await zoho.organizations.list(); // token first, so the counts below are order calls only
    zs.sandbox.faults.set({ commitThenDrop: 1, match: '^POST /inventory/v1/salesorders$' });
    const so = await zoho.salesOrders.create(order(), { number: 'SO-DROP' });
    expect(so.adopted).toBe(true);
    expect(zs.sandbox.faults.fired.commitThenDrop).toBe(1);
    expect(ordersWithNumber('SO-DROP')).toHaveLength(1);
    expect(so.salesorderId).toBe(ordersWithNumber('SO-DROP')[0]!.salesorder_id);
    expect(counting.api()).toHaveLength(3); // create (dropped) + lookup by number + the orgs call
  });

  test('connection reset before processing: not created, the retry creates exactly one', async () => {
    const zoho = client();
    zs.sandbox.faults.set({ resets: 1, match: '^POST ' });
    const first = await caught(zoho.salesOrders.create(order(), { number: 'SO-RESET' }));
    expect(first).toBeInstanceOf(ZohoTransientError);
    expect(first).toMatchObject({ outcomeUnknown: true, retryable: true });
    expect(ordersWithNumber('SO-RESET')).toHaveLength(0);
    const so = await create(zoho, 'SO-RESET');
    expect(so.adopted).toBe(false);
    expect(ordersWithNumber('SO-RESET')).toHaveLength(1);
  });

  test('a 5xx burst: retries until it passes, one order', async () => {
    const zoho = client();
    zs.sandbox.faults.set({ errors5xx: 3 });
    const so = await create(zoho, 'SO-5XX');
    expect(so.salesorderNumber).toBe('SO-5XX');
    expect(zs.sandbox.faults.fired.errors5xx).toBe(3);
    expect(ordersWithNumber('SO-5XX')).toHaveLength(1);
  });

  test('latency past the timeout: the late commit is adopted on retry, one order', async () => {
    const zoho = client('inventory', { timeoutMs: 150 });
    await zoho.organizations.list();
    zs.sandbox.faults.set({ latencyMs: 400, match: '^POST /inventory/v1/salesorders$' });
    const first = await caught(zoho.salesOrders.create(order(), { number: 'SO-SLOW' }));
    expect(first).toBeInstanceOf(ZohoTransientError);
    expect(first).toMatchObject({ code: 'timeout', outcomeUnknown: true });
    await new Promise((r) => setTimeout(r, 500)); // the sandbox commits after its delay
    expect(ordersWithNumber('SO-SLOW')).toHaveLength(1);
    const so = await create(zoho, 'SO-SLOW');
    expect(so.adopted).toBe(true);
    expect(ordersWithNumber('SO-SLOW')).toHaveLength(1);
  });

  test('every fault at once, for many orders: each number exactly once', async () => {
    const zoho = client('inventory', { timeoutMs: 300 });
    zs.sandbox.faults.set({ errors5xx: 4, resets: 4, commitThenDrop: 4 });
    const numbers = Array.from({ length: 12 }, (_, i) => `SO-MIX${String(i).padStart(2, '0')}`);
    const created = await Promise.all(numbers.map((n) => create(zoho, n)));
    expect(created.map((c) => c.salesorderNumber)).toEqual(numbers);
    const all = zs.sandbox.state.snapshot().salesorders.map((s) => s.salesorder_number);
    expect(all.sort()).toEqual([...numbers].sort());
    expect(zs.sandbox.faults.fired).toEqual({ errors5xx: 4, resets: 4, commitThenDrop: 4 });
  });

  test('a 5xx on a read is transient without an unknown outcome', async () => {
    zs.sandbox.faults.set({ errors5xx: 1 });
    const zoho = client();
    const err = await caught(zoho.items.list());
    expect(err).toBeInstanceOf(ZohoTransientError);
    expect(err).toMatchObject({ httpStatus: 500, code: 1000, retryable: true, outcomeUnknown: false });
  });
});

describe('authentication', () => {
  test('tokens are cached; 20 concurrent calls make one token request; the API base comes from api_domain', async () => {
    const counting = countingFetch();
    const zoho = client('inventory', { fetch: counting.fetch });
    await Promise.all(Array.from({ length: 20 }, () => zoho.organizations.list()));
    await zoho.items.list();
    expect(counting.token()).toHaveLength(1);
    expect(zs.sandbox.stats.tokensIssued).toBe(1);
    expect(counting.api().every((c) => c.url.startsWith(`${zs.url}/inventory/v1/`))).toBe(true);
  });

  test('processes sharing one token store refresh once between them', async () => {
    const store = new MemoryTokenStore();
    const counting = countingFetch();
    const processes = Array.from({ length: 6 }, () => client('inventory', { tokenStore: store, fetch: counting.fetch }));
    await Promise.all(processes.flatMap((p) => [p.organizations.list(), p.locations.list()]));
    expect(counting.token()).toHaveLength(1);
  });

  test('a revoked token: refresh once, retry once, succeed', async () => {
    const counting = countingFetch();
    const zoho = client('inventory', { fetch: counting.fetch });
    await zoho.organizations.list();
    zs.sandbox.tokens.revokeAll();
    await Promise.all([zoho.organizations.list(), zoho.items.list()]);
    expect(counting.token()).toHaveLength(2);
    expect(zs.sandbox.stats.byStatus['401']).toBeGreaterThanOrEqual(1);
  });

  test('refused even with a fresh token: one refresh, then a non-retryable ZohoAuthError', async () => {
    const counting = countingFetch();
    // Strip the header on API calls, as if the token lacked the scope: every call answers 57.
    const stripping = (async (input: Parameters<typeof fetch>[0], init?: Parameters<typeof fetch>[1]) =>
      counting.fetch(input, String(input).includes('/oauth/') ? init : { ...init, headers: {} })) as typeof fetch;
    const err = await caught(client('inventory', { fetch: stripping }).salesOrders.getByNumber('SO-1'));
    expect(err).toBeInstanceOf(ZohoAuthError);
    expect(err).toMatchObject({ code: 57, httpStatus: 401, retryable: false });
    expect(err.message).toMatch(/scope/);
    expect(counting.token()).toHaveLength(2);
    expect(counting.api()).toHaveLength(2);
  });

  test('a wrong refresh token is a non-retryable ZohoAuthError that names the error but not the secret', async () => {
    const settings = { ...zs.settings(), refreshToken: '1000.wrong-secret-value' };
    const err = await caught(createZohoClient(settings, { tokenStore: new MemoryTokenStore(), limiter: unlimited }).organizations.list());
    expect(err).toBeInstanceOf(ZohoAuthError);
    expect(err).toMatchObject({ code: 'invalid_code', retryable: false });
    expect(JSON.stringify(err.toJSON())).not.toContain('wrong-secret-value');
  });

  test("Zoho's token throttle (HTTP 200 with an `error` body) becomes a token rate limit and blocks further requests", async () => {
    zs.sandbox.limits.configure({ tokenRequests: 2 });
    try {
      const counting = countingFetch();
      // The client's own budget is set higher than Zoho's here, to reach Zoho's throttle.
      const zoho = client('inventory', { fetch: counting.fetch, auth: { maxTokenRequests: 50 } });
      await zoho.organizations.list();
      zs.sandbox.tokens.revokeAll();
      await zoho.organizations.list();
      zs.sandbox.tokens.revokeAll();
      const err = await caught(zoho.organizations.list());
      expect(err).toBeInstanceOf(ZohoRateLimitError);
      expect(err).toMatchObject({ kind: 'token', retryable: true });
      expect((err as ZohoRateLimitError).retryAfterMs).toBeGreaterThan(9 * 60_000);
      const tokenCalls = counting.token().length;
      expect(await caught(zoho.organizations.list())).toBeInstanceOf(ZohoRateLimitError);
      expect(counting.token()).toHaveLength(tokenCalls); // blocked locally: no more requests to extend Zoho's block
    } finally {
      zs.sandbox.limits.configure({ tokenRequests: 10 });
    }
  });

  test('never more than 10 token requests per 10 minutes, however often tokens are rejected', async () => {
    const counting = countingFetch();
    const store = new MemoryTokenStore();
    const zoho = client('inventory', { fetch: counting.fetch, tokenStore: store });
    let limited: ZohoError | undefined;
    for (let i = 0; i < 14 && !limited; i++) {
      zs.sandbox.tokens.revokeAll();
      limited = await zoho.organizations.list().then(
        () => undefined,
        (e: ZohoError) => e,
      );
    }
    expect(limited).toBeInstanceOf(ZohoRateLimitError);
    expect(limited).toMatchObject({ kind: 'token' });
    expect(counting.token()).toHaveLength(10);
    expect(zs.sandbox.stats.tokenThrottled).toBe(0);
  });
});

describe('rate limits', () => {
  afterEach(() => zs.sandbox.limits.configure({ perWindow: 100, windowMs: 60_000, perDay: 10_000, concurrency: 10, rateHeaders: 'minute' }));

  test('per minute: code 44 → kind per_minute, retryAfterMs from X-Rate-Limit-Reset', async () => {
    zs.sandbox.limits.configure({ perWindow: 3, windowMs: 60_000 });
    const zoho = client();
    await zoho.organizations.list();
    await zoho.organizations.list();
    await zoho.organizations.list();
    const before = Date.now();
    const err = (await caught(zoho.organizations.list())) as ZohoRateLimitError;
    expect(err).toBeInstanceOf(ZohoRateLimitError);
    expect(err).toMatchObject({ kind: 'per_minute', code: 44, httpStatus: 429, retryable: true });
    const untilWindowEnd = 60_000 - (before % 60_000);
    expect(err.retryAfterMs).toBeGreaterThan(0);
    expect(Math.abs(err.retryAfterMs - untilWindowEnd)).toBeLessThan(1500);
  });

  test('each answer’s rate headers are read by their numbers: the minute window, or the day’s quota', async () => {
    const readings: RateReading[] = [];
    const zoho = client('inventory', { onRateReading: (r) => readings.push(r) });
    zs.sandbox.limits.configure({ perWindow: 100, windowMs: 60_000, perDay: 7500, rateHeaders: 'minute' });
    await zoho.organizations.list();
    expect(readings.at(-1)).toMatchObject({ window: 'minute', limit: 100 });
    zs.sandbox.limits.configure({ rateHeaders: 'day' });
    const before = Date.now();
    await zoho.organizations.list();
    const day = readings.at(-1)!;
    expect(day).toMatchObject({ window: 'day', limit: 7500 });
    expect(day.remaining).toBeLessThan(7500);
    expect(day.resetsAt! - before).toBeGreaterThan(60_000);
  });

  test('per minute with the rate headers carrying the day (as Zoho has sent them): the retry still comes within the minute', async () => {
    zs.sandbox.limits.configure({ perWindow: 2, windowMs: 60_000, perDay: 7500, rateHeaders: 'day' });
    const zoho = client();
    await zoho.organizations.list();
    await zoho.organizations.list();
    const before = Date.now();
    const err = (await caught(zoho.organizations.list())) as ZohoRateLimitError;
    expect(err).toMatchObject({ kind: 'per_minute', code: 44 });
    // The answer said hours (the daily reset); the connector must not believe it for code 44.
    expect(zs.sandbox.limits.settings.rateHeaders).toBe('day');
    expect(err.retryAfterMs).toBeGreaterThan(0);
    expect(err.retryAfterMs).toBeLessThanOrEqual(60_000);
    expect(Math.abs(err.retryAfterMs - (60_000 - (before % 60_000)))).toBeLessThan(1500);
  });

  test('per minute in a compressed window (tests, benches): the short reset in the headers is taken as it is', () => {
    const now = 1_000_000_000_000 + 12_345;
    expect(retryAfterMs('per_minute', new Headers({ 'X-Rate-Limit-Reset': '2.5' }), now)).toBe(2500);
    expect(retryAfterMs('per_minute', new Headers({ 'X-Rate-Limit-Reset': '34881' }), now)).toBe(60_000 - (now % 60_000));
    expect(retryAfterMs('per_minute', new Headers({ 'X-Rate-Limit-Reset': '' }), now)).toBe(60_000 - (now % 60_000));
    expect(retryAfterMs('daily', new Headers({ 'X-Rate-Limit-Reset': '34881' }), now)).toBe(34_881_000);
  });

  test('daily: code 45 → kind daily', async () => {
    zs.sandbox.limits.configure({ perDay: 1 });
    const zoho = client();
    await zoho.organizations.list();
    const err = (await caught(zoho.organizations.list())) as ZohoRateLimitError;
    expect(err).toMatchObject({ name: 'ZohoRateLimitError', kind: 'daily', code: 45 });
    expect(err.retryAfterMs).toBeGreaterThan(0);
    expect(err.retryAfterMs).toBeLessThanOrEqual(86_400_000);
  });

  test('concurrency: code 1070 → kind concurrency, about a second', async () => {
    zs.sandbox.limits.configure({ concurrency: 1 });
    zs.sandbox.faults.set({ latencyMs: 200 });
    const zoho = client();
    await zoho.getAccessToken();
    const results = await Promise.allSettled([zoho.organizations.list(), zoho.organizations.list()]);
    const rejected = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(rejected).toHaveLength(1);
    expect(rejected[0]!.reason).toMatchObject({ name: 'ZohoRateLimitError', kind: 'concurrency', code: 1070, retryAfterMs: 1000 });
  });

  test('the in-process limiter keeps a burst under the limit: no 429 at all', async () => {
    zs.sandbox.limits.configure({ perWindow: 10, windowMs: 400, concurrency: 3 });
    const zoho = client('inventory', { limiter: new InProcessRateLimiter({ perWindow: 10, windowMs: 400, concurrency: 3 }) });
    await Promise.all(Array.from({ length: 25 }, () => zoho.organizations.list()));
    expect(zs.sandbox.stats.rateLimited).toEqual({});
    expect(zs.sandbox.stats.byStatus['200']).toBe(25);
  });

  test('errors serialise to plain objects for Temporal', async () => {
    zs.sandbox.limits.configure({ perDay: 0 });
    const err = await caught(client().organizations.list());
    const json = JSON.parse(JSON.stringify(err)) as Record<string, unknown>;
    expect(json).toMatchObject({ name: 'ZohoRateLimitError', kind: 'daily', code: 45, httpStatus: 429, retryable: true });
    expect(typeof json.message).toBe('string');
    expect(typeof json.retryAfterMs).toBe('number');
  });
});

describe('readRateHeaders', () => {
  const h = (limit: string, remaining: string, reset: string) =>
    new Headers({ 'x-rate-limit-limit': limit, 'x-rate-limit-remaining': remaining, 'x-rate-limit-reset': reset });
  const now = Date.UTC(2026, 11, 1, 12, 0, 0);
  test.each([
    ['100 / 37 / 23 s: the minute', h('100', '37', '23'), 'minute'],
    ['7500 / 6775 / 34881 s (seen from Zoho): the day', h('7500', '6775', '34881'), 'day'],
    ['100 / 50 / 3600 s: a reset beyond the minute is the day', h('100', '50', '3600'), 'day'],
    ['10000 / 9000 / 20 s: no minute window has that limit', h('10000', '9000', '20'), 'day'],
  ])('%s', (_name, headers, window) => {
    expect(readRateHeaders(headers, now)?.window).toBe(window);
  });
  test('missing or unreadable numbers give no reading', () => {
    expect(readRateHeaders(new Headers(), now)).toBeUndefined();
    expect(readRateHeaders(h('lots', '3', '20'), now)).toBeUndefined();
    expect(readRateHeaders(h('100', '-1', '20'), now)).toBeUndefined();
  });
});

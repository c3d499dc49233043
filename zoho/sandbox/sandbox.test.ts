/**
 * The sandbox spoken to with plain fetch, with requests shaped like the examples in Zoho's API
 * documentation (JSON bodies, and the older form `JSONString=` bodies), checking Zoho's answers.
 */
import { SANDBOX_DEMO } from '../../config';
import { startSandbox, type RunningSandbox } from '../testing';

let zs: RunningSandbox;
let token: string;
const ORG = SANDBOX_DEMO.organizationId;

beforeAll(async () => {
  zs = await startSandbox();
});
afterAll(async () => {
  await zs.close();
});
beforeEach(async () => {
  zs.sandbox.reset();
  zs.sandbox.limits.configure({ perWindow: 100, windowMs: 60_000, perDay: 10_000, concurrency: 10, tokenRequests: 10 });
  token = await newToken();
});

async function newToken(): Promise<string> {
  // As in Zoho's docs: everything in the query string of a POST.
  const q = new URLSearchParams({
    refresh_token: SANDBOX_DEMO.refreshToken,
    client_id: SANDBOX_DEMO.clientId,
    client_secret: SANDBOX_DEMO.clientSecret,
    grant_type: 'refresh_token',
  });
  const res = await fetch(`${zs.url}/oauth/v2/token?${q}`, { method: 'POST' });
  const body = (await res.json()) as { access_token: string };
  return body.access_token;
}

type Body = Record<string, unknown> & { code: number; message: string };

async function api(
  method: string,
  path: string,
  init: { json?: unknown; form?: Record<string, string>; query?: Record<string, string>; headers?: Record<string, string> } = {},
) {
  const url = new URL(`${zs.url}${path}`);
  url.searchParams.set('organization_id', ORG);
  for (const [k, v] of Object.entries(init.query ?? {})) url.searchParams.set(k, v);
  const headers: Record<string, string> = { Authorization: `Zoho-oauthtoken ${token}`, ...init.headers };
  let body: string | undefined;
  if (init.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(init.json);
  } else if (init.form) {
    headers['content-type'] = 'application/x-www-form-urlencoded;charset=UTF-8';
    body = new URLSearchParams(init.form).toString();
  }
  const res = await fetch(url, { method, headers, body });
  return { status: res.status, headers: res.headers, body: (await res.json()) as Body };
}

const f = () => zs.sandbox.fixtures;

describe('OAuth', () => {
  test('refresh grant answers like Zoho Accounts, with api_domain = the sandbox itself', async () => {
    const form = new URLSearchParams({
      refresh_token: SANDBOX_DEMO.refreshToken,
      client_id: SANDBOX_DEMO.clientId,
      client_secret: SANDBOX_DEMO.clientSecret,
      grant_type: 'refresh_token',
    });
    const res = await fetch(`${zs.url}/oauth/v2/token`, { method: 'POST', body: form });
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ api_domain: zs.url, token_type: 'Bearer', expires_in: 3600 });
    expect(body.access_token).toMatch(/^1000\.[0-9a-f]+\.[0-9a-f]+$/);
  });

  test('wrong client or refresh token: an `error` body with HTTP 200', async () => {
    const bad = async (over: Record<string, string>) => {
      const q = new URLSearchParams({
        refresh_token: SANDBOX_DEMO.refreshToken,
        client_id: SANDBOX_DEMO.clientId,
        client_secret: SANDBOX_DEMO.clientSecret,
        grant_type: 'refresh_token',
        ...over,
      });
      const res = await fetch(`${zs.url}/oauth/v2/token?${q}`, { method: 'POST' });
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
    };
    expect(await bad({ client_secret: 'nope' })).toEqual({ status: 200, body: { error: 'invalid_client' } });
    expect(await bad({ refresh_token: 'nope' })).toEqual({ status: 200, body: { error: 'invalid_code' } });
  });

  test('the 11th token request in the window is refused with HTTP 200 and an `error` body', async () => {
    zs.sandbox.limits.reset();
    for (let i = 0; i < 10; i++) expect(await newToken()).toBeTruthy();
    const res = await fetch(
      `${zs.url}/oauth/v2/token?${new URLSearchParams({ refresh_token: SANDBOX_DEMO.refreshToken, client_id: SANDBOX_DEMO.clientId, client_secret: SANDBOX_DEMO.clientSecret, grant_type: 'refresh_token' })}`,
      { method: 'POST' },
    );
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      error: 'Access Denied',
      error_description: 'You have made too many requests continuously. Please try again after some time.',
    });
    expect(zs.sandbox.stats.tokenThrottled).toBe(1);
    expect(zs.sandbox.stats.tokensIssued).toBe(11); // 10 here + the one from beforeEach before the reset
  });

  test('API calls without a token, with a bad one, or with an expired one: 401 code 57', async () => {
    const unauth = await fetch(`${zs.url}/inventory/v1/items?organization_id=${ORG}`);
    expect(unauth.status).toBe(401);
    expect(await unauth.json()).toEqual({ code: 57, message: 'You are not authorized to perform this operation' });
    const wrong = await fetch(`${zs.url}/inventory/v1/items?organization_id=${ORG}`, { headers: { Authorization: 'Zoho-oauthtoken 1000.forged' } });
    expect(wrong.status).toBe(401);
    const bearer = await fetch(`${zs.url}/inventory/v1/items?organization_id=${ORG}`, { headers: { Authorization: `Bearer ${token}` } });
    expect(bearer.status).toBe(401);
    zs.sandbox.tokens.revokeAll();
    expect((await api('GET', '/inventory/v1/items')).body.code).toBe(57);
  });
});

describe('Inventory, docs-shaped requests', () => {
  test('POST /salesorders with a JSON body as in the docs example (numeric ids, extra fields)', async () => {
    const item = f().items[0]!;
    // The shape of Zoho Inventory's "Create a sales order" example, with the sandbox's ids.
    const res = await api('POST', '/inventory/v1/salesorders', {
      query: { ignore_auto_number_generation: 'true' },
      json: {
        customer_id: Number(f().customer.contact_id),
        salesorder_number: 'SO-00001',
        date: '2015-05-28',
        shipment_date: '2015-06-02',
        reference_number: 'REF-DOCS',
        line_items: [
          {
            item_id: Number(item.item_id),
            name: item.name,
            description: 'Just a sample description.',
            rate: 122,
            quantity: 2,
            unit: 'qty',
            tax_id: Number(f().taxIds[0]),
            tax_name: 'Sales Tax',
            tax_type: 'tax',
            tax_percentage: 12,
            item_total: 244,
            location_id: f().locationIds[0],
          },
        ],
        notes: 'Sample Note',
        terms: 'Terms and Conditions',
        discount: '20.00%',
        shipping_charge: 7,
        delivery_method: 'FedEx',
        adjustment: 0,
        adjustment_description: 'Adjustment',
      },
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ code: 0, message: 'Sales Order has been created.' });
    const so = res.body.salesorder as Record<string, unknown>;
    expect(so).toMatchObject({
      salesorder_number: 'SO-00001',
      status: 'draft',
      customer_id: f().customer.contact_id,
      customer_name: f().customer.contact_name,
      date: '2015-05-28',
      shipment_date: '2015-06-02',
      delivery_method: 'FedEx',
      sub_total: 244,
    });
    expect(so.salesorder_id).toMatch(/^\d+$/);
    // Tax comes from the tax id (8.25%), not the sent percentage; 20% discount on the sub total.
    expect(so.tax_total).toBe(20.13);
    expect(so.total).toBe(Math.round((244 - 48.8 + 20.13 + 7) * 100) / 100);
  });

  test('the same number again: 400 with the duplicate code and "... number ... already exists"', async () => {
    const payload = { customer_id: f().customer.contact_id, salesorder_number: 'SO-DUP', line_items: [{ item_id: f().items[0]!.item_id, quantity: 1 }] };
    expect((await api('POST', '/inventory/v1/salesorders', { query: { ignore_auto_number_generation: 'true' }, json: payload })).status).toBe(201);
    const again = await api('POST', '/inventory/v1/salesorders', { query: { ignore_auto_number_generation: 'true' }, json: payload });
    expect(again.status).toBe(400);
    expect(again.body).toEqual({ code: 1001, message: 'Sales Order number "SO-DUP" already exists.' });
  });

  test('without ignore_auto_number_generation the number is generated and the sent one ignored', async () => {
    const payload = { customer_id: f().customer.contact_id, salesorder_number: 'MINE-1', line_items: [{ item_id: f().items[1]!.item_id, quantity: 3 }] };
    const a = await api('POST', '/inventory/v1/salesorders', { json: payload });
    const b = await api('POST', '/inventory/v1/salesorders', { json: payload });
    expect((a.body.salesorder as Record<string, unknown>).salesorder_number).toBe('SO-00001');
    expect((b.body.salesorder as Record<string, unknown>).salesorder_number).toBe('SO-00002');
  });

  test('form body `JSONString=` (older clients) creates a contact', async () => {
    const res = await api('POST', '/inventory/v1/contacts', {
      form: {
        JSONString: JSON.stringify({
          contact_name: 'Bowman and Co',
          company_name: 'Bowman and Co',
          contact_type: 'customer',
          billing_address: {
            attention: 'Mr.John',
            address: '4900 Hopyard Rd',
            street2: 'Suite 310',
            city: 'Pleasanton',
            state: 'CA',
            zip: 94588,
            country: 'U.S.A',
          },
          contact_persons: [
            { first_name: 'Will', last_name: 'Smith', email: 'willsmith@bowmanfurniture.com', phone: '+1-925-921-9201', is_primary_contact: true },
          ],
        }),
      },
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ code: 0, message: 'The contact has been added.' });
    const c = res.body.contact as Record<string, unknown>;
    expect(c).toMatchObject({ contact_name: 'Bowman and Co', email: 'willsmith@bowmanfurniture.com', contact_type: 'customer' });
    expect((c.billing_address as Record<string, unknown>).zip).toBe('94588');
    const found = await api('GET', '/inventory/v1/contacts', { query: { email: 'willsmith@bowmanfurniture.com' } });
    expect((found.body.contacts as unknown[]).length).toBe(1);
    const bad = await api('POST', '/inventory/v1/contacts', { form: { JSONString: '{not json' } });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ code: 1038, message: 'JSON is not well formed' });
  });

  test('lists carry page_context; per_page and page page through; 200 is the cap', async () => {
    const first = await api('GET', '/inventory/v1/items', { query: { per_page: '50', page: '1' } });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ code: 0, message: 'success' });
    expect(first.body.items as unknown[]).toHaveLength(50);
    expect(first.body.page_context).toMatchObject({ page: 1, per_page: 50, has_more_page: true });
    const last = await api('GET', '/inventory/v1/items', { query: { per_page: '200', page: '2' } });
    expect(last.body.items as unknown[]).toHaveLength(100);
    expect(last.body.page_context).toMatchObject({ page: 2, per_page: 200, has_more_page: false });
    const dflt = await api('GET', '/inventory/v1/contacts');
    expect(dflt.body.page_context).toMatchObject({ page: 1, per_page: 200, has_more_page: false });
    expect((await api('GET', '/inventory/v1/items', { query: { per_page: '201' } })).status).toBe(400);
    const item = (first.body.items as Array<Record<string, unknown>>)[0]!;
    for (const key of [
      'item_id',
      'name',
      'sku',
      'status',
      'rate',
      'unit',
      'tax_id',
      'tax_name',
      'tax_percentage',
      'stock_on_hand',
      'available_stock',
      'actual_available_stock',
      'image_name',
      'description',
      'last_modified_time',
      'locations',
    ]) {
      expect(item).toHaveProperty(key);
    }
  });

  test('items by last_modified_time after a mutation, oldest change first', async () => {
    const before = new Date(Date.now() - 1000).toISOString().replace(/\.\d{3}Z$/, '-0000');
    const mutated = await fetch(`${zs.url}/__sandbox/mutate`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ count: 5, add: 2 }),
    });
    const { changed, item_ids } = (await mutated.json()) as { changed: number; item_ids: string[] };
    expect(changed).toBe(7);
    const res = await api('GET', '/inventory/v1/items', { query: { last_modified_time: before, sort_column: 'last_modified_time', sort_order: 'A' } });
    const ids = (res.body.items as Array<{ item_id: string }>).map((i) => i.item_id);
    expect(new Set(ids)).toEqual(new Set(item_ids));
    expect((await api('GET', '/inventory/v1/items')).body.page_context).toMatchObject({ has_more_page: true });
    // Books ignores the time filter.
    expect((await api('GET', '/books/v3/items', { query: { last_modified_time: before } })).body.items as unknown[]).toHaveLength(200);
  });

  test('contacts: contact_name_contains and search_text; sales orders: salesorder_number and search_text', async () => {
    const byName = await api('GET', '/inventory/v1/contacts', { query: { contact_name_contains: f().customer.contact_name.slice(2, 8) } });
    expect((byName.body.contacts as Array<{ contact_id: string }>).map((c) => c.contact_id)).toContain(f().customer.contact_id);
    const bySearch = await api('GET', '/inventory/v1/contacts', { query: { search_text: f().customer.email } });
    expect((bySearch.body.contacts as unknown[]).length).toBe(1);
    await api('POST', '/inventory/v1/salesorders', {
      query: { ignore_auto_number_generation: 'true' },
      json: { customer_id: f().customer.contact_id, salesorder_number: 'SO-FINDME', line_items: [{ item_id: f().items[0]!.item_id, quantity: 1 }] },
    });
    for (const query of [{ salesorder_number: 'SO-FINDME' }, { search_text: 'FINDME' }] as Array<Record<string, string>>) {
      const res = await api('GET', '/inventory/v1/salesorders', { query });
      expect(res.body.salesorders as unknown[]).toHaveLength(1);
      expect(res.body.page_context).toMatchObject({ page: 1, has_more_page: false });
    }
    expect((await api('GET', '/inventory/v1/salesorders', { query: { salesorder_number: 'SO-NOPE' } })).body.salesorders).toEqual([]);
  });

  test('status: draft → confirmed → void; Books uses open', async () => {
    const create = (base: string, number: string) =>
      api('POST', `${base}/salesorders`, {
        query: { ignore_auto_number_generation: 'true' },
        json: { customer_id: f().customer.contact_id, salesorder_number: number, line_items: [{ item_id: f().items[0]!.item_id, quantity: 1 }] },
      }).then((r) => (r.body.salesorder as { salesorder_id: string }).salesorder_id);
    const inv = await create('/inventory/v1', 'SO-ST1');
    expect((await api('POST', `/inventory/v1/salesorders/${inv}/status/confirmed`)).body).toMatchObject({ code: 0 });
    expect((await api('POST', `/inventory/v1/salesorders/${inv}/status/open`)).status).toBe(404);
    expect((await api('POST', `/inventory/v1/salesorders/${inv}/status/void`)).status).toBe(200);
    expect(((await api('GET', `/inventory/v1/salesorders/${inv}`)).body.salesorder as { status: string }).status).toBe('void');
    const books = await create('/books/v3', 'SO-ST2');
    expect((await api('POST', `/books/v3/salesorders/${books}/status/open`)).status).toBe(200);
    expect(((await api('GET', `/books/v3/salesorders/${books}`)).body.salesorder as { status: string }).status).toBe('open');
  });

  test('organizations, pricebooks, locations, item image; unknown ids and URLs', async () => {
    const orgs = await api('GET', '/inventory/v1/organizations');
    expect(orgs.body.organizations).toEqual([expect.objectContaining({ organization_id: ORG, currency_code: 'USD' })]);
    const pbs = await api('GET', '/inventory/v1/pricebooks');
    expect(pbs.body.pricebooks as unknown[]).toHaveLength(6);
    const locs = await api('GET', '/inventory/v1/locations');
    expect(locs.body.locations as unknown[]).toHaveLength(3);
    expect((await api('GET', '/books/v3/locations')).body).toEqual({ code: 5, message: 'Invalid URL Passed' });
    const img = await fetch(`${zs.url}/inventory/v1/items/${f().items[0]!.item_id}/image?organization_id=${ORG}`, {
      headers: { Authorization: `Zoho-oauthtoken ${token}` },
    });
    const png = Buffer.from(await img.arrayBuffer());
    expect(img.headers.get('content-type')).toBe('image/png');
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(await api('GET', '/inventory/v1/salesorders/123')).toMatchObject({ status: 404, body: { code: 1002 } });
    expect(await api('GET', '/inventory/v1/contacts/123')).toMatchObject({ status: 404, body: { code: 1002 } });
  });

  test('organization_id is checked on every call', async () => {
    const missing = await fetch(`${zs.url}/inventory/v1/items`, { headers: { Authorization: `Zoho-oauthtoken ${token}` } });
    expect(missing.status).toBe(400);
    expect(((await missing.json()) as Body).code).toBe(6041);
    const other = await fetch(`${zs.url}/inventory/v1/items?organization_id=123`, { headers: { Authorization: `Zoho-oauthtoken ${token}` } });
    expect(other.status).toBe(400);
  });

  test('validation answers: no customer, no lines, unknown item', async () => {
    const post = (json: unknown) => api('POST', '/inventory/v1/salesorders', { json });
    expect(await post({ line_items: [{ item_id: f().items[0]!.item_id, quantity: 1 }] })).toMatchObject({ status: 400, body: { code: 2 } });
    expect(await post({ customer_id: f().customer.contact_id, line_items: [] })).toMatchObject({ status: 400, body: { code: 15 } });
    expect(await post({ customer_id: f().customer.contact_id, line_items: [{ item_id: '999', quantity: 1 }] })).toMatchObject({
      status: 400,
      body: { code: 2 },
    });
  });
});

describe('Books', () => {
  test('estimates with ignore_auto_number_generation, listed by estimate_number', async () => {
    const json = {
      customer_id: f().customer.contact_id,
      estimate_number: 'QT-1',
      expiry_date: '2030-01-01',
      line_items: [{ item_id: f().items[0]!.item_id, quantity: 2 }],
    };
    const res = await api('POST', '/books/v3/estimates', { query: { ignore_auto_number_generation: 'true' }, json });
    expect(res.status).toBe(201);
    expect(res.body.estimate).toMatchObject({ estimate_number: 'QT-1', status: 'draft', expiry_date: '2030-01-01' });
    const dup = await api('POST', '/books/v3/estimates', { query: { ignore_auto_number_generation: 'true' }, json });
    expect(dup.body).toEqual({ code: 1001, message: 'Estimate number "QT-1" already exists.' });
    expect((await api('GET', '/books/v3/estimates', { query: { estimate_number: 'QT-1' } })).body.estimates as unknown[]).toHaveLength(1);
    expect((await api('POST', '/inventory/v1/estimates', { json })).status).toBe(404);
  });

  test('attachment: multipart field `attachment`, and served back', async () => {
    const created = await api('POST', '/books/v3/salesorders', {
      json: { customer_id: f().customer.contact_id, line_items: [{ item_id: f().items[0]!.item_id, quantity: 1 }] },
    });
    const id = (created.body.salesorder as { salesorder_id: string }).salesorder_id;
    const pdf = Buffer.from('%PDF-1.4 hello %%EOF');
    const form = new FormData();
    form.append('attachment', new Blob([new Uint8Array(pdf)], { type: 'application/pdf' }), 'order.pdf');
    const res = await fetch(`${zs.url}/books/v3/salesorders/${id}/attachment?organization_id=${ORG}`, {
      method: 'POST',
      headers: { Authorization: `Zoho-oauthtoken ${token}` },
      body: form,
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ code: 0, message: 'Your file has been attached.' });
    const back = await fetch(`${zs.url}/books/v3/salesorders/${id}/attachment?organization_id=${ORG}`, {
      headers: { Authorization: `Zoho-oauthtoken ${token}` },
    });
    expect(Buffer.from(await back.arrayBuffer()).equals(pdf)).toBe(true);
    expect(((await api('GET', `/books/v3/salesorders/${id}`)).body.salesorder as { has_attachment: boolean }).has_attachment).toBe(true);
    const wrongField = new FormData();
    wrongField.append('file', new Blob([new Uint8Array(pdf)]), 'x.pdf');
    const bad = await fetch(`${zs.url}/books/v3/salesorders/${id}/attachment?organization_id=${ORG}`, {
      method: 'POST',
      headers: { Authorization: `Zoho-oauthtoken ${token}` },
      body: wrongField,
    });
    expect(bad.status).toBe(400);
  });
});

describe('limits', () => {
  test('per minute: fixed window, 429 code 44 with X-Rate-Limit-* headers, open again in the next window', async () => {
    zs.sandbox.limits.configure({ perWindow: 3, windowMs: 400 });
    // Start right after a window boundary so all four calls land in one window.
    await new Promise((r) => setTimeout(r, 400 - (Date.now() % 400) + 5));
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push(await api('GET', '/inventory/v1/organizations'));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 429]);
    expect(answers[0]!.headers.get('x-rate-limit-limit')).toBe('3');
    expect(answers[2]!.headers.get('x-rate-limit-remaining')).toBe('0');
    expect(answers[3]!.body.code).toBe(44);
    expect(answers[3]!.body.message).toMatch(/maximum number of requests per minute/);
    const reset = Number(answers[3]!.headers.get('x-rate-limit-reset'));
    expect(reset).toBeGreaterThan(0);
    expect(reset).toBeLessThanOrEqual(0.4);
    await new Promise((r) => setTimeout(r, reset * 1000 + 20));
    expect((await api('GET', '/inventory/v1/organizations')).status).toBe(200);
  });

  test('daily: 429 code 45', async () => {
    zs.sandbox.limits.configure({ perDay: 2 });
    await api('GET', '/inventory/v1/organizations');
    await api('GET', '/inventory/v1/organizations');
    expect(await api('GET', '/inventory/v1/organizations')).toMatchObject({ status: 429, body: { code: 45 } });
  });

  test('concurrency: 429 code 1070 while the slots are taken', async () => {
    zs.sandbox.limits.configure({ concurrency: 2 });
    zs.sandbox.faults.set({ latencyMs: 150 });
    const answers = await Promise.all([1, 2, 3].map(() => api('GET', '/inventory/v1/organizations')));
    expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 429]);
    expect(answers.find((a) => a.status === 429)!.body.code).toBe(1070);
  });
});

describe('faults over HTTP', () => {
  const setFaults = (body: unknown) =>
    fetch(`${zs.url}/__sandbox/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }).then((r) => r.json());
  const order = (number: string) => ({
    customer_id: f().customer.contact_id,
    salesorder_number: number,
    line_items: [{ item_id: f().items[0]!.item_id, quantity: 1 }],
  });

  test('5xx burst: the next N calls answer 500 code 1000, then normal', async () => {
    expect(await setFaults({ errors5xx: 2 })).toEqual({ faults: { errors5xx: 2 } });
    expect(await api('GET', '/inventory/v1/organizations')).toMatchObject({ status: 500, body: { code: 1000, message: 'Internal error' } });
    expect((await api('GET', '/inventory/v1/organizations')).status).toBe(500);
    expect((await api('GET', '/inventory/v1/organizations')).status).toBe(200);
  });

  test('reset: the connection dies before anything is done', async () => {
    await setFaults({ resets: 1 });
    await expect(api('POST', '/inventory/v1/salesorders', { query: { ignore_auto_number_generation: 'true' }, json: order('SO-R') })).rejects.toThrow();
    expect(zs.sandbox.state.salesOrders()).toHaveLength(0);
  });

  test('commit then drop: the connection dies, but the order exists', async () => {
    await setFaults({ commitThenDrop: 1 });
    await expect(api('POST', '/inventory/v1/salesorders', { query: { ignore_auto_number_generation: 'true' }, json: order('SO-CD') })).rejects.toThrow();
    expect(zs.sandbox.state.salesOrders().map((s) => s.salesorder_number)).toEqual(['SO-CD']);
    // Only creates are dropped: a read goes through untouched while one is armed.
    await setFaults({ commitThenDrop: 1 });
    expect((await api('GET', '/inventory/v1/salesorders', { query: { salesorder_number: 'SO-CD' } })).status).toBe(200);
  });

  test('latency and match; DELETE clears', async () => {
    await setFaults({ latencyMs: 250, match: '^GET /inventory/v1/items$' });
    let t = Date.now();
    await api('GET', '/inventory/v1/items');
    expect(Date.now() - t).toBeGreaterThanOrEqual(240);
    t = Date.now();
    await api('GET', '/inventory/v1/contacts');
    expect(Date.now() - t).toBeLessThan(200);
    const cleared = await fetch(`${zs.url}/__sandbox/faults`, { method: 'DELETE' }).then((r) => r.json());
    expect(cleared).toEqual({ faults: {} });
    t = Date.now();
    await api('GET', '/inventory/v1/items');
    expect(Date.now() - t).toBeLessThan(200);
  });

  test('a bad match pattern is refused', async () => {
    const res = await fetch(`${zs.url}/__sandbox/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ match: '(' }),
    });
    expect(res.status).toBe(400);
  });
});

describe('state, reset and the HTML page', () => {
  test('GET /__sandbox/state shows documents and counters; POST /__sandbox/reset empties them', async () => {
    await api('POST', '/inventory/v1/salesorders', {
      json: { customer_id: f().customer.contact_id, line_items: [{ item_id: f().items[0]!.item_id, quantity: 1 }] },
    });
    const state = (await fetch(`${zs.url}/__sandbox/state`).then((r) => r.json())) as {
      counts: Record<string, number>;
      salesorders: unknown[];
      stats: { apiCalls: number };
    };
    expect(state.counts).toMatchObject({ items: 300, contacts: 100, salesorders: 1, estimates: 0 });
    expect(state.salesorders).toHaveLength(1);
    expect(state.stats.apiCalls).toBe(1);
    expect((await fetch(`${zs.url}/__sandbox/reset`, { method: 'POST' })).status).toBe(200);
    const after = (await fetch(`${zs.url}/__sandbox/state`).then((r) => r.json())) as { counts: Record<string, number> };
    expect(after.counts.salesorders).toBe(0);
  });

  test('the page at / lists orders and contacts, escaped', async () => {
    const nasty = '<script>alert("x")</script> & Co';
    const c = await api('POST', '/inventory/v1/contacts', { json: { contact_name: nasty } });
    const contactId = (c.body.contact as { contact_id: string }).contact_id;
    await api('POST', '/inventory/v1/salesorders', {
      query: { ignore_auto_number_generation: 'true' },
      json: { customer_id: contactId, salesorder_number: 'SO-<b>HTML</b>', line_items: [{ item_id: f().items[0]!.item_id, quantity: 2, rate: 10 }] },
    });
    const res = await fetch(`${zs.url}/`);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    const html = await res.text();
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<b>HTML</b>');
    expect(html).toContain('&#60;script&#62;alert(&#34;x&#34;)&#60;/script&#62; &#38; Co');
    expect(html).toContain('SO-&#60;b&#62;HTML&#60;/b&#62;');
    expect(html).toContain('draft');
  });

  test('the page shows the demo organization: locations, the tax group, currencies, price lists, item groups, unusual customers', async () => {
    const html = await (await fetch(`${zs.url}/`)).text();
    const data = zs.sandbox.state.snapshot();
    for (const l of data.locations) expect(html).toContain(l.location_name);
    expect(html).toContain('State + County + City');
    expect(html).toContain('State + County + City surcharge'); // the group's members, in order
    for (const c of zs.sandbox.state.currencies()) expect(html).toContain(`<td>${c.currency_code}</td>`);
    for (const p of data.pricebooks) expect(html).toContain(p.name);
    expect(html).toContain(zs.sandbox.state.itemGroups()[0]!.group_name);
    expect(html).toContain('exempt (RESELLER)');
    const inactive = data.contacts.find((c) => c.status === 'inactive')!;
    expect(html).toContain(inactive.contact_name.replace(/'/g, '&#39;'));
  });
});

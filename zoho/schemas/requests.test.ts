/**
 * Every request the connector sends holds to Zoho's request schemas (written from Zoho's
 * descriptions, not from the connector): each connector operation runs against a live sandbox, whose
 * `onRequest` hook records what arrived (path, query, parsed body), and each request is checked
 * against the row of requests.ts it matches. Known disagreements are named per operation
 * (`findings`): the test fails on any other, and a `test.failing` per finding turns green the day
 * the connector is fixed, so the finding gets removed. What is sent undocumented on purpose is `kept`,
 * with its reason (KEPT).
 */
import type { ZohoProduct } from '../../domain';
import { applyToSample, defaultMapping } from '../../mappings';
import { createZohoClient, MemoryTokenStore, unlimited, type ZohoClient } from '../connector';
import type { ObservedRequest } from '../sandbox';
import { startSandbox, type RunningSandbox } from '../testing';
import { issueLines } from './issues';
import { revokeRefreshToken } from '../connector/revoke';
import { revokeRequest, tokenRequest } from './oauth';
import { requestRowFor } from './requests';

let zs: RunningSandbox;
const seen: ObservedRequest[] = [];
const tokenCalls: Array<{ url: string; body: string }> = [];

beforeAll(async () => {
  zs = await startSandbox({ onRequest: (r) => seen.push(r) });
});
afterAll(() => zs.close());

function client(product: ZohoProduct): ZohoClient {
  const recording = (async (input: Parameters<typeof fetch>[0], init?: Parameters<typeof fetch>[1]) => {
    const url = String(input instanceof Request ? input.url : input);
    if (url.includes('/oauth/'))
      tokenCalls.push({ url, body: typeof init?.body === 'string' ? init.body : init?.body instanceof URLSearchParams ? init.body.toString() : '' });
    return fetch(input, init);
  }) as typeof fetch;
  return createZohoClient(zs.settings(product), { tokenStore: new MemoryTokenStore(), limiter: unlimited, timeoutMs: 5000, fetch: recording });
}

/** What the connector would send for the sample order under the default mapping, on the sandbox's customer and items. */
async function samplePayload(target: 'inventory.salesorder' | 'books.salesorder' | 'books.estimate' | 'contact') {
  const { payload } = await applyToSample(defaultMapping(target));
  const fx = zs.sandbox.fixtures;
  if (target === 'contact') return payload;
  const lines = (payload.line_items ?? []).map((line, i) => ({ ...line, item_id: fx.items[i % fx.items.length]!.item_id }));
  const { salesorder_number: _so, estimate_number: _est, ...rest } = payload;
  return { ...rest, customer_id: fx.customer.contact_id, line_items: lines };
}

/** Everything wrong with one observed request, or that no documented call matches it. */
function problems(product: ZohoProduct, r: ObservedRequest): string[] {
  const row = requestRowFor(product, r.method, r.path);
  const call = `${r.method} ${r.path.replace(/\/\d{6,}/g, '/:id')}`;
  if (!row) return [`${call}: not a call Zoho documents`];
  const lines = issueLines('query', row.query.safeParse(r.query).error);
  if (row.body) lines.push(...issueLines('body', row.body.safeParse(r.body).error));
  else if (r.body !== undefined && !(typeof r.body === 'object' && r.body !== null && Object.keys(r.body).length === 0))
    lines.push('body: sent where Zoho takes none');
  return lines.map((l) => `${call} ${l}`);
}

interface Operation {
  name: string;
  run(zoho: ZohoClient): Promise<unknown>;
  /** Known disagreements with Zoho's description, to be fixed (each also a test.failing below). */
  findings?: string[];
  /** Undocumented parameters sent on purpose (KEPT): expected, not to be fixed. */
  kept?: string[];
}

/**
 * What the connector sends that Zoho's descriptions of the list do not document, on purpose. Both
 * descriptions of `GET /contacts` (Inventory: api-evangelist/zoho-inventory
 * openapi/zoho-inventory-contacts-api-openapi.yml; Books: Zoho's Books OpenAPI, contacts.yml
 * list_contacts) document `sort_column` (with `last_modified_time`) but neither `sort_order` nor
 * `last_modified_time`:
 * - `sort_order=A`: the catalogue sync's keyset pager (server/catalogue/sync.ts nextCursor) needs
 *   oldest change first, and the direction is not documented (Books' answer shows a `sort_order` in
 *   its page_context, and every other list of both products takes A | D): asked for, not assumed.
 * - `last_modified_time`: the incremental contacts sync. Whether Zoho applies it is unclear, so the
 *   sync is built and tested for both (sandbox reading `contactsModifiedSince`: honour | ignore;
 *   server/catalogue/sync-readings.test.ts): ignored, it costs calls, never a record.
 * (`contact_type` is gone: Books documents it, Inventory does not, and the connector's callers keep
 * customers only themselves: contacts.search and the catalogue sync.)
 */
const KEPT = {
  sortOrder: 'GET /contacts query.sort_order undocumented',
  modifiedSince: 'GET /contacts query.last_modified_time undocumented',
} as const;

const ORDER_NUMBER = { inventory: 'SO-SCHEMA-0001', books: 'SO-SCHEMA-0002' };

function operations(product: ZohoProduct): Operation[] {
  const fx = () => zs.sandbox.fixtures;
  const ordersAndMore: Operation[] = [
    { name: 'organizations.list', run: (z) => z.organizations.list() },
    { name: 'items.list', run: (z) => z.items.list({ page: 1 }) },
    {
      name: 'items.list since',
      run: (z) => z.items.list({ page: 1, modifiedSince: new Date('2026-01-01T00:00:00Z') }),
    },
    { name: 'items.get', run: (z) => z.items.get(fx().items[0]!.item_id) },
    {
      name: 'items.image',
      run: (z) => {
        const withImage = zs.sandbox.state.items().find((i) => i.image_name);
        return withImage ? z.items.image(withImage.item_id) : Promise.resolve();
      },
    },
    { name: 'priceBooks.list', run: (z) => z.priceBooks.list() },
    { name: 'priceBooks.get', run: async (z) => z.priceBooks.get((await z.priceBooks.list())[0]!.pricebook_id) },
    {
      name: 'contacts.list',
      run: (z) => z.contacts.list({ page: 1 }),
      kept: [KEPT.sortOrder],
    },
    {
      name: 'contacts.list since',
      run: (z) => z.contacts.list({ page: 1, modifiedSince: new Date('2026-01-01T00:00:00Z') }),
      kept: [KEPT.sortOrder, KEPT.modifiedSince],
    },
    { name: 'contacts.search by email', run: (z) => z.contacts.search({ email: fx().customer.email }) },
    { name: 'contacts.search by name', run: (z) => z.contacts.search({ name: 'Shop' }) },
    {
      name: 'contacts.create',
      run: async (z) => {
        const payload = (await samplePayload('contact')) as { contact_name: string };
        return z.contacts.create({ ...payload, contact_name: `${payload.contact_name} (${product})` });
      },
    },
    { name: 'contacts.get', run: (z) => z.contacts.get(fx().customer.contact_id) },
    { name: 'customFields.list salesorder', run: (z) => z.customFields.list('salesorder') },
    { name: 'customFields.list contact', run: (z) => z.customFields.list('contact') },
    {
      name: 'salesOrders.create',
      run: async (z) =>
        z.salesOrders.create((await samplePayload(product === 'inventory' ? 'inventory.salesorder' : 'books.salesorder')) as never, {
          number: ORDER_NUMBER[product],
        }),
    },
    { name: 'salesOrders.getByNumber (found)', run: (z) => z.salesOrders.getByNumber(ORDER_NUMBER[product]) },
    { name: 'salesOrders.getByNumber (absent)', run: (z) => z.salesOrders.getByNumber('SO-NOT-THERE') },
    {
      name: 'salesOrders.get, confirm, void',
      run: async (z) => {
        const so = (await z.salesOrders.getByNumber(ORDER_NUMBER[product]))!;
        await z.salesOrders.get(so.salesorder_id);
        await z.salesOrders.confirm(so.salesorder_id);
        await z.salesOrders.void(so.salesorder_id);
      },
    },
  ];
  if (product === 'inventory') ordersAndMore.push({ name: 'locations.list', run: (z) => z.locations.list() });
  if (product === 'inventory') ordersAndMore.push({ name: 'units.list', run: (z) => z.units.list() });
  if (product === 'books') {
    ordersAndMore.push(
      {
        name: 'salesOrders.attachPdf',
        run: async (z) => {
          const so = (await z.salesOrders.getByNumber(ORDER_NUMBER.books))!;
          await z.salesOrders.attachPdf(so.salesorder_id, Buffer.from('%PDF-1.4 schema check'), 'SO.pdf');
        },
      },
      { name: 'estimates.create', run: async (z) => z.estimates.create((await samplePayload('books.estimate')) as never, { number: 'EST-SCHEMA-0001' }) },
      { name: 'estimates.getByNumber', run: (z) => z.estimates.getByNumber('EST-SCHEMA-0001') },
      { name: 'estimates.get', run: async (z) => z.estimates.get((await z.estimates.getByNumber('EST-SCHEMA-0001'))!.estimate_id) },
    );
  }
  return ordersAndMore;
}

for (const product of ['inventory', 'books'] as const) {
  describe(`what the connector sends to ${product}`, () => {
    const zohoFor: { client?: ZohoClient } = {};
    beforeAll(() => {
      zohoFor.client = client(product);
    });

    for (const op of operations(product)) {
      const observed: { lines?: string[] } = {};
      const run = async () => {
        if (observed.lines) return observed.lines;
        const from = seen.length;
        await op.run(zohoFor.client!);
        const requests = seen.slice(from);
        expect(requests.length).toBeGreaterThan(0);
        observed.lines = [...new Set(requests.flatMap((r) => problems(product, r)))].sort();
        return observed.lines;
      };
      test(`${op.name}: nothing but the known findings${op.kept ? ' and what is kept on purpose' : ''}`, async () => {
        expect(await run()).toEqual([...(op.findings ?? []), ...(op.kept ?? [])].sort());
      });
      for (const finding of op.findings ?? []) {
        // FINDING: the connector sends what Zoho's description does not document (see the report in the branch).
        test.failing(`${op.name}: ${finding} (finding: fixed when this passes)`, async () => {
          expect(await run()).not.toContain(finding);
        });
      }
    }
  });
}

test('the token request is one Zoho documents', async () => {
  expect(tokenCalls.length).toBeGreaterThan(0);
  for (const call of tokenCalls.filter((c) => c.url.includes('/oauth/v2/token') && !c.url.includes('/revoke'))) {
    const url = new URL(call.url);
    const params = Object.fromEntries([...url.searchParams, ...new URLSearchParams(call.body)]);
    expect(issueLines('token', tokenRequest.safeParse(params).error)).toEqual([]);
  }
});

test('the revoke request (an admin disconnects Zoho) is the one Zoho documents', async () => {
  const calls: string[] = [];
  const recording = ((input: Parameters<typeof fetch>[0], init?: Parameters<typeof fetch>[1]) => {
    calls.push(String(input instanceof Request ? input.url : input));
    return fetch(input, init);
  }) as typeof fetch;
  expect(await revokeRefreshToken(zs.url, 'some-refresh-token', recording)).toEqual({ revoked: true });
  const url = new URL(calls[0]!);
  expect(url.pathname).toBe('/oauth/v2/token/revoke');
  expect(issueLines('query', revokeRequest.safeParse(Object.fromEntries(url.searchParams)).error)).toEqual([]);
});

/**
 * Every answer the sandbox gives holds to Zoho's answer schemas (written from Zoho's descriptions,
 * not from the sandbox): a table of rows (method, path, schema), one call each, errors included.
 * Rows marked `pending` name routes the sandbox does not serve yet: they are `test.todo` until the
 * route lands (then delete `pending`). Known disagreements are `findings`: the row must fail with
 * exactly those issues, and a `test.failing` per finding turns green the day the sandbox is fixed.
 */
import type * as z from 'zod';
import { SANDBOX_DEMO } from '../../config';
import { sandboxAccessToken, startSandbox, type RunningSandbox } from '../testing';
import { ERROR_CODES, errorAnswer, messageAnswer } from './common';
import {
  contactAddressAnswer,
  contactAddressListAnswer,
  contactAnswer,
  contactListAnswer,
  contactPersonAnswer,
  contactPersonListAnswer,
  contactPersonWritten,
} from './contacts';
import { currencyListAnswer } from './currencies';
import { customFieldListAnswer, customFieldPreferencesAnswer } from './custom-fields';
import { estimateAnswer, estimateListAnswer } from './estimates';
import { issueLines } from './issues';
import { itemAnswer, itemGroupAnswer, itemGroupListAnswer, itemListAnswer } from './items';
import { zohoApi, type Answer, type Call, type Product, type ZohoApi } from './live';
import { locationListAnswer, warehouseListAnswer } from './locations';
import { unitListAnswer } from './units';
import { revokeAnswer, tokenAnswer, tokenErrorAnswer } from './oauth';
import { organizationAnswer, organizationListAnswer } from './organizations';
import { paymentTermListAnswer, salespersonListAnswer } from './payment-terms';
import { priceBookAnswer, priceBookListAnswer } from './pricebooks';
import { salesOrderAnswer, salesOrderBulkConfirmAnswer, salesOrderListAnswer, salesOrderWritten } from './salesorders';
import { taxAnswer, taxGroupAnswer, taxListAnswer } from './taxes';

let zs: RunningSandbox;
let token = '';
beforeAll(async () => {
  // Every record is read one by one: Zoho's rate limits are not what this suite is about.
  zs = await startSandbox({ limits: { perWindow: 1_000_000, perDay: 10_000_000 } });
  token = await sandboxAccessToken(zs.url);
});
afterAll(() => zs.close());

interface Ctx {
  product: Product;
  api: ZohoApi;
}

interface AnswerRow {
  products: readonly Product[];
  method: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH';
  /** As Zoho's reference names it (`/salesorders/{id}`): the title. */
  route: string;
  /** The concrete path(s), made ready by the row (a draft order to confirm, every id to read). */
  path?: (c: Ctx) => string | string[] | Promise<string | string[]>;
  call?: (c: Ctx) => Call | Promise<Call>;
  status: number;
  schema: z.ZodType;
  /** Error rows: the code Zoho documents for this fault. */
  code?: number;
  /** The lead's routes that have not landed on main: a test.todo until then. */
  pending?: true;
  findings?: string[];
}

const both: readonly Product[] = ['inventory', 'books'];
const fx = () => zs.sandbox.fixtures;

async function allIds(c: Ctx, path: string, key: string, idKey: string): Promise<string[]> {
  const ids: string[] = [];
  for (let page = 1; page < 100; page++) {
    const res = await c.api('GET', path, { query: { page: String(page), per_page: '200' } });
    const body = res.body as Record<string, unknown> & { page_context?: { has_more_page?: boolean } };
    ids.push(...((body[key] as Array<Record<string, string>> | undefined) ?? []).map((r) => r[idKey]!));
    if (!body.page_context?.has_more_page) break;
  }
  if (ids.length === 0) throw new Error(`${path} lists no ${key}`);
  return ids;
}
const firstId = async (c: Ctx, path: string, key: string, idKey: string) => (await allIds(c, path, key, idKey))[0]!;
/** Every record of a list, read one by one: the seed's odd ones (a volume list, an inactive customer) included. */
const each = (list: string, key: string, idKey: string) => async (c: Ctx) => (await allIds(c, list, key, idKey)).map((id) => `${list}/${id}`);
/** Every page of a list. */
const pages = (list: string, key: string) => async (c: Ctx) => {
  const n = Math.ceil((await allIds(c, list, key, key === 'contacts' ? 'contact_id' : 'item_id').catch(() => [])).length / 200);
  return Array.from({ length: Math.max(1, n) }, (_, i) => `${list}?page=${i + 1}&per_page=200`);
};

async function draftOrder(c: Ctx): Promise<string> {
  const f = fx();
  const res = await c.api('POST', '/salesorders', {
    json: { customer_id: f.customer.contact_id, line_items: [{ item_id: f.items[0]!.item_id, quantity: 1 }] },
  });
  return ((res.body as { salesorder: { salesorder_id: string } }).salesorder ?? {}).salesorder_id;
}

async function sentEstimate(c: Ctx): Promise<string> {
  const f = fx();
  const res = await c.api('POST', '/estimates', { json: { customer_id: f.customer.contact_id, line_items: [{ item_id: f.items[0]!.item_id, quantity: 1 }] } });
  const id = (res.body as { estimate: { estimate_id: string } }).estimate.estimate_id;
  await c.api('POST', `/estimates/${id}/status/sent`);
  return id;
}

let unique = 0;
const orderJson = () => ({
  customer_id: fx().customer.contact_id,
  salesorder_number: `SO-ANSWER-${++unique}`,
  reference_number: 'REF-ANSWER',
  line_items: fx()
    .items.slice(0, 2)
    .map((i, n) => ({ item_id: i.item_id, rate: i.rate, quantity: n + 1 })),
});

const ROWS: AnswerRow[] = [
  // Organizations
  { products: both, method: 'GET', route: '/organizations', status: 200, schema: organizationListAnswer, call: () => ({ organizationId: null }) },
  {
    products: both,
    method: 'GET',
    route: '/organizations/{id}',
    path: () => `/organizations/${SANDBOX_DEMO.organizationId}`,
    status: 200,
    schema: organizationAnswer,
  },
  // Items and item groups
  { products: both, method: 'GET', route: '/items (every page)', path: pages('/items', 'items'), status: 200, schema: itemListAnswer },
  { products: both, method: 'GET', route: '/items/{id} (every item)', path: each('/items', 'items', 'item_id'), status: 200, schema: itemAnswer },
  { products: ['inventory'], method: 'GET', route: '/itemgroups', status: 200, schema: itemGroupListAnswer },
  {
    products: ['inventory'],
    method: 'GET',
    route: '/itemgroups/{id}',
    path: async (c) => `/itemgroups/${await firstId(c, '/itemgroups', 'itemgroups', 'group_id')}`,
    status: 200,
    schema: itemGroupAnswer,
  },
  // Price lists
  { products: both, method: 'GET', route: '/pricebooks', status: 200, schema: priceBookListAnswer },
  {
    products: both,
    method: 'GET',
    route: '/pricebooks/{id}',
    path: async (c) => `/pricebooks/${await firstId(c, '/pricebooks', 'pricebooks', 'pricebook_id')}`,
    status: 200,
    schema: priceBookAnswer,
  },
  // Locations, warehouses
  { products: ['inventory'], method: 'GET', route: '/locations', status: 200, schema: locationListAnswer },
  { products: ['inventory'], method: 'GET', route: '/units', status: 200, schema: unitListAnswer },
  { products: ['inventory'], method: 'GET', route: '/settings/warehouses', status: 200, schema: warehouseListAnswer },
  // Taxes, currencies, payment terms, salespersons
  { products: both, method: 'GET', route: '/settings/taxes', status: 200, schema: taxListAnswer },
  {
    products: both,
    method: 'GET',
    route: '/settings/taxes/{id}',
    path: async (c) => `/settings/taxes/${await firstId(c, '/settings/taxes', 'taxes', 'tax_id')}`,
    status: 200,
    schema: taxAnswer,
  },
  {
    products: both,
    method: 'GET',
    route: '/settings/taxgroups/{id}',
    path: async (c) => {
      const res = await c.api('GET', '/settings/taxes', { query: { per_page: '200' } });
      const group = ((res.body as { taxes?: Array<{ tax_id: string; is_tax_group?: boolean; tax_type?: string }> }).taxes ?? []).find(
        (t) => t.is_tax_group || t.tax_type === 'tax_group',
      );
      return `/settings/taxgroups/${group?.tax_id ?? 'none'}`;
    },
    status: 200,
    schema: taxGroupAnswer,
  },
  { products: both, method: 'GET', route: '/settings/currencies', status: 200, schema: currencyListAnswer },
  { products: both, method: 'GET', route: '/settings/paymentterms', status: 200, schema: paymentTermListAnswer },
  { products: both, method: 'GET', route: '/salespersons', status: 200, schema: salespersonListAnswer },
  // Custom fields (both readings the connector speaks)
  {
    products: both,
    method: 'GET',
    route: '/settings/customfields?module=salesorder',
    path: () => '/settings/customfields',
    call: () => ({ query: { module: 'salesorder' } }),
    status: 200,
    schema: customFieldListAnswer,
  },
  { products: both, method: 'GET', route: '/settings/preferences/salesorders', status: 200, schema: customFieldPreferencesAnswer('salesorder') },
  { products: both, method: 'GET', route: '/settings/preferences/contacts', status: 200, schema: customFieldPreferencesAnswer('contact') },
  { products: ['books'], method: 'GET', route: '/settings/preferences/estimates', status: 200, schema: customFieldPreferencesAnswer('estimate') },
  // Contacts, persons, addresses
  { products: both, method: 'GET', route: '/contacts (every page)', path: pages('/contacts', 'contacts'), status: 200, schema: contactListAnswer },
  {
    products: both,
    method: 'GET',
    route: '/contacts/{id} (every contact)',
    path: each('/contacts', 'contacts', 'contact_id'),
    status: 200,
    schema: contactAnswer,
  },
  {
    products: both,
    method: 'POST',
    route: '/contacts',
    call: (c) => ({
      json: {
        contact_name: `Answer Check ${c.product} ${++unique}`,
        contact_type: 'customer',
        billing_address: { city: 'Leeds' },
        contact_persons: [{ first_name: 'Ann', email: 'ann@example.com' }],
      },
    }),
    status: 201,
    schema: contactAnswer,
  },
  {
    products: both,
    method: 'PUT',
    route: '/contacts/{id}',
    path: () => `/contacts/${fx().customer.contact_id}`,
    call: () => ({ json: { contact_name: fx().customer.contact_name } }),
    status: 200,
    schema: contactAnswer,
  },
  {
    products: both,
    method: 'POST',
    route: '/contacts/{id}/inactive',
    path: () => `/contacts/${fx().customer.contact_id}/inactive`,
    status: 200,
    schema: messageAnswer,
  },
  {
    products: both,
    method: 'POST',
    route: '/contacts/{id}/active',
    path: () => `/contacts/${fx().customer.contact_id}/active`,
    status: 200,
    schema: messageAnswer,
  },
  {
    products: both,
    method: 'GET',
    route: '/contacts/{id}/contactpersons',
    path: () => `/contacts/${fx().customer.contact_id}/contactpersons`,
    status: 200,
    schema: contactPersonListAnswer,
  },
  {
    products: both,
    method: 'GET',
    route: '/contacts/{id}/contactpersons/{person_id}',
    path: async (c) =>
      `/contacts/${fx().customer.contact_id}/contactpersons/${await firstId(c, `/contacts/${fx().customer.contact_id}/contactpersons`, 'contact_persons', 'contact_person_id')}`,
    status: 200,
    schema: contactPersonAnswer,
  },
  {
    products: both,
    method: 'POST',
    route: '/contacts/contactpersons',
    call: () => ({ json: { contact_id: fx().customer.contact_id, first_name: 'Pat', email: 'pat@example.com' } }),
    status: 201,
    schema: contactPersonWritten,
  },
  {
    products: both,
    method: 'GET',
    route: '/contacts/{id}/address',
    path: () => `/contacts/${fx().customer.contact_id}/address`,
    status: 200,
    schema: contactAddressListAnswer,
  },
  {
    products: ['books'],
    method: 'POST',
    route: '/contacts/{id}/address',
    path: () => `/contacts/${fx().customer.contact_id}/address`,
    call: () => ({ json: { attention: 'Goods in', address: '2 Dock Road', city: 'Hull', zip: 'HU1 1AA', country: 'UK' } }),
    status: 201,
    schema: contactAddressAnswer,
  },
  {
    products: both,
    method: 'PUT',
    route: '/contacts/contactpersons/{person_id}',
    path: async (c) =>
      `/contacts/contactpersons/${await firstId(c, `/contacts/${fx().customer.contact_id}/contactpersons`, 'contact_persons', 'contact_person_id')}`,
    call: () => ({ json: { contact_id: fx().customer.contact_id, first_name: 'Pat', last_name: 'Renamed' } }),
    status: 200,
    schema: contactPersonWritten,
  },
  // Sales orders
  { products: both, method: 'GET', route: '/salesorders', status: 200, schema: salesOrderListAnswer, call: () => ({ query: { per_page: '200' } }) },
  {
    products: both,
    method: 'POST',
    route: '/salesorders?ignore_auto_number_generation=true',
    path: () => '/salesorders',
    call: () => ({ query: { ignore_auto_number_generation: 'true' }, json: orderJson() }),
    status: 201,
    schema: salesOrderWritten,
  },
  {
    products: both,
    method: 'POST',
    route: '/salesorders (auto number)',
    path: () => '/salesorders',
    call: () => ({ json: { ...orderJson(), salesorder_number: undefined } }),
    status: 201,
    schema: salesOrderWritten,
  },
  {
    products: both,
    method: 'GET',
    route: '/salesorders/{id}',
    path: async (c) => `/salesorders/${await draftOrder(c)}`,
    status: 200,
    schema: salesOrderAnswer,
  },
  {
    products: ['inventory'],
    method: 'POST',
    route: '/salesorders/{id}/status/confirmed',
    path: async (c) => `/salesorders/${await draftOrder(c)}/status/confirmed`,
    status: 200,
    schema: messageAnswer,
  },
  {
    products: ['books'],
    method: 'POST',
    route: '/salesorders/{id}/status/open',
    path: async (c) => `/salesorders/${await draftOrder(c)}/status/open`,
    status: 200,
    schema: messageAnswer,
  },
  {
    products: both,
    method: 'POST',
    route: '/salesorders/{id}/status/void',
    path: async (c) => `/salesorders/${await draftOrder(c)}/status/void`,
    status: 200,
    schema: messageAnswer,
  },
  {
    products: both,
    method: 'PUT',
    route: '/salesorders/{id}',
    path: async (c) => `/salesorders/${await draftOrder(c)}`,
    call: () => ({ json: orderJson() }),
    status: 200,
    schema: salesOrderWritten,
  },
  {
    products: both,
    method: 'DELETE',
    route: '/salesorders/{id}',
    path: async (c) => `/salesorders/${await draftOrder(c)}`,
    status: 200,
    schema: messageAnswer,
  },
  {
    products: ['inventory'],
    method: 'POST',
    route: '/salesorders/status/confirmed?salesorder_ids=',
    path: () => '/salesorders/status/confirmed',
    call: async (c) => ({ query: { salesorder_ids: [await draftOrder(c), await draftOrder(c)].join(',') } }),
    status: 200,
    schema: salesOrderBulkConfirmAnswer,
  },
  {
    products: ['books'],
    method: 'POST',
    route: '/salesorders/{id}/attachment',
    path: async (c) => `/salesorders/${await draftOrder(c)}/attachment`,
    call: () => {
      const form = new FormData();
      form.set('attachment', new Blob([Buffer.from('%PDF-1.4 answer check')], { type: 'application/pdf' }), 'SO.pdf');
      return { raw: { body: form } };
    },
    status: 200,
    schema: messageAnswer,
  },
  // Estimates (Books)
  { products: ['books'], method: 'GET', route: '/estimates', status: 200, schema: estimateListAnswer },
  {
    products: ['books'],
    method: 'POST',
    route: '/estimates',
    call: () => ({ json: { customer_id: fx().customer.contact_id, line_items: [{ item_id: fx().items[0]!.item_id, quantity: 2 }] } }),
    status: 201,
    schema: estimateAnswer,
  },
  {
    products: ['books'],
    method: 'GET',
    route: '/estimates/{id}',
    path: async (c) => `/estimates/${await sentEstimate(c)}`,
    status: 200,
    schema: estimateAnswer,
  },
  {
    products: ['books'],
    method: 'POST',
    route: '/estimates/{id}/status/sent',
    path: async (c) =>
      `/estimates/${await c.api('POST', '/estimates', { json: { customer_id: fx().customer.contact_id, line_items: [{ item_id: fx().items[0]!.item_id, quantity: 1 }] } }).then((r) => (r.body as { estimate: { estimate_id: string } }).estimate.estimate_id)}/status/sent`,
    status: 200,
    schema: messageAnswer,
  },
  {
    products: ['books'],
    method: 'POST',
    route: '/estimates/{id}/status/accepted',
    path: async (c) => `/estimates/${await sentEstimate(c)}/status/accepted`,
    status: 200,
    schema: messageAnswer,
  },
  {
    products: ['books'],
    method: 'POST',
    route: '/estimates/{id}/status/declined',
    path: async (c) => `/estimates/${await sentEstimate(c)}/status/declined`,
    status: 200,
    schema: messageAnswer,
  },
  // Errors: Zoho's envelope and the code Zoho documents for each fault
  {
    products: both,
    method: 'GET',
    route: '/items/{id} (no such item)',
    path: () => '/items/999999999999',
    status: 404,
    schema: errorAnswer,
    code: ERROR_CODES.notFound,
  },
  {
    products: both,
    method: 'GET',
    route: '/salesorders/{id} (no such order)',
    path: () => '/salesorders/999999999999',
    status: 404,
    schema: errorAnswer,
    code: ERROR_CODES.notFound,
  },
  {
    products: both,
    method: 'GET',
    route: '/contacts/{id} (no such contact)',
    path: () => '/contacts/999999999999',
    status: 404,
    schema: errorAnswer,
    code: ERROR_CODES.notFound,
  },
  {
    products: both,
    method: 'POST',
    route: '/salesorders (invalid customer_id)',
    path: () => '/salesorders',
    call: () => ({ json: { ...orderJson(), customer_id: 'nobody' } }),
    status: 400,
    schema: errorAnswer,
    code: ERROR_CODES.invalidValue,
  },
  {
    products: both,
    method: 'GET',
    route: '/items?status= (invalid value)',
    path: () => '/items',
    call: () => ({ query: { status: 'sleeping' } }),
    status: 400,
    schema: errorAnswer,
    code: ERROR_CODES.invalidValue,
  },
  {
    products: both,
    method: 'POST',
    route: '/contacts (malformed JSON)',
    path: () => '/contacts',
    call: () => ({ raw: { body: '{"contact_name": ', contentType: 'application/json' } }),
    status: 400,
    schema: errorAnswer,
    code: ERROR_CODES.malformedJson,
  },
  {
    products: both,
    method: 'POST',
    route: '/contacts (JSONString malformed)',
    path: () => '/contacts',
    call: () => ({ query: { JSONString: '{nope' } }),
    status: 400,
    schema: errorAnswer,
    code: ERROR_CODES.malformedJson,
  },
  {
    products: both,
    method: 'GET',
    route: '/items (wrong organization)',
    path: () => '/items',
    call: () => ({ organizationId: '12345' }),
    status: 400,
    schema: errorAnswer,
    code: ERROR_CODES.organization,
  },
  {
    products: both,
    method: 'GET',
    route: '/items (no token)',
    path: () => '/items',
    call: () => ({ token: null }),
    status: 401,
    schema: errorAnswer,
    code: ERROR_CODES.unauthorized,
  },
  { products: both, method: 'DELETE', route: '/organizations (method not allowed)', path: () => '/organizations', status: 405, schema: errorAnswer },
  { products: both, method: 'PATCH', route: '/contacts (method not allowed)', path: () => '/contacts', status: 405, schema: errorAnswer },
  {
    products: both,
    method: 'GET',
    route: '/no-such-resource (invalid URL)',
    path: () => '/no-such-resource',
    status: 404,
    schema: errorAnswer,
    code: ERROR_CODES.invalidUrl,
  },
];

/** `/contacts/{id}/active` → `/contacts/{id}/active`, with the braces' names not needed: rows without `path` use the route. */
const routePath = (row: AnswerRow) => row.route.replace(/\?.*$/, '');

/** The row's call(s): the statuses seen, and every issue (the same issue on many records counted once). */
async function check(row: AnswerRow, product: Product): Promise<{ status: number; lines: string[] }> {
  const c: Ctx = { product, api: zohoApi(zs, product, () => token) };
  const given = row.path ? await row.path(c) : routePath(row);
  const statuses = new Set<number>();
  const lines = new Set<string>();
  for (const path of Array.isArray(given) ? given : [given]) {
    const res: Answer = await c.api(row.method, path, row.call ? await row.call(c) : {});
    statuses.add(res.status);
    for (const line of issueLines('answer', row.schema.safeParse(res.body).error)) lines.add(line.replace(/\.\d+\./g, '.*.'));
    const code = (res.body as { code?: unknown } | undefined)?.code;
    if (row.code !== undefined && code !== row.code) lines.add(`answer.code: ${String(code)}, Zoho's is ${row.code}`);
  }
  return { status: statuses.size === 1 ? [...statuses][0]! : -1, lines: [...lines] };
}

for (const product of ['inventory', 'books'] as const) {
  describe(`what the sandbox answers (${product})`, () => {
    for (const row of ROWS.filter((r) => r.products.includes(product))) {
      const title = `${row.method} ${row.route}`;
      if (row.pending) {
        test.todo(`${title}: route not on main yet (the lead enables this row)`);
        continue;
      }
      test(`${title} → ${row.status}, Zoho's shape${row.findings ? ' but for the known findings' : ''}`, async () => {
        const { status, lines } = await check(row, product);
        expect({ status, lines: lines.sort() }).toEqual({ status: row.status, lines: [...(row.findings ?? [])].sort() });
      });
      for (const finding of row.findings ?? []) {
        test.failing(`${title}: ${finding} (finding: fixed when this passes)`, async () => {
          expect((await check(row, product)).lines).not.toContain(finding);
        });
      }
    }
  });
}

describe('what the sandbox answers (Zoho Accounts)', () => {
  const token = (params: Record<string, string>) =>
    fetch(`${zs.url}/oauth/v2/token?${new URLSearchParams(params)}`, { method: 'POST' }).then((r) => r.json() as Promise<unknown>);
  const grant = {
    grant_type: 'refresh_token',
    client_id: SANDBOX_DEMO.clientId,
    client_secret: SANDBOX_DEMO.clientSecret,
    refresh_token: SANDBOX_DEMO.refreshToken,
  };

  test('POST /oauth/v2/token (refresh grant) → a token answer', async () => {
    expect(issueLines('answer', tokenAnswer.safeParse(await token(grant)).error)).toEqual([]);
  });
  test('POST /oauth/v2/token (wrong secret) → {error: invalid_client}', async () => {
    const answer = await token({ ...grant, client_secret: 'wrong' });
    expect(issueLines('answer', tokenErrorAnswer.safeParse(answer).error)).toEqual([]);
    expect(answer).toMatchObject({ error: 'invalid_client' });
  });
  test('POST /oauth/v2/token/revoke → {status: success}', async () => {
    const res = await fetch(`${zs.url}/oauth/v2/token/revoke?${new URLSearchParams({ token: 'some-issued-token' })}`, { method: 'POST' });
    expect(issueLines('answer', revokeAnswer.safeParse(await res.json()).error)).toEqual([]);
  });
});

/**
 * The sandbox's lists honour Zoho's documented filters or refuse them, never ignore them; a wrong
 * method gets 405; bodies arrive as JSON or `JSONString` (form, query, multipart), and a body that
 * does not parse gets Zoho's 1038. Spoken to with plain fetch, as a third-party client would.
 */
import { SANDBOX_DEMO } from '../../config';
import { sandboxAccessToken, startSandbox, type RunningSandbox } from '../testing';

let zs: RunningSandbox;
let token: string;

beforeAll(async () => {
  zs = await startSandbox();
  token = await sandboxAccessToken(zs.url);
});
afterAll(() => zs.close());

type Body = Record<string, unknown> & { code: number; message: string };

async function call(
  method: string,
  path: string,
  query: Record<string, string> = {},
  init: { body?: string | FormData; headers?: Record<string, string> } = {},
) {
  const url = new URL(`${zs.url}/inventory/v1${path}`);
  url.searchParams.set('organization_id', SANDBOX_DEMO.organizationId);
  for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
  const res = await fetch(url, { method, headers: { Authorization: `Zoho-oauthtoken ${token}`, ...init.headers }, body: init.body });
  return { status: res.status, headers: res.headers, body: (await res.json()) as Body };
}

const contacts = async (query: Record<string, string>) => {
  const res = await call('GET', '/contacts', { per_page: '200', ...query });
  expect(res.status).toBe(200);
  return res.body.contacts as Array<{ contact_id: string; contact_name: string; email: string; status: string }>;
};
const items = async (query: Record<string, string>) => {
  const res = await call('GET', '/items', { per_page: '200', ...query });
  expect(res.status).toBe(200);
  return res.body.items as Array<{ item_id: string; name: string; sku: string; status: string }>;
};

describe('contact list filters', () => {
  it('contact_name is exact, _startswith and _contains match parts, all ignoring case', async () => {
    const all = zs.sandbox.state.contacts();
    const target = all[3]!;
    expect((await contacts({ contact_name: target.contact_name.toUpperCase() })).map((c) => c.contact_id)).toEqual([target.contact_id]);
    const prefix = target.contact_name.slice(0, 4);
    const starting = await contacts({ contact_name_startswith: prefix });
    expect(starting.length).toBe(all.filter((c) => c.contact_name.toLowerCase().startsWith(prefix.toLowerCase())).length);
    expect(starting.every((c) => c.contact_name.toLowerCase().startsWith(prefix.toLowerCase()))).toBe(true);
    expect(starting.length).toBeLessThan(all.length);
    const part = target.contact_name.slice(2, 6);
    expect((await contacts({ contact_name_contains: part })).every((c) => c.contact_name.toLowerCase().includes(part.toLowerCase()))).toBe(true);
  });

  it('email, email_contains and phone find contacts and their persons', async () => {
    const target = zs.sandbox.state.contacts()[5]!;
    expect((await contacts({ email: target.email })).map((c) => c.contact_id)).toContain(target.contact_id);
    const domain = target.email.split('@')[1]!;
    const byDomain = await contacts({ email_contains: domain });
    expect(byDomain.length).toBeGreaterThan(0);
    expect(byDomain.map((c) => c.contact_id)).toContain(target.contact_id);
    expect(await contacts({ email: 'nobody-at-all@example.invalid' })).toEqual([]);
  });

  it('filter_by takes Zoho’s Status views and refuses one it does not know', async () => {
    const target = zs.sandbox.state.contacts()[7]!;
    const was = target.status;
    (target as { status: string }).status = 'inactive';
    try {
      const inactive = await contacts({ filter_by: 'Status.Inactive' });
      const seededInactive = zs.sandbox.state.contacts().filter((c) => c.status === 'inactive');
      expect(inactive.map((c) => c.contact_id).sort()).toEqual(seededInactive.map((c) => c.contact_id).sort());
      expect(inactive.map((c) => c.contact_id)).toContain(target.contact_id);
      expect((await contacts({ filter_by: 'Status.Active' })).map((c) => c.contact_id)).not.toContain(target.contact_id);
      expect((await contacts({ filter_by: 'Status.All' })).length).toBe(zs.sandbox.state.contacts().length);
    } finally {
      (target as { status: string }).status = was;
    }
    expect(await call('GET', '/contacts', { filter_by: 'Status.Whatever' })).toMatchObject({
      status: 400,
      body: { code: 2, message: 'Invalid value passed for filter_by' },
    });
  });

  it('a filter the list does not know is refused, never silently ignored', async () => {
    expect(await call('GET', '/contacts', { contact_nmae: 'typo' })).toMatchObject({
      status: 400,
      body: { code: 2, message: 'Invalid value passed for contact_nmae' },
    });
    expect(await call('GET', '/items', { colour: 'red' })).toMatchObject({ status: 400, body: { code: 2 } });
  });
});

describe('item list filters', () => {
  it('sku and name (with _startswith) are honoured', async () => {
    const target = zs.sandbox.state.items()[11]!;
    expect((await items({ sku: target.sku })).map((i) => i.item_id)).toEqual([target.item_id]);
    const prefix = target.name.split(' ')[0]!;
    const found = await items({ name_startswith: prefix });
    expect(found.length).toBeGreaterThan(0);
    expect(found.every((i) => i.name.toLowerCase().startsWith(prefix.toLowerCase()))).toBe(true);
  });

  it('status and filter_by=Status.Inactive list the inactive items only', async () => {
    const target = zs.sandbox.state.items()[2]!;
    const was = target.status;
    target.status = 'inactive';
    try {
      expect((await items({ status: 'inactive' })).map((i) => i.item_id)).toEqual([target.item_id]);
      expect((await items({ filter_by: 'Status.Inactive' })).map((i) => i.item_id)).toEqual([target.item_id]);
      expect((await items({ status: 'active' })).map((i) => i.item_id)).not.toContain(target.item_id);
    } finally {
      target.status = was;
    }
    expect(await call('GET', '/items', { status: 'sleeping' })).toMatchObject({ status: 400, body: { code: 2, message: 'Invalid value passed for status' } });
  });
});

describe('estimate answers (Books)', () => {
  it('a sent estimate is accepted or declined; a declined one cannot be accepted', async () => {
    const books = async (method: string, path: string, json?: unknown) => {
      const url = new URL(`${zs.url}/books/v3${path}`);
      url.searchParams.set('organization_id', SANDBOX_DEMO.organizationId);
      const res = await fetch(url, {
        method,
        headers: { Authorization: `Zoho-oauthtoken ${token}`, ...(json ? { 'content-type': 'application/json' } : {}) },
        body: json ? JSON.stringify(json) : undefined,
      });
      return { status: res.status, body: (await res.json()) as Body };
    };
    const fx = zs.sandbox.fixtures;
    const estimate = async () =>
      (
        (await books('POST', '/estimates', { customer_id: fx.customer.contact_id, line_items: [{ item_id: fx.items[0]!.item_id, quantity: 1 }] })).body
          .estimate as { estimate_id: string }
      ).estimate_id;
    const status = async (id: string) => ((await books('GET', `/estimates/${id}`)).body.estimate as { status: string }).status;
    const declined = await estimate();
    expect((await books('POST', `/estimates/${declined}/status/sent`)).status).toBe(200);
    expect((await books('POST', `/estimates/${declined}/status/declined`)).status).toBe(200);
    expect(await status(declined)).toBe('declined');
    expect(await books('POST', `/estimates/${declined}/status/accepted`)).toMatchObject({ status: 400, body: { code: 2 } });
    const accepted = await estimate();
    await books('POST', `/estimates/${accepted}/status/sent`);
    expect((await books('POST', `/estimates/${accepted}/status/accepted`)).status).toBe(200);
    expect(await status(accepted)).toBe('accepted');
  });
});

describe('methods and bodies', () => {
  it('a wrong method on a known path answers 405 with the methods it takes', async () => {
    const res = await call('DELETE', '/organizations');
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('GET');
    expect((await call('PATCH', '/contacts')).status).toBe(405);
    expect((await call('GET', '/no-such-resource')).status).toBe(404);
  });

  it('JSON that does not parse gets 1038, in a JSON body and in JSONString', async () => {
    expect(await call('POST', '/contacts', {}, { body: '{"contact_name": ', headers: { 'content-type': 'application/json' } })).toMatchObject({
      status: 400,
      body: { code: 1038, message: 'JSON is not well formed' },
    });
    expect(await call('POST', '/contacts', { JSONString: '{nope' })).toMatchObject({ status: 400, body: { code: 1038 } });
  });

  it('JSONString in a multipart form, as in Zoho’s curl -F examples', async () => {
    const form = new FormData();
    form.set('JSONString', JSON.stringify({ contact_name: 'Multipart Traders', contact_type: 'customer' }));
    const res = await call('POST', '/contacts', {}, { body: form });
    expect(res.status).toBe(201);
    expect(res.body.contact).toMatchObject({ contact_name: 'Multipart Traders' });
  });
});

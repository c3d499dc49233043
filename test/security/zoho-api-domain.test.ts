/**
 * The access token goes wherever a token answer's `api_domain` says. A fake accounts server (real
 * HTTP on loopback) that names a metadata address or a host of its own must get a clear error and
 * no API call with the token; Zoho's data centres, the configured ZOHO_API_URL and the sandbox work.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { SANDBOX_DEMO, type ZohoSettings } from '../../config';
import { createZohoClient, MemoryTokenStore, ZohoAuthError } from '../../zoho/connector';
import { allowedApiDomain, TokenManager } from '../../zoho/connector/auth';
import { countingFetch, startSandbox } from '../../zoho/testing';

/** An HTTP server on loopback recording every request (method, path, Authorization) and answering `answer`. */
async function listen(answer: (req: http.IncomingMessage) => unknown) {
  const seen: Array<{ url: string; authorization?: string }> = [];
  const server = http.createServer((req, res) => {
    seen.push({ url: req.url ?? '', authorization: req.headers.authorization });
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify(answer(req)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, seen, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/**
 * fetch that sends only to loopback: were the check ever to regress, the token would be refused here
 * (and counted) instead of going to a metadata address or a stranger's host.
 */
const loopbackOnly = (async (input: Parameters<typeof fetch>[0], init?: Parameters<typeof fetch>[1]) => {
  const host = new URL(String(input instanceof Request ? input.url : input)).hostname;
  if (host !== '127.0.0.1' && host !== 'localhost' && host !== '[::1]') throw new TypeError(`test fetch refuses to send off this machine (${host})`);
  return fetch(input, init);
}) as typeof fetch;

const settingsFor = (accountsUrl: string, overrides: Partial<ZohoSettings> = {}): ZohoSettings => ({
  product: 'inventory',
  accountsUrl,
  apiDomain: 'https://www.zohoapis.com',
  ...SANDBOX_DEMO,
  sandbox: false,
  requestsPerMinute: 100,
  maxConcurrent: 5,
  ...overrides,
});

describe('api_domain from a token answer', () => {
  const servers: Array<{ close(): Promise<void> }> = [];
  afterAll(async () => {
    for (const s of servers) await s.close();
  });

  it.each(['http://169.254.169.254', 'http://169.254.169.254/latest/meta-data', 'https://www.zohoapis.com.evil.example', 'http://www.zohoapis.com'])(
    'refuses %s: a clear error, and the token is sent nowhere',
    async (apiDomain) => {
      const accounts = await listen(() => ({ access_token: 'stolen-if-sent', api_domain: apiDomain, token_type: 'Bearer', expires_in: 3600 }));
      servers.push(accounts);
      const counting = countingFetch(loopbackOnly);
      const zoho = createZohoClient(settingsFor(accounts.url), { tokenStore: new MemoryTokenStore(), fetch: counting.fetch, timeoutMs: 2000 });
      const err = await zoho.organizations.list().then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(ZohoAuthError);
      expect(err).toMatchObject({ code: 'untrusted_api_domain', retryable: false });
      expect((err as Error).message).toMatch(/not a Zoho data centre .*expected https:\/\/www\.zohoapis\.<dc> or ZOHO_API_URL/);
      expect(counting.api()).toHaveLength(0);
    },
  );

  it('refuses a rogue host that would collect the token (it receives nothing)', async () => {
    const rogue = await listen(() => ({ code: 0, organizations: [] }));
    const accounts = await listen(() => ({ access_token: 'stolen-if-sent', api_domain: rogue.url, expires_in: 3600 }));
    servers.push(rogue, accounts);
    const zoho = createZohoClient(settingsFor(accounts.url), { tokenStore: new MemoryTokenStore(), timeoutMs: 2000 });
    await expect(zoho.organizations.list()).rejects.toMatchObject({ code: 'untrusted_api_domain' });
    expect(rogue.seen).toEqual([]);
  });

  it('takes the configured ZOHO_API_URL (a proxy of your own)', async () => {
    const api = await listen(() => ({ code: 0, message: 'success', organizations: [] }));
    const accounts = await listen(() => ({ access_token: 'tok', api_domain: api.url, expires_in: 3600 }));
    servers.push(api, accounts);
    const zoho = createZohoClient(settingsFor(accounts.url, { apiDomain: api.url }), { tokenStore: new MemoryTokenStore(), timeoutMs: 2000 });
    await zoho.organizations.list();
    expect(api.seen[0]).toMatchObject({ url: expect.stringMatching(/^\/inventory\/v1\/organizations/), authorization: 'Zoho-oauthtoken tok' });
  });

  it('takes the sandbox when running against it (its api_domain is itself)', async () => {
    const zs = await startSandbox();
    servers.push(zs);
    const counting = countingFetch(loopbackOnly);
    // settings() names a wrong apiDomain on purpose: the sandbox's own URL comes from the token answer.
    const zoho = createZohoClient(zs.settings(), { tokenStore: new MemoryTokenStore(), fetch: counting.fetch });
    await zoho.organizations.list();
    expect(counting.api().every((c) => c.url.startsWith(`${zs.url}/inventory/v1/`))).toBe(true);
  });

  it('accepts exactly the data centres of config (ZOHO_DATA_CENTRES), as bare origins', () => {
    const s = { accountsUrl: 'https://accounts.zoho.eu', apiDomain: 'https://www.zohoapis.eu' };
    for (const dc of ['com', 'eu', 'in', 'com.au', 'jp', 'ca', 'sa', 'com.cn'])
      expect(allowedApiDomain(`https://www.zohoapis.${dc}/`, s)).toBe(`https://www.zohoapis.${dc}`);
    for (const bad of [
      'https://www.zohoapis.xyz',
      'https://user:pw@www.zohoapis.com',
      'https://www.zohoapis.com/x',
      'https://www.zohoapis.com?x=1',
      'file:///etc/passwd',
      'not a url',
    ]) {
      expect(allowedApiDomain(bad, s)).toBeUndefined();
    }
    // The accounts server is the API only for the sandbox.
    expect(allowedApiDomain('http://127.0.0.1:3100', { accountsUrl: 'http://127.0.0.1:3100', apiDomain: 'http://127.0.0.1:9' })).toBeUndefined();
    expect(allowedApiDomain('http://127.0.0.1:3100', { accountsUrl: 'http://127.0.0.1:3100', apiDomain: 'http://127.0.0.1:9', sandbox: true })).toBe(
      'http://127.0.0.1:3100',
    );
  });

  it('does not use a token stored with an untrusted API domain: it refreshes instead', async () => {
    const zs = await startSandbox();
    servers.push(zs);
    const store = new MemoryTokenStore();
    // As if written before this check: a live token in the shared store, pointed at a metadata address.
    const key = new TokenManager({ settings: zs.settings(), store, fetch, now: Date.now, timeoutMs: 1000 }).key;
    await store.acquireLease(key, 'old', Date.now(), 60_000);
    const state = { accessToken: 'old-token', apiDomain: 'http://169.254.169.254', expiresAt: Date.now() + 3_600_000, refreshAt: Date.now() + 3_000_000 };
    await store.put(key, { ...state, requestLog: [], blockedUntil: 0 }, 'old');
    await store.releaseLease(key, 'old');
    const counting = countingFetch(loopbackOnly);
    await createZohoClient(zs.settings(), { tokenStore: store, fetch: counting.fetch }).organizations.list();
    expect(counting.token()).toHaveLength(1);
    expect(counting.calls.some((c) => c.url.includes('169.254'))).toBe(false);
    expect((await store.get(key))?.apiDomain).toBe(zs.url);
  });
});

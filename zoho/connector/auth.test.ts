/** The token manager against a scripted accounts server and a controllable clock. */
import { TokenManager } from './auth';
import { ZohoAuthError, ZohoRateLimitError, ZohoTransientError } from './errors';
import { MemoryTokenStore } from './token-store';

const settings = { accountsUrl: 'https://accounts.example', apiDomain: 'https://api.default', clientId: 'cid', clientSecret: 'secret', refreshToken: 'rt' };

/** An accounts server that answers each token request with the next scripted reply. */
function accounts(replies: Array<{ status?: number; body: unknown } | Error | 'ok'>) {
  let n = 0;
  const requests: string[] = [];
  const fake = (async (_url: unknown, init?: { body?: unknown }) => {
    requests.push(String(init?.body));
    const r = replies[Math.min(n, replies.length - 1)]!;
    n++;
    if (r instanceof Error) throw r;
    if (r === 'ok') {
      return new Response(JSON.stringify({ access_token: `tok-${n}`, api_domain: 'https://www.zohoapis.eu', token_type: 'Bearer', expires_in: 3600 }), {
        status: 200,
      });
    }
    return new Response(JSON.stringify(r.body), { status: r.status ?? 200 });
  }) as unknown as typeof fetch;
  return { fetch: fake, requests };
}

describe('TokenManager', () => {
  let now: number;
  const clock = () => now;
  beforeEach(() => {
    now = 1_000_000;
  });

  test('caches, refreshes about 10 minutes before expiry, and takes the API base from api_domain', async () => {
    const a = accounts(['ok']);
    const tm = new TokenManager({ settings, store: new MemoryTokenStore(), fetch: a.fetch, now: clock, timeoutMs: 1000 });
    expect(await tm.getToken()).toEqual({ accessToken: 'tok-1', apiDomain: 'https://www.zohoapis.eu' });
    now += 49 * 60_000;
    expect((await tm.getToken()).accessToken).toBe('tok-1');
    expect(a.requests).toHaveLength(1);
    now += 2 * 60_000; // 51 minutes in
    expect((await tm.getToken()).accessToken).toBe('tok-2');
    expect(a.requests).toHaveLength(2);
    expect(a.requests[0]).toBe('grant_type=refresh_token&client_id=cid&client_secret=secret&refresh_token=rt');
  });

  test('single flight: 50 concurrent callers, one request', async () => {
    const a = accounts(['ok']);
    const tm = new TokenManager({ settings, store: new MemoryTokenStore(), fetch: a.fetch, now: clock, timeoutMs: 1000 });
    const tokens = await Promise.all(Array.from({ length: 50 }, () => tm.getToken()));
    expect(new Set(tokens.map((t) => t.accessToken))).toEqual(new Set(['tok-1']));
    expect(a.requests).toHaveLength(1);
  });

  test('while another process holds the lease, a still-valid token is used without waiting', async () => {
    const store = new MemoryTokenStore();
    const a = accounts(['ok']);
    const first = new TokenManager({ settings, store, fetch: a.fetch, now: clock, timeoutMs: 1000 });
    await first.getToken();
    now += 55 * 60_000; // in the refresh-ahead window
    await store.acquireLease(first.key, 'someone-else', now, 60_000);
    const second = new TokenManager({ settings, store, fetch: a.fetch, now: clock, timeoutMs: 1000 });
    expect((await second.getToken()).accessToken).toBe('tok-1');
    expect(a.requests).toHaveLength(1);
  });

  test('with no usable token, a process waits for the lease holder and takes its token', async () => {
    const store = new MemoryTokenStore();
    const a = accounts(['ok']);
    const waiting = new TokenManager({ settings, store, fetch: a.fetch, now: Date.now, timeoutMs: 1000, pollMs: 10 });
    await store.acquireLease(waiting.key, 'other', Date.now(), 60_000);
    const pending = waiting.getToken();
    await new Promise((r) => setTimeout(r, 50));
    await store.put(
      waiting.key,
      {
        accessToken: 'from-other',
        apiDomain: 'https://www.zohoapis.in',
        expiresAt: Date.now() + 3_600_000,
        refreshAt: Date.now() + 3_000_000,
        requestLog: [Date.now()],
        blockedUntil: 0,
      },
      'other',
    );
    await store.releaseLease(waiting.key, 'other');
    expect(await pending).toEqual({ accessToken: 'from-other', apiDomain: 'https://www.zohoapis.in' });
    expect(a.requests).toHaveLength(0);
  });

  test('refreshAfterRejection gets a different token, once, even with concurrent rejections', async () => {
    const a = accounts(['ok']);
    const tm = new TokenManager({ settings, store: new MemoryTokenStore(), fetch: a.fetch, now: clock, timeoutMs: 1000 });
    const t1 = await tm.getToken();
    const again = await Promise.all([1, 2, 3].map(() => tm.refreshAfterRejection(t1.accessToken)));
    expect(again.map((t) => t.accessToken)).toEqual(['tok-2', 'tok-2', 'tok-2']);
    expect(a.requests).toHaveLength(2);
  });

  test('the throttle error is read from the body whatever the status (200 or 400) and blocks for the window', async () => {
    for (const status of [200, 400]) {
      const a = accounts([
        { status, body: { error: 'Access Denied', error_description: 'You have made too many requests continuously. Please try again after some time.' } },
      ]);
      const tm = new TokenManager({ settings, store: new MemoryTokenStore(), fetch: a.fetch, now: clock, timeoutMs: 1000 });
      const err = await tm.getToken().catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ZohoRateLimitError);
      expect(err).toMatchObject({ kind: 'token', retryAfterMs: 600_000 });
      now += 5 * 60_000;
      await expect(tm.getToken()).rejects.toMatchObject({ kind: 'token', retryAfterMs: 300_000 });
      expect(a.requests).toHaveLength(1);
    }
  });

  test('a 200 with a non-throttle `error` is an auth error, not a token', async () => {
    const a = accounts([{ status: 200, body: { error: 'invalid_client' } }]);
    const tm = new TokenManager({ settings, store: new MemoryTokenStore(), fetch: a.fetch, now: clock, timeoutMs: 1000 });
    await expect(tm.getToken()).rejects.toBeInstanceOf(ZohoAuthError);
  });

  test('network failure and 5xx are transient; the attempt still counts against the budget', async () => {
    const a = accounts([new TypeError('fetch failed'), { status: 502, body: { oops: true } }, 'ok']);
    const store = new MemoryTokenStore();
    const tm = new TokenManager({ settings, store, fetch: a.fetch, now: clock, timeoutMs: 1000 });
    await expect(tm.getToken()).rejects.toBeInstanceOf(ZohoTransientError);
    await expect(tm.getToken()).rejects.toBeInstanceOf(ZohoTransientError);
    expect((await tm.getToken()).accessToken).toBe('tok-3');
    expect((await store.get(tm.key))?.requestLog).toHaveLength(3);
  });

  test('own budget: the 11th request in 10 minutes is not sent; retryAfterMs says when one frees up', async () => {
    const a = accounts([new TypeError('fetch failed')]);
    const tm = new TokenManager({ settings, store: new MemoryTokenStore(), fetch: a.fetch, now: clock, timeoutMs: 1000 });
    for (let i = 0; i < 10; i++) {
      await expect(tm.getToken()).rejects.toBeInstanceOf(ZohoTransientError);
      now += 1000;
    }
    await expect(tm.getToken()).rejects.toMatchObject({ name: 'ZohoRateLimitError', kind: 'token', retryAfterMs: 600_000 - 10_000 });
    expect(a.requests).toHaveLength(10);
    now += 600_000;
    await expect(tm.getToken()).rejects.toBeInstanceOf(ZohoTransientError);
    expect(a.requests).toHaveLength(11);
  });

  test('expires_in in milliseconds with expires_in_sec (older accounts servers)', async () => {
    const a = accounts([{ body: { access_token: 'old', expires_in: 3_600_000, expires_in_sec: 3600, api_domain: 'https://www.zohoapis.eu' } }]);
    const store = new MemoryTokenStore();
    const tm = new TokenManager({ settings, store, fetch: a.fetch, now: clock, timeoutMs: 1000 });
    await tm.getToken();
    expect((await store.get(tm.key))?.expiresAt).toBe(now + 3_600_000);
  });
});

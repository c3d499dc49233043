/**
 * Helpers for tests and benchmarks that run the connector against a sandbox on an ephemeral
 * loopback port. Not used in production code.
 */
import { SANDBOX_DEMO, type ZohoSettings } from '../config';
import { ZohoError } from './connector/errors';
import { createSandbox, type Sandbox, type SandboxOptions } from './sandbox';

export interface RunningSandbox {
  sandbox: Sandbox;
  url: string;
  settings(product?: ZohoSettings['product']): ZohoSettings;
  close(): Promise<void>;
}

export async function startSandbox(options: SandboxOptions = {}): Promise<RunningSandbox> {
  const sandbox = createSandbox(options);
  const { url } = await sandbox.listen(0, '127.0.0.1');
  return {
    sandbox,
    url,
    // apiDomain deliberately wrong: the connector must take the API base from the token answer.
    settings: (product = 'inventory') => ({
      product,
      accountsUrl: url,
      apiDomain: 'http://127.0.0.1:9',
      ...SANDBOX_DEMO,
      sandbox: true,
      requestsPerMinute: 100,
      maxConcurrent: 10,
    }),
    close: () => sandbox.close(),
  };
}

/** An access token for the sandbox's demo organization, asked as a third-party client asks (refresh grant on the query string). */
export async function sandboxAccessToken(url: string): Promise<string> {
  const q = new URLSearchParams({
    refresh_token: SANDBOX_DEMO.refreshToken,
    client_id: SANDBOX_DEMO.clientId,
    client_secret: SANDBOX_DEMO.clientSecret,
    grant_type: 'refresh_token',
  });
  const res = await fetch(`${url}/oauth/v2/token?${q}`, { method: 'POST' });
  return ((await res.json()) as { access_token: string }).access_token;
}

/**
 * What a Temporal activity's retry policy does with a connector error: retry while retryable,
 * waiting `retryAfterMs` when Zoho said how long (capped), else a short backoff.
 */
export async function retryLikeActivity<T>(fn: () => Promise<T>, opts: { attempts?: number; maxWaitMs?: number; baseMs?: number } = {}): Promise<T> {
  const attempts = opts.attempts ?? 6;
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (err) {
      if (!(err instanceof ZohoError) || !err.retryable || attempt >= attempts) throw err;
      const hinted = (err as { retryAfterMs?: number }).retryAfterMs;
      const wait = Math.min(opts.maxWaitMs ?? 2000, hinted ?? (opts.baseMs ?? 20) * 2 ** (attempt - 1));
      await new Promise((r) => setTimeout(r, wait));
    }
  }
}

/** A fetch that counts calls (and can rewrite answers), to assert what went over the wire. */
export function countingFetch(inner: typeof fetch = fetch) {
  const calls: Array<{ method: string; url: string }> = [];
  const wrapped = (async (input: Parameters<typeof fetch>[0], init?: Parameters<typeof fetch>[1]) => {
    calls.push({ method: init?.method ?? 'GET', url: String(input instanceof Request ? input.url : input) });
    return inner(input, init);
  }) as typeof fetch;
  return { fetch: wrapped, calls, api: () => calls.filter((c) => !c.url.includes('/oauth/')), token: () => calls.filter((c) => c.url.includes('/oauth/')) };
}

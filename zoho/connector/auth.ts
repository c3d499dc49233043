/**
 * Access tokens: cached in the TokenStore (shared by every process), refreshed ahead of expiry,
 * single-flight within a process (one promise) and across processes (the store's lease), and never
 * more than Zoho's 10 token requests per 10 minutes per refresh token (the store's request log).
 */
import { createHash, randomUUID } from 'node:crypto';
import { ZOHO_DATA_CENTRES, type ZohoSettings } from '../../config';
import { ZohoAuthError, ZohoError, ZohoRateLimitError, ZohoTransientError } from './errors';
import { EMPTY_TOKEN_STATE, type TokenState, type TokenStore } from './token-store';

export interface AccessToken {
  accessToken: string;
  apiDomain: string;
}

/** What the HTTP layer needs from the token side. */
export interface TokenProvider {
  getToken(): Promise<AccessToken>;
  /** Zoho refused `rejected` (code 57 / 401): get a different token, refreshing if nobody has yet. */
  refreshAfterRejection(rejected: string): Promise<AccessToken>;
}

export interface TokenManagerOptions {
  settings: Pick<ZohoSettings, 'accountsUrl' | 'apiDomain' | 'clientId' | 'clientSecret' | 'refreshToken'> & Partial<Pick<ZohoSettings, 'sandbox'>>;
  store: TokenStore;
  fetch: typeof fetch;
  now: () => number;
  timeoutMs: number;
  /** Start refreshing this long before expiry (default 10 min, at most a sixth of the token's life). */
  refreshAheadMs?: number;
  /** Zoho's token throttle: requests per window per refresh token (default 10 per 10 min). */
  maxTokenRequests?: number;
  tokenWindowMs?: number;
  /** How long to wait for another process's refresh before giving up (default 20 s). */
  leaseWaitMs?: number;
  pollMs?: number;
}

const THROTTLE_WINDOW_MS = 10 * 60_000;

export class TokenManager implements TokenProvider {
  /** The store key: a hash, so that the refresh token never appears in the database or logs. */
  readonly key: string;
  private readonly holder = randomUUID();
  private memo: TokenState | undefined;
  private inflight: Promise<TokenState> | undefined;
  private readonly o: Required<Omit<TokenManagerOptions, 'settings' | 'store' | 'fetch' | 'now'>> & TokenManagerOptions;

  constructor(options: TokenManagerOptions) {
    this.o = {
      refreshAheadMs: 10 * 60_000,
      maxTokenRequests: 10,
      tokenWindowMs: THROTTLE_WINDOW_MS,
      leaseWaitMs: 20_000,
      pollMs: 100,
      ...options,
    };
    const s = options.settings;
    this.key = createHash('sha256').update(`${s.accountsUrl}\n${s.clientId}\n${s.refreshToken}`).digest('hex');
  }

  async getToken(): Promise<AccessToken> {
    const now = this.o.now();
    if (this.memo?.accessToken && this.memo.refreshAt > now) return this.toAccess(this.memo);
    return this.toAccess(await this.singleFlight(undefined));
  }

  async refreshAfterRejection(rejected: string): Promise<AccessToken> {
    const now = this.o.now();
    if (this.memo?.accessToken && this.memo.accessToken !== rejected && this.memo.expiresAt > now) {
      return this.toAccess(this.memo);
    }
    return this.toAccess(await this.singleFlight(rejected));
  }

  private async singleFlight(rejected: string | undefined): Promise<TokenState> {
    // A flight already under way usually yields a new token; if it yields the rejected one, fly again.
    while (this.inflight) {
      const got = await this.inflight.catch(() => undefined);
      if (got?.accessToken && got.accessToken !== rejected) return got;
    }
    this.inflight = this.obtain(rejected)
      .catch((err: unknown) => {
        // A database hiccup in the token store is worth a retry, like a network one.
        if (err instanceof ZohoError) throw err;
        throw new ZohoTransientError(`Zoho token store failed: ${(err as Error)?.message ?? String(err)}`, { code: 'token_store' });
      })
      .finally(() => {
        this.inflight = undefined;
      });
    return this.inflight;
  }

  private usable(s: TokenState | undefined, rejected: string | undefined, fresh: boolean): boolean {
    if (!s?.accessToken || s.accessToken === rejected) return false;
    // A token stored with an API domain we no longer accept (written before this check existed) is not used.
    if (s.apiDomain !== undefined && allowedApiDomain(s.apiDomain, this.o.settings) === undefined) return false;
    const now = this.o.now();
    return fresh ? s.refreshAt > now : s.expiresAt > now + 1000;
  }

  private remember(s: TokenState): TokenState {
    this.memo = s;
    return s;
  }

  private async obtain(rejected: string | undefined): Promise<TokenState> {
    const deadline = this.o.now() + this.o.leaseWaitMs;
    for (;;) {
      const s = await this.o.store.get(this.key);
      if (s && this.usable(s, rejected, true)) return this.remember(s);
      const leaseTtl = this.o.timeoutMs + 10_000;
      if (await this.o.store.acquireLease(this.key, this.holder, this.o.now(), leaseTtl)) {
        try {
          return await this.refreshHoldingLease(rejected);
        } finally {
          await this.o.store.releaseLease(this.key, this.holder).catch(() => undefined);
        }
      }
      // Another process is refreshing: a token that still works will do meanwhile.
      if (s && this.usable(s, rejected, false)) return this.remember(s);
      if (this.o.now() > deadline) {
        throw new ZohoTransientError('Timed out waiting for another process to refresh the Zoho access token', {
          code: 'token_lease_timeout',
        });
      }
      await new Promise((r) => setTimeout(r, this.o.pollMs));
    }
  }

  private async refreshHoldingLease(rejected: string | undefined): Promise<TokenState> {
    const s = (await this.o.store.get(this.key)) ?? EMPTY_TOKEN_STATE;
    if (this.usable(s, rejected, true)) return this.remember(s); // refreshed while we waited for the lease
    const now = this.o.now();
    const stillValid = this.usable(s, rejected, false);
    if (s.blockedUntil > now) {
      if (stillValid) return this.remember(s);
      throw this.throttled(s.blockedUntil - now, 'Zoho is refusing token requests for now (too many token requests)');
    }
    const log = s.requestLog.filter((t) => t > now - this.o.tokenWindowMs);
    if (log.length >= this.o.maxTokenRequests) {
      if (stillValid) return this.remember(s);
      const oldest = log[log.length - this.o.maxTokenRequests]!;
      throw this.throttled(oldest + this.o.tokenWindowMs - now, 'Zoho token request budget used up');
    }
    // Count the request before sending it: one whose answer is lost still counts at Zoho.
    log.push(now);
    await this.o.store.put(this.key, { ...s, requestLog: log }, this.holder);

    const answer = await this.requestToken();
    if ('throttled' in answer) {
      const blockedUntil = this.o.now() + this.o.tokenWindowMs;
      await this.o.store.put(this.key, { ...s, requestLog: log, blockedUntil }, this.holder);
      if (stillValid) return this.remember(s);
      throw this.throttled(blockedUntil - this.o.now(), 'Zoho refused the token request: too many token requests');
    }
    const ttl = answer.expiresInMs;
    const issued = this.o.now();
    const state: TokenState = {
      accessToken: answer.accessToken,
      apiDomain: answer.apiDomain,
      expiresAt: issued + ttl,
      refreshAt: issued + ttl - Math.min(this.o.refreshAheadMs, ttl / 6),
      requestLog: log,
      blockedUntil: 0,
    };
    await this.o.store.put(this.key, state, this.holder);
    return this.remember(state);
  }

  private throttled(retryAfterMs: number, message: string): ZohoRateLimitError {
    return new ZohoRateLimitError(message, { kind: 'token', code: 'token_throttle', httpStatus: 0, retryAfterMs });
  }

  private async requestToken(): Promise<{ accessToken: string; apiDomain: string; expiresInMs: number } | { throttled: true }> {
    const s = this.o.settings;
    // Secrets go in the form body, not the query string, so no proxy or access log records them.
    const form = new URLSearchParams({
      grant_type: 'refresh_token',
      client_id: s.clientId,
      client_secret: s.clientSecret,
      refresh_token: s.refreshToken,
    });
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.o.timeoutMs);
    let status: number;
    let text: string;
    try {
      const res = await this.o.fetch(`${s.accountsUrl.replace(/\/+$/, '')}/oauth/v2/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body: form.toString(),
        signal: controller.signal,
      });
      status = res.status;
      text = await res.text();
    } catch (err) {
      throw new ZohoTransientError(`Zoho token request failed: ${describeNetworkError(err, controller.signal.aborted)}`, {
        code: controller.signal.aborted ? 'timeout' : 'network',
      });
    } finally {
      clearTimeout(timer);
    }
    let body: Record<string, unknown> | undefined;
    try {
      const parsed: unknown = JSON.parse(text);
      if (parsed && typeof parsed === 'object') body = parsed as Record<string, unknown>;
    } catch {
      body = undefined;
    }
    // Zoho reports token failures in the body, often with HTTP 200: look at `error`, not the status.
    if (body && typeof body.error === 'string') {
      const description = typeof body.error_description === 'string' ? body.error_description : '';
      if (/too many requests/i.test(description) || /access denied/i.test(body.error)) return { throttled: true };
      if (status >= 500) throw new ZohoTransientError(`Zoho token request failed: ${body.error}`, { httpStatus: status });
      throw new ZohoAuthError(
        `Zoho refused the OAuth refresh (${body.error}${description ? `: ${description}` : ''}); reconnect Zoho with a valid client id, secret and refresh token`,
        { code: body.error, httpStatus: status },
      );
    }
    if (!body || typeof body.access_token !== 'string') {
      throw new ZohoTransientError(`Zoho token request gave an unreadable answer (HTTP ${status})`, { httpStatus: status });
    }
    let apiDomain = s.apiDomain.replace(/\/+$/, '');
    if (typeof body.api_domain === 'string' && body.api_domain) {
      // The access token goes wherever api_domain says: only a Zoho data centre (or our own configured API) may receive it.
      const allowed = allowedApiDomain(body.api_domain, s);
      if (allowed === undefined) {
        throw new ZohoAuthError(
          `Zoho's token answer named an API domain that is not a Zoho data centre (${body.api_domain.slice(0, 100)}); expected https://www.zohoapis.<dc> or ZOHO_API_URL. Check ZOHO_ACCOUNTS_URL.`,
          { code: 'untrusted_api_domain', httpStatus: status },
        );
      }
      apiDomain = allowed;
    }
    return { accessToken: body.access_token, apiDomain, expiresInMs: expiresInMs(body) };
  }

  private toAccess(s: TokenState): AccessToken {
    return { accessToken: s.accessToken!, apiDomain: s.apiDomain ?? this.o.settings.apiDomain.replace(/\/+$/, '') };
  }
}

/** The API hosts of Zoho's data centres: https://www.zohoapis.<dc>, nothing else. */
const DATA_CENTRE_APIS = new Set<string>(Object.values(ZOHO_DATA_CENTRES).map((dc) => dc.api));

/**
 * `candidate` as an API base (origin only) when we may send an access token there: a known data
 * centre's API host, the configured API domain (ZOHO_API_URL), or, against the sandbox, the
 * sandbox itself (it is also the accounts server). Anything else (a metadata address, a stray
 * host, http://, a path or credentials in the URL): undefined.
 */
export function allowedApiDomain(
  candidate: string,
  settings: Pick<ZohoSettings, 'accountsUrl' | 'apiDomain'> & Partial<Pick<ZohoSettings, 'sandbox'>>,
): string | undefined {
  const origin = originOf(candidate);
  if (origin === undefined) return undefined;
  if (DATA_CENTRE_APIS.has(origin)) return origin;
  if (origin === originOf(settings.apiDomain)) return origin;
  if (settings.sandbox && origin === originOf(settings.accountsUrl)) return origin;
  return undefined;
}

/** `https://host[:port]` of a bare base URL; undefined for anything with a path, query, fragment or credentials. */
function originOf(raw: string): string | undefined {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
  if (url.username || url.password || url.search || url.hash || url.pathname.replace(/\/+$/, '') !== '') return undefined;
  return url.origin;
}

/** `expires_in` is seconds today; older accounts servers sent milliseconds plus `expires_in_sec`. */
function expiresInMs(body: Record<string, unknown>): number {
  if (typeof body.expires_in_sec === 'number') return body.expires_in_sec * 1000;
  const v = typeof body.expires_in === 'number' ? body.expires_in : Number(body.expires_in);
  if (!Number.isFinite(v) || v <= 0) return 3600_000;
  return v > 86_400 ? v : v * 1000;
}

export function describeNetworkError(err: unknown, timedOut: boolean): string {
  if (timedOut) return 'timed out';
  const e = err as { message?: string; cause?: { code?: string; message?: string } };
  return e?.cause?.code ?? e?.cause?.message ?? e?.message ?? String(err);
}

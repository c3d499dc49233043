/**
 * One Zoho API call: limiter slot, token, URL, body, timeout, envelope, and the mapping of every
 * failure onto the error hierarchy. Resources above this never look at status codes.
 */
import { readRateHeaders, resetHeaderMs, type RateReading } from './rate-headers';
import type { ZohoProduct } from '../../domain';
import { describeNetworkError, type AccessToken, type TokenProvider } from './auth';
import {
  ZohoAuthError,
  ZohoDuplicateNumberError,
  ZohoError,
  ZohoNotFoundError,
  ZohoRateLimitError,
  ZohoTransientError,
  ZohoValidationError,
  type RateLimitKind,
} from './errors';
import type { RateLimiter } from './limiter';

export type Query = Record<string, string | number | boolean | undefined>;
export type Envelope = Record<string, unknown> & { code?: number; message?: string };

export interface ZohoRequest {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Path below the product base, e.g. `/salesorders`. */
  path: string;
  query?: Query;
  json?: unknown;
  multipart?: { field: string; data: Buffer; filename: string; contentType: string };
  /** A create: if its outcome is unknown, the caller must look before creating again. */
  create?: boolean;
}

export interface HttpOptions {
  product: ZohoProduct;
  organizationId: string;
  auth: TokenProvider;
  fetch: typeof fetch;
  limiter: RateLimiter;
  timeoutMs: number;
  now: () => number;
  /** Told of every API call's outcome (metrics); must not throw. */
  observe?: (call: ZohoCallObservation) => void;
  /** Told of every API call as it goes out (not token requests): the hub counts them against the daily quota. */
  onCall?: () => void;
  /** Told what each answer's rate headers say (the console shows Zoho's own count of the day's quota). Must not throw. */
  onRateReading?: (reading: RateReading) => void;
}

/** One API call's outcome, for metrics: calls and 429s per endpoint family. */
export interface ZohoCallObservation {
  /** The first path segment: salesorders, contacts, items, estimates, settings... */
  family: string;
  method: ZohoRequest['method'];
  /** HTTP status; 0 when no answer came (timeout, network). */
  status: number;
  outcome: 'ok' | 'rate_limited' | 'auth' | 'client_error' | 'server_error' | 'network';
}

/** `/salesorders/123/status/confirmed` → `salesorders`. */
export function endpointFamily(path: string): string {
  return path.split('/').find(Boolean)?.split('?')[0] ?? 'unknown';
}

/**
 * Process-wide observers: the worker's metrics see every client's calls, whichever connection
 * (environment or console-saved) built that client. Returns the unsubscribe.
 */
const processObservers = new Set<(call: ZohoCallObservation) => void>();
export function observeZohoCalls(observer: (call: ZohoCallObservation) => void): () => void {
  processObservers.add(observer);
  return () => processObservers.delete(observer);
}

function notify(own: HttpOptions['observe'], call: ZohoCallObservation): void {
  own?.(call);
  for (const o of processObservers) o(call);
}

function observation(req: ZohoRequest, err: unknown): ZohoCallObservation {
  const base = { family: endpointFamily(req.path), method: req.method };
  if (err === undefined) return { ...base, status: 200, outcome: 'ok' };
  const status = err instanceof ZohoError ? err.httpStatus : 0;
  if (err instanceof ZohoRateLimitError) return { ...base, status, outcome: 'rate_limited' };
  if (err instanceof ZohoAuthError) return { ...base, status, outcome: 'auth' };
  if (status === 0) return { ...base, status, outcome: 'network' };
  return { ...base, status, outcome: status >= 500 ? 'server_error' : 'client_error' };
}

const BASES: Record<ZohoProduct, string> = { inventory: '/inventory/v1', books: '/books/v3' };

export class ZohoHttp {
  constructor(private readonly o: HttpOptions) {}

  get product(): ZohoProduct {
    return this.o.product;
  }

  /** A JSON call; resolves with the success envelope (`code` 0). */
  async call(req: ZohoRequest): Promise<Envelope> {
    const res = await this.withAuthRetry(req, false);
    return res as Envelope;
  }

  /** A call whose success answer is a file (item image, attachment). */
  async binary(req: ZohoRequest): Promise<{ data: Buffer; contentType: string }> {
    return (await this.withAuthRetry(req, true)) as { data: Buffer; contentType: string };
  }

  /** Code 57 / 401: maybe the cached token was revoked or expired early. One fresh token, one retry. */
  private async withAuthRetry(req: ZohoRequest, binary: boolean): Promise<unknown> {
    const token = await this.o.auth.getToken();
    try {
      return await this.observed(req, token, binary);
    } catch (err) {
      if (!(err instanceof ZohoAuthError)) throw err;
      const fresh = await this.o.auth.refreshAfterRejection(token.accessToken);
      try {
        return await this.observed(req, fresh, binary);
      } catch (again) {
        if (!(again instanceof ZohoAuthError)) throw again;
        throw new ZohoAuthError(
          `Zoho refused a freshly issued access token (${again.message}). Check that the OAuth client has the ` +
            `needed scopes and that organization ${this.o.organizationId} belongs to the connected account.`,
          { code: again.code, httpStatus: again.httpStatus },
        );
      }
    }
  }

  private async observed(req: ZohoRequest, token: AccessToken, binary: boolean): Promise<unknown> {
    if (!this.o.observe && processObservers.size === 0) return this.send(req, token, binary);
    try {
      const result = await this.send(req, token, binary);
      notify(this.o.observe, observation(req, undefined));
      return result;
    } catch (err) {
      notify(this.o.observe, observation(req, err));
      throw err;
    }
  }

  private async send(req: ZohoRequest, token: AccessToken, binary: boolean): Promise<unknown> {
    const url = new URL(`${token.apiDomain}${BASES[this.o.product]}${req.path}`);
    url.searchParams.set('organization_id', this.o.organizationId);
    for (const [k, v] of Object.entries(req.query ?? {})) if (v !== undefined) url.searchParams.set(k, String(v));

    const headers: Record<string, string> = {
      authorization: `Zoho-oauthtoken ${token.accessToken}`,
      accept: binary ? '*/*' : 'application/json',
    };
    let body: string | FormData | undefined;
    if (req.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(req.json);
    } else if (req.multipart) {
      const m = req.multipart;
      const form = new FormData();
      form.append(m.field, new Blob([new Uint8Array(m.data)], { type: m.contentType }), m.filename);
      body = form; // fetch writes the multipart boundary header itself
    }

    const release = await this.o.limiter.acquire();
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.o.timeoutMs);
    let status: number;
    let resHeaders: Headers;
    let raw: Buffer;
    try {
      this.o.onCall?.();
      const res = await this.o.fetch(url, { method: req.method, headers, body, signal: controller.signal });
      status = res.status;
      resHeaders = res.headers;
      raw = Buffer.from(await res.arrayBuffer());
    } catch (err) {
      const timedOut = controller.signal.aborted;
      throw new ZohoTransientError(
        `Zoho ${req.method} ${req.path} ${timedOut ? `timed out after ${this.o.timeoutMs} ms` : `failed: ${describeNetworkError(err, false)}`}`,
        { code: timedOut ? 'timeout' : 'network', outcomeUnknown: !!req.create },
      );
    } finally {
      clearTimeout(timer);
      release();
    }

    const reading = this.o.onRateReading && readRateHeaders(resHeaders, this.o.now());
    if (reading) this.o.onRateReading!(reading);
    const contentType = resHeaders.get('content-type') ?? '';
    const isJson = /json/i.test(contentType) || (!binary && raw.length > 0 && raw[0] === 0x7b);
    const envelope = isJson ? parseEnvelope(raw) : undefined;
    if (status >= 200 && status < 300) {
      if (binary && !isJson) return { data: raw, contentType };
      if (envelope && (envelope.code === 0 || envelope.code === undefined)) return envelope;
      if (!envelope) {
        throw new ZohoTransientError(`Zoho ${req.method} ${req.path} gave an unreadable answer (HTTP ${status})`, {
          httpStatus: status,
          outcomeUnknown: !!req.create,
        });
      }
    }
    const err = mapError(status, envelope, resHeaders, req, this.o.now());
    if (err instanceof ZohoRateLimitError) this.o.limiter.onRateLimited?.(err);
    throw err;
  }
}

function parseEnvelope(raw: Buffer): Envelope | undefined {
  try {
    const v: unknown = JSON.parse(raw.toString('utf8'));
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Envelope) : undefined;
  } catch {
    return undefined;
  }
}

const RATE_CODES: Record<number, RateLimitKind> = { 44: 'per_minute', 45: 'daily', 1070: 'concurrency' };

/** Zoho's answer → one error class. Codes first (Zoho is not consistent with statuses), then status. */
export function mapError(status: number, body: Envelope | undefined, headers: Headers, req: ZohoRequest, now: number): ZohoError {
  const code = typeof body?.code === 'number' ? body.code : undefined;
  const zohoMessage = typeof body?.message === 'string' ? body.message : undefined;
  const message = zohoMessage ?? `Zoho ${req.method} ${req.path} answered HTTP ${status}`;
  const fields = { code: code ?? `http_${status}`, httpStatus: status };

  const rateKind = code !== undefined ? RATE_CODES[code] : undefined;
  if (rateKind || status === 429) {
    const kind = rateKind ?? 'per_minute';
    return new ZohoRateLimitError(message, { ...fields, kind, retryAfterMs: retryAfterMs(kind, headers, now) });
  }
  if (code === 57 || status === 401) return new ZohoAuthError(message, fields);
  if (req.create && zohoMessage && /already exists/i.test(zohoMessage) && (/number/i.test(zohoMessage) || code === 1001)) {
    return new ZohoDuplicateNumberError(message, fields);
  }
  if (code === 1002 || status === 404) return new ZohoNotFoundError(message, fields);
  if (status >= 500 || status === 0) return new ZohoTransientError(message, { ...fields, outcomeUnknown: !!req.create });
  if (status === 400 || status === 409 || status === 422 || (status >= 200 && status < 300)) {
    return new ZohoValidationError(message, fields);
  }
  return new ZohoError(message, { ...fields, retryable: false });
}

/** The per-minute window ends within this; a longer reset in the headers describes something else. */
const MINUTE_MS = 60_000;

/**
 * Time until the limit's window resets. The rate headers are undocumented, and Zoho has been seen
 * sending the DAILY quota in them (Limit 7500, Reset 34881 s) on a per-minute refusal: so a
 * per-minute retry never waits longer than the minute, whatever the headers say (a shorter reset,
 * as from a compressed test window, is taken as it is). Without a header, assume Zoho's windows.
 */
export function retryAfterMs(kind: RateLimitKind, headers: Headers, now: number): number {
  // In-flight calls finish in moments; a reset header there would describe the minute window instead.
  if (kind === 'concurrency') return 1000;
  const fromHeader = resetHeaderMs(headers, now);
  if (kind === 'per_minute') return fromHeader !== undefined && fromHeader <= MINUTE_MS ? fromHeader : MINUTE_MS - (now % MINUTE_MS);
  if (fromHeader !== undefined) return fromHeader;
  if (kind === 'daily') return 86_400_000 - (now % 86_400_000);
  return 1000;
}

/**
 * Speaking to a live sandbox as a third-party Zoho client would (plain fetch, a token from the
 * refresh grant), for the schema checks of answers and list filters. Test support only.
 */
import { SANDBOX_DEMO } from '../../config';
import type { RunningSandbox } from '../testing';

export type Product = 'inventory' | 'books';

export interface Answer {
  status: number;
  headers: Headers;
  body: unknown;
}

export interface Call {
  query?: Record<string, string>;
  json?: unknown;
  /** A body sent as is (malformed JSON, a multipart form). */
  raw?: { body: string | FormData; contentType?: string };
  /** Default: the demo organization. `null`: none at all. */
  organizationId?: string | null;
  /** Default: a valid token. */
  token?: string | null;
}

/** A client of one product's API on the sandbox. */
export function zohoApi(zs: RunningSandbox, product: Product, token: () => string) {
  const base = product === 'inventory' ? '/inventory/v1' : '/books/v3';
  return async function call(method: string, path: string, c: Call = {}): Promise<Answer> {
    const url = new URL(`${zs.url}${base}${path}`);
    const org = c.organizationId === undefined ? SANDBOX_DEMO.organizationId : c.organizationId;
    if (org !== null) url.searchParams.set('organization_id', org);
    for (const [k, v] of Object.entries(c.query ?? {})) url.searchParams.set(k, v);
    const headers: Record<string, string> = {};
    const t = c.token === undefined ? token() : c.token;
    if (t !== null) headers.authorization = `Zoho-oauthtoken ${t}`;
    let body: string | FormData | undefined;
    if (c.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(c.json);
    } else if (c.raw) {
      if (c.raw.contentType) headers['content-type'] = c.raw.contentType;
      body = c.raw.body;
    }
    const res = await fetch(url, { method, headers, body });
    const text = await res.text();
    let parsed: unknown = text;
    if (/json/.test(res.headers.get('content-type') ?? '')) parsed = JSON.parse(text) as unknown;
    return { status: res.status, headers: res.headers, body: parsed };
  };
}
export type ZohoApi = ReturnType<typeof zohoApi>;

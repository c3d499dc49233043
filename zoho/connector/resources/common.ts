/** Reading Zoho envelopes: entity keys, lists and page_context. */
import { ZohoError, ZohoTransientError } from '../errors';
import type { Envelope, Query, ZohoHttp } from '../http';
import type { PageInfo } from '../types';

export const PER_PAGE = 200;

/** The entity under the first of `keys` present (Zoho's docs disagree on some names, e.g. `sales_order`). */
export function entity<T>(body: Envelope, ...keys: string[]): T {
  for (const key of keys) {
    const v = body[key];
    if (v && typeof v === 'object' && !Array.isArray(v)) return v as T;
  }
  throw new ZohoTransientError(`Zoho answer had none of ${keys.join(', ')}`, { code: 'unexpected_answer' });
}

export function list<T>(body: Envelope, key: string): T[] {
  const v = body[key];
  if (v === undefined) return [];
  if (!Array.isArray(v)) throw new ZohoError(`Zoho answer's ${key} is not a list`, { code: 'unexpected_answer' });
  return v as T[];
}

export function pageInfo(body: Envelope, page: number, perPage: number, count: number): PageInfo {
  const ctx = body.page_context as { page?: number; per_page?: number; has_more_page?: boolean } | undefined;
  return {
    page: typeof ctx?.page === 'number' ? ctx.page : page,
    perPage: typeof ctx?.per_page === 'number' ? ctx.per_page : perPage,
    // Without page_context, a full page may have a successor.
    hasMore: typeof ctx?.has_more_page === 'boolean' ? ctx.has_more_page : count >= perPage,
  };
}

/** Every page of a small list (price books, locations): loops `page` while Zoho says there is more. */
export async function listAllPages<T>(http: ZohoHttp, path: string, key: string, query: Query = {}): Promise<T[]> {
  const out: T[] = [];
  for (let page = 1; page <= 1000; page++) {
    const body = await http.call({ method: 'GET', path, query: { ...query, page, per_page: PER_PAGE } });
    const rows = list<T>(body, key);
    out.push(...rows);
    if (!pageInfo(body, page, PER_PAGE, rows.length).hasMore) break;
  }
  return out;
}

export function enc(id: string): string {
  return encodeURIComponent(id);
}

import type { ZohoHttp } from '../http';
import type { PageInfo, ZohoItem } from '../types';
import { requireId } from '../validate';
import { enc, entity, list, pageInfo, PER_PAGE } from './common';

export interface ItemListOptions {
  page?: number;
  perPage?: number;
  /** Only items changed since then (Inventory). Books cannot filter by time: it lists everything. */
  modifiedSince?: Date | string | number;
}

export interface ItemPage extends PageInfo {
  items: ZohoItem[];
  /** False when `modifiedSince` was asked for but not applied (Books): the caller got the full list. */
  filtered: boolean;
}

/** Zoho's timestamp style, `2026-06-11T17:38:06+0000`. A string is passed through as given. */
export function zohoTimestamp(t: Date | string | number): string {
  if (typeof t === 'string') return t;
  return new Date(t).toISOString().replace(/\.\d{3}Z$/, '+0000');
}

export function items(http: ZohoHttp) {
  const inventory = http.product === 'inventory';

  async function listPage(opts: ItemListOptions = {}): Promise<ItemPage> {
    const page = opts.page ?? 1;
    const perPage = opts.perPage ?? PER_PAGE;
    const since = opts.modifiedSince !== undefined && inventory ? zohoTimestamp(opts.modifiedSince) : undefined;
    const body = await http.call({
      method: 'GET',
      path: '/items',
      query: {
        page,
        per_page: perPage,
        // Oldest change first, so a page boundary does not move under a sync that pages forward.
        sort_column: inventory ? 'last_modified_time' : undefined,
        sort_order: inventory ? 'A' : undefined,
        last_modified_time: since,
      },
    });
    const rows = list<ZohoItem>(body, 'items');
    return { items: rows, ...pageInfo(body, page, perPage, rows.length), filtered: since !== undefined || opts.modifiedSince === undefined };
  }

  return {
    list: listPage,

    /** Every page from `opts.page` (default 1) on, one request per page. */
    async *listAll(opts: Omit<ItemListOptions, 'page'> & { page?: number } = {}): AsyncGenerator<ItemPage> {
      for (let page = opts.page ?? 1; ; page++) {
        const p = await listPage({ ...opts, page });
        yield p;
        if (!p.hasMore || p.items.length === 0) return;
      }
    },

    async get(id: string): Promise<ZohoItem> {
      requireId('item id', id);
      return entity<ZohoItem>(await http.call({ method: 'GET', path: `/items/${enc(id)}` }), 'item');
    },

    /** The item's image bytes (`image_name` says whether there is one). */
    async image(id: string): Promise<{ data: Buffer; contentType: string }> {
      requireId('item id', id);
      return http.binary({ method: 'GET', path: `/items/${enc(id)}/image` });
    },
  };
}

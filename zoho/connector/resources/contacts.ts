import { ZohoValidationError } from '../errors';
import type { ZohoHttp } from '../http';
import type { ContactPayload, PageInfo, ZohoContact } from '../types';
import { zohoTimestamp } from './items';
import { requireId, validateContact } from '../validate';
import { enc, entity, list, pageInfo, PER_PAGE } from './common';

export interface ContactSearch {
  email?: string;
  /** Contacts whose name contains this (Zoho's `contact_name_contains`). */
  name?: string;
}

export interface ContactListOptions {
  page?: number;
  perPage?: number;
  /** Only contacts changed since then (sent as `last_modified_time`; oldest change first). */
  modifiedSince?: Date | string | number;
}

export interface ContactPage extends PageInfo {
  contacts: ZohoContact[];
}

export function contacts(http: ZohoHttp) {
  async function listPage(opts: ContactListOptions = {}): Promise<ContactPage> {
    const page = opts.page ?? 1;
    const perPage = opts.perPage ?? PER_PAGE;
    const body = await http.call({
      method: 'GET',
      path: '/contacts',
      // No contact_type: Inventory's description of this list has no such filter (Books' has), so
      // vendors may come too; the catalogue sync withdraws every non-customer it reads.
      // sort_order and last_modified_time are not in either description of this list, and are
      // sent on purpose (zoho/schemas/requests.test.ts KEPT says why): oldest change first is what
      // the sync's keyset pager needs, and the sync loses nothing whether Zoho applies the time filter or not.
      query: {
        page,
        per_page: perPage,
        sort_column: 'last_modified_time',
        sort_order: 'A',
        last_modified_time: opts.modifiedSince !== undefined ? zohoTimestamp(opts.modifiedSince) : undefined,
      },
    });
    const rows = list<ZohoContact>(body, 'contacts');
    return { contacts: rows, ...pageInfo(body, page, perPage, rows.length) };
  }

  return {
    /** One page of contacts, vendors included (list entries are summaries: addresses and persons come with `get`). */
    list: listPage,

    async *listAll(opts: ContactListOptions = {}): AsyncGenerator<ContactPage> {
      for (let page = opts.page ?? 1; ; page++) {
        const p = await listPage({ ...opts, page });
        yield p;
        if (!p.hasMore || p.contacts.length === 0) return;
      }
    },

    /**
     * Customers matching the e-mail or the name (one filter per call: email wins). Used to match a
     * customer created offline before creating it, so a retried creation never makes a second one.
     */
    async search(q: ContactSearch): Promise<ZohoContact[]> {
      const query: Record<string, string | number> = { page: 1, per_page: PER_PAGE };
      if (q.email?.trim()) query.email = q.email.trim();
      else if (q.name?.trim()) query.contact_name_contains = q.name.trim();
      else throw new ZohoValidationError('contact search needs an email or a name', { code: 'invalid_query', httpStatus: 0 });
      // Not asked with `contact_type` (not among the Inventory list's documented filters, zoho/schemas/filters.ts):
      // vendors come too, and a vendor sharing the e-mail must never be adopted as the customer.
      return list<ZohoContact>(await http.call({ method: 'GET', path: '/contacts', query }), 'contacts').filter(
        (c) => (c.contact_type ?? 'customer') === 'customer',
      );
    },

    async create(payload: ContactPayload): Promise<ZohoContact> {
      validateContact(payload);
      const body = await http.call({ method: 'POST', path: '/contacts', json: { contact_type: 'customer', ...payload } });
      return entity<ZohoContact>(body, 'contact');
    },

    async get(id: string): Promise<ZohoContact> {
      requireId('contact id', id);
      return entity<ZohoContact>(await http.call({ method: 'GET', path: `/contacts/${enc(id)}` }), 'contact');
    },
  };
}

import { ZohoValidationError } from '../errors';
import type { ZohoHttp } from '../http';
import type { ContactPayload, ZohoContact } from '../types';
import { requireId, validateContact } from '../validate';
import { enc, entity, list, PER_PAGE } from './common';

export interface ContactSearch {
  email?: string;
  /** Contacts whose name contains this (Zoho's `contact_name_contains`). */
  name?: string;
}

export function contacts(http: ZohoHttp) {
  return {
    /**
     * Customers matching the e-mail or the name (one filter per call: email wins). Used to match a
     * customer created offline before creating it, so a retried creation never makes a second one.
     */
    async search(q: ContactSearch): Promise<ZohoContact[]> {
      const query: Record<string, string | number> = { contact_type: 'customer', page: 1, per_page: PER_PAGE };
      if (q.email?.trim()) query.email = q.email.trim();
      else if (q.name?.trim()) query.contact_name_contains = q.name.trim();
      else throw new ZohoValidationError('contact search needs an email or a name', { code: 'invalid_query', httpStatus: 0 });
      return list<ZohoContact>(await http.call({ method: 'GET', path: '/contacts', query }), 'contacts');
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

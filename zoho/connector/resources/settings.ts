/** Price lists, locations, units, currencies and taxes: small lists read whole. */
import { ZohoValidationError } from '../errors';
import type { ZohoHttp } from '../http';
import type { ZohoCurrency, ZohoLocation, ZohoPriceBook, ZohoTax, ZohoTaxGroup, ZohoUnit } from '../types';
import { requireId } from '../validate';
import { enc, entity, listAllPages } from './common';

export function priceBooks(http: ZohoHttp) {
  return {
    list: (): Promise<ZohoPriceBook[]> => listAllPages<ZohoPriceBook>(http, '/pricebooks', 'pricebooks'),
    async get(id: string): Promise<ZohoPriceBook> {
      requireId('price book id', id);
      return entity<ZohoPriceBook>(await http.call({ method: 'GET', path: `/pricebooks/${enc(id)}` }), 'pricebook');
    },
  };
}

export function locations(http: ZohoHttp) {
  return {
    /** Inventory only: Books has no stock locations. */
    async list(): Promise<ZohoLocation[]> {
      if (http.product !== 'inventory') {
        throw new ZohoValidationError('Locations exist only in Zoho Inventory', { code: 'unsupported', httpStatus: 0 });
      }
      return listAllPages<ZohoLocation>(http, '/locations', 'locations');
    },
  };
}

export function units(http: ZohoHttp) {
  return {
    /** Inventory only (Books describes no units): each unit with the decimal places its quantities may have. */
    async list(): Promise<ZohoUnit[]> {
      if (http.product !== 'inventory') {
        throw new ZohoValidationError('Units of measurement exist only in Zoho Inventory', { code: 'unsupported', httpStatus: 0 });
      }
      const answer = await http.call({ method: 'GET', path: '/units' });
      const list = (answer as { units?: unknown }).units;
      return Array.isArray(list) ? (list as ZohoUnit[]) : [];
    },
  };
}

export function currencies(http: ZohoHttp) {
  return {
    /** The organization's currencies with their exchange rates (the base one at 1). */
    list: (): Promise<ZohoCurrency[]> => listAllPages<ZohoCurrency>(http, '/settings/currencies', 'currencies'),
  };
}

export function taxes(http: ZohoHttp) {
  return {
    /** Simple and compound taxes, and tax groups (`tax_type: tax_group`). */
    list: (): Promise<ZohoTax[]> => listAllPages<ZohoTax>(http, '/settings/taxes', 'taxes'),
    /** A tax group with its member taxes, in the order Zoho applies them. */
    async group(id: string): Promise<ZohoTaxGroup> {
      requireId('tax group id', id);
      return entity<ZohoTaxGroup>(await http.call({ method: 'GET', path: `/settings/taxgroups/${enc(id)}` }), 'tax_group');
    },
  };
}

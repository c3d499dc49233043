/**
 * Which request schema holds for which call: (product, method, path) → the schemas of its query and
 * body, as Zoho's descriptions give them. `requests.test.ts` runs every connector operation against
 * a live sandbox and checks each request that arrives against the row it matches; a request no row
 * matches is a call to a path Zoho does not document.
 */
import * as z from 'zod';
import { organizationQuery } from './common';
import {
  booksContactListQuery,
  contactAddressCreate,
  contactCreate,
  contactListQuery,
  contactPersonCreate,
  contactPersonListQuery,
  contactPersonUpdate,
  contactUpdate,
} from './contacts';
import { currencyListQuery } from './currencies';
import { customFieldListQuery } from './custom-fields';
import { estimateCreate, estimateCreateQuery, estimateListQuery, estimateUpdate } from './estimates';
import { booksItemListQuery, itemGroupListQuery, itemListQuery } from './items';
import { locationListQuery } from './locations';
import { unitListQuery } from './units';
import { organizationListQuery } from './organizations';
import { priceBookListQuery } from './pricebooks';
import {
  booksSalesOrderCreate,
  booksSalesOrderUpdate,
  inventorySalesOrderCreate,
  inventorySalesOrderUpdate,
  salesOrderBulkConfirmQuery,
  salesOrderCreateQuery,
  salesOrderListQuery,
} from './salesorders';
import { taxListQuery } from './taxes';

export type Product = 'inventory' | 'books';

export interface RequestRow {
  products: readonly Product[];
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Express-style: `/salesorders/:id`. */
  path: string;
  query: z.ZodType;
  /** Absent: the call takes no body (an empty object is what the sandbox sees then). */
  body?: z.ZodType;
}

const both: readonly Product[] = ['inventory', 'books'];
const onlyOrganization = z.strictObject(organizationQuery);
const noBody = z.union([z.undefined(), z.strictObject({})]);

export const REQUEST_ROWS: readonly RequestRow[] = [
  { products: both, method: 'GET', path: '/organizations', query: organizationListQuery },
  { products: both, method: 'GET', path: '/organizations/:id', query: organizationListQuery },
  { products: ['inventory'], method: 'GET', path: '/items', query: itemListQuery },
  { products: ['books'], method: 'GET', path: '/items', query: booksItemListQuery },
  { products: both, method: 'GET', path: '/items/:id', query: onlyOrganization },
  { products: both, method: 'GET', path: '/items/:id/image', query: z.strictObject({ ...organizationQuery, preview: z.enum(['true', 'false']).optional() }) },
  { products: ['inventory'], method: 'GET', path: '/itemgroups', query: itemGroupListQuery },
  { products: ['inventory'], method: 'GET', path: '/itemgroups/:id', query: onlyOrganization },
  { products: both, method: 'GET', path: '/pricebooks', query: priceBookListQuery },
  { products: both, method: 'GET', path: '/pricebooks/:id', query: onlyOrganization },
  { products: ['inventory'], method: 'GET', path: '/locations', query: locationListQuery },
  { products: ['inventory'], method: 'GET', path: '/units', query: unitListQuery },
  { products: both, method: 'GET', path: '/settings/taxes', query: taxListQuery },
  { products: both, method: 'GET', path: '/settings/taxes/:id', query: onlyOrganization },
  { products: both, method: 'GET', path: '/settings/taxgroups/:id', query: onlyOrganization },
  { products: both, method: 'GET', path: '/settings/currencies', query: currencyListQuery },
  { products: both, method: 'GET', path: '/settings/customfields', query: customFieldListQuery },
  { products: both, method: 'GET', path: '/settings/preferences/:entity', query: onlyOrganization },
  { products: ['inventory'], method: 'GET', path: '/contacts', query: contactListQuery },
  { products: ['books'], method: 'GET', path: '/contacts', query: booksContactListQuery },
  { products: both, method: 'POST', path: '/contacts', query: onlyOrganization, body: contactCreate },
  { products: both, method: 'GET', path: '/contacts/:id', query: onlyOrganization },
  { products: both, method: 'PUT', path: '/contacts/:id', query: onlyOrganization, body: contactUpdate },
  { products: both, method: 'POST', path: '/contacts/:id/active', query: onlyOrganization, body: noBody },
  { products: both, method: 'POST', path: '/contacts/:id/inactive', query: onlyOrganization, body: noBody },
  { products: both, method: 'GET', path: '/contacts/:id/contactpersons', query: contactPersonListQuery },
  { products: both, method: 'POST', path: '/contacts/contactpersons', query: onlyOrganization, body: contactPersonCreate },
  { products: both, method: 'PUT', path: '/contacts/contactpersons/:id', query: onlyOrganization, body: contactPersonUpdate },
  { products: both, method: 'GET', path: '/contacts/:id/address', query: onlyOrganization },
  { products: ['books'], method: 'POST', path: '/contacts/:id/address', query: onlyOrganization, body: contactAddressCreate },
  { products: both, method: 'GET', path: '/salesorders', query: salesOrderListQuery },
  { products: ['inventory'], method: 'POST', path: '/salesorders', query: salesOrderCreateQuery, body: inventorySalesOrderCreate },
  { products: ['books'], method: 'POST', path: '/salesorders', query: salesOrderCreateQuery, body: booksSalesOrderCreate },
  { products: both, method: 'GET', path: '/salesorders/:id', query: onlyOrganization },
  { products: ['inventory'], method: 'PUT', path: '/salesorders/:id', query: salesOrderCreateQuery, body: inventorySalesOrderUpdate },
  { products: ['books'], method: 'PUT', path: '/salesorders/:id', query: salesOrderCreateQuery, body: booksSalesOrderUpdate },
  { products: both, method: 'DELETE', path: '/salesorders/:id', query: onlyOrganization },
  { products: ['inventory'], method: 'POST', path: '/salesorders/:id/status/confirmed', query: onlyOrganization, body: noBody },
  { products: ['books'], method: 'POST', path: '/salesorders/:id/status/open', query: onlyOrganization, body: noBody },
  { products: both, method: 'POST', path: '/salesorders/:id/status/void', query: onlyOrganization, body: noBody },
  { products: ['inventory'], method: 'POST', path: '/salesorders/status/confirmed', query: salesOrderBulkConfirmQuery, body: noBody },
  // Books attachment: a multipart form whose only part is the file (the sandbox sees the raw form, not JSON).
  { products: ['books'], method: 'POST', path: '/salesorders/:id/attachment', query: onlyOrganization, body: z.instanceof(Buffer) },
  { products: ['books'], method: 'GET', path: '/estimates', query: estimateListQuery },
  { products: ['books'], method: 'POST', path: '/estimates', query: estimateCreateQuery, body: estimateCreate },
  { products: ['books'], method: 'GET', path: '/estimates/:id', query: onlyOrganization },
  { products: ['books'], method: 'PUT', path: '/estimates/:id', query: estimateCreateQuery, body: estimateUpdate },
  ...(['sent', 'accepted', 'declined'] as const).map((status): RequestRow => ({
    products: ['books'],
    method: 'POST',
    path: `/estimates/:id/status/${status}`,
    query: onlyOrganization,
    body: noBody,
  })),
];

function matches(pattern: string, path: string): boolean {
  const a = pattern.split('/');
  const b = path.split('/');
  return a.length === b.length && a.every((seg, i) => (seg.startsWith(':') ? b[i] !== '' : seg === b[i]));
}

/** The row for a call, preferring literal segments (`/salesorders/status/confirmed` over `/salesorders/:id/...`). */
export function requestRowFor(product: Product, method: string, path: string): RequestRow | undefined {
  const rows = REQUEST_ROWS.filter((r) => r.products.includes(product) && r.method === method && matches(r.path, path));
  return rows.sort((x, y) => x.path.split(':').length - y.path.split(':').length)[0];
}

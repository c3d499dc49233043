/**
 * The list filters (query parameters) Zoho documents for each list Satchel reads, as data: the
 * list request schemas are built from it, and `filters.test.ts` sends every one of them to the
 * sandbox, which must honour it or refuse it with Zoho's error, never answer 200 with the whole list.
 *
 * Sources, per list (api-evangelist/zoho-inventory, `git show HEAD:<path>`):
 * - contacts: openapi/zoho-inventory-contacts-api-openapi.yml, GET /contacts (list_contacts); Books'
 *   list is its own (Zoho's Books OpenAPI contacts.yml, list_contacts; public copy:
 *   fordez/zoho-books-mcp-server-openapi mcp_server/openapi-all/contacts.yml): Inventory's filters plus
 *   `contact_type` customer|vendor, `zcrm_contact_id`, `zcrm_account_id`, `zcrm_vendor_id` and more
 *   `filter_by` views. Neither documents `sort_order` or `last_modified_time` for this list.
 * - items: openapi/zoho-inventory-items-api-openapi.yml, GET /items (list_items); Books' items list
 *   is its own (zoho.com/books/api/v3/items, "List items": name, description, rate with variants,
 *   tax_id, tax_name, is_taxable, tax_exemption_id, account_id, filter_by Status.All|Active|Inactive,
 *   search_text, sort_column name|rate|tax_name): no sku, no last_modified_time
 * - pricebooks: openapi/zoho-inventory-pricelists-api-openapi.yml, GET /pricebooks
 * - locations: openapi/zoho-inventory-locations-api-openapi.yml, GET /locations
 * - itemgroups: openapi/zoho-inventory-itemgroups-api-openapi.yml, GET /itemgroups (paging only)
 * - taxes: openapi/zoho-inventory-taxes-api-openapi.yml, GET /settings/taxes (paging only)
 * - currencies: openapi/zoho-inventory-currency-api-openapi.yml, GET /settings/currencies
 * - contact persons: openapi/zoho-inventory-contact-persons-api-openapi.yml (paging only)
 * - users: openapi/zoho-inventory-users-api-openapi.yml, GET /users
 * - sales orders: the Inventory description documents `page` and `per_page` only
 *   (openapi/zoho-inventory-salesorders-api-openapi.yml, list_sales_orders); the filters are those of
 *   Zoho Books' "List sales orders" (zoho.com/books/api/v3/sales-order), which shared/zoho-api.md §6
 *   also lists for Inventory. Both products are held to them.
 * - estimates: Zoho Books' "List estimates" (zoho.com/books/api/v3/estimates): estimate_number,
 *   reference_number, customer_name with _startswith/_contains, date with date_start/_end/_before/_after,
 *   status draft|sent|invoiced|accepted|declined|expired, customer_id, total_less_than ... .
 */
import * as z from 'zod';
import { pagingQuery, queryBoolean, queryNumber } from './common';

/**
 * How a filter narrows the list, which is what a check can verify on the answer:
 * - `text`: `<param>` exact, `<param>_startswith`, `<param>_contains` (Zoho's "Variants"), on `fields`
 * - `equals`: the rows whose `fields` equal the value (ids, status)
 * - `view`: `filter_by` views; `views` maps each to the rows it keeps, when the answer shows it
 * - `since`: rows modified after the given time (`yyyy-MM-ddTHH:mm:ssZ`)
 * - `search`: `search_text`, some of `fields` contain the text
 * - `date`: `<param>` with `date_start`, `date_end`, `date_before`, `date_after`
 * - `number`: `<param>` with `_less_than`, `_less_equals`, `_greater_than`, `_greater_equals`
 * - `sort`, `option`: order or shape of the answer, not which rows (checked for their values only)
 */
export type FilterKind = 'text' | 'equals' | 'view' | 'since' | 'search' | 'date' | 'number' | 'sort' | 'option';

export interface DocumentedFilter {
  param: string;
  kind: FilterKind;
  /** The answer fields the filter is read against (any may match). Absent: the answer does not show it. */
  fields?: readonly string[];
  /** Allowed values (views, sort columns, statuses), as documented. */
  values?: readonly string[];
  /** `view` filters: what each view keeps, for the views an answer can show. */
  views?: Readonly<Record<string, { field: string; equals: string } | 'all'>>;
}

export interface DocumentedList {
  /** A name for test titles. */
  name: string;
  products: ReadonlyArray<'inventory' | 'books'>;
  path: string;
  /** The answer's list key. */
  key: string;
  filters: readonly DocumentedFilter[];
}

const text = (param: string, ...fields: string[]): DocumentedFilter => ({ param, kind: 'text', fields: fields.length ? fields : [param] });
const equals = (param: string, field: string | undefined = param, values?: readonly string[]): DocumentedFilter => ({
  param,
  kind: 'equals',
  fields: field === undefined ? undefined : [field],
  values,
});

const STATUS_VIEWS = {
  'Status.All': 'all',
  'Status.Active': { field: 'status', equals: 'active' },
  'Status.Inactive': { field: 'status', equals: 'inactive' },
} as const;

const CONTACT_TEXT_FILTERS: readonly DocumentedFilter[] = [
  text('contact_name'),
  text('company_name'),
  // "by first name / last name / email / phone of the (primary) contact person": the list entry shows the primary person's.
  text('first_name'),
  text('last_name'),
  text('address'),
  text('email'),
  text('phone', 'phone', 'mobile'),
];
const CONTACT_SEARCH_AND_SORT: readonly DocumentedFilter[] = [
  { param: 'search_text', kind: 'search', fields: ['contact_name', 'notes', 'company_name'] },
  {
    param: 'sort_column',
    kind: 'sort',
    values: ['contact_name', 'first_name', 'last_name', 'email', 'outstanding_receivable_amount', 'created_time', 'last_modified_time'],
  },
];

export const BOOKS_CONTACTS_LIST: DocumentedList = {
  name: 'contacts',
  products: ['books'],
  path: '/contacts',
  key: 'contacts',
  filters: [
    equals('contact_type', 'contact_type', ['customer', 'vendor']),
    ...CONTACT_TEXT_FILTERS,
    {
      param: 'filter_by',
      kind: 'view',
      values: [
        'Status.All',
        'Status.Active',
        'Status.Inactive',
        'Status.Duplicate',
        'Status.PortalEnabled',
        'Status.PortalDisabled',
        'Invoice.OverDue',
        'Invoice.Unpaid',
        'Status.CreditLimitExceed',
        'Status.Crm',
      ],
      views: STATUS_VIEWS,
    },
    ...CONTACT_SEARCH_AND_SORT,
    equals('zcrm_contact_id'),
    equals('zcrm_account_id'),
    equals('zcrm_vendor_id'),
  ],
};

export const CONTACTS_LIST: DocumentedList = {
  name: 'contacts',
  products: ['inventory'],
  path: '/contacts',
  key: 'contacts',
  filters: [
    ...CONTACT_TEXT_FILTERS,
    {
      param: 'filter_by',
      kind: 'view',
      values: ['Status.All', 'Status.Active', 'Status.Inactive', 'Status.Duplicate', 'Status.Crm'],
      views: STATUS_VIEWS,
    },
    ...CONTACT_SEARCH_AND_SORT,
  ],
};

export const ITEMS_LIST: DocumentedList = {
  name: 'items',
  products: ['inventory'],
  path: '/items',
  key: 'items',
  filters: [
    { param: 'search_text', kind: 'search', fields: ['name', 'sku', 'description'] },
    {
      param: 'filter_by',
      kind: 'view',
      values: [
        'Status.All',
        'Status.Active',
        'Status.Inactive',
        'Status.Lowstock',
        'Status.Unmapped',
        'Status.Uncategorized',
        'Status.Grouped',
        'ItemType.All',
        'ItemType.Sales',
        'ItemType.Purchases',
        'ItemType.SalesAndPurchases',
        'ItemType.Inventory',
        'ItemType.NonInventory',
        'ItemType.Service',
      ],
      views: { ...STATUS_VIEWS, 'ItemType.All': 'all' },
    },
    {
      param: 'sort_column',
      kind: 'sort',
      values: ['name', 'sku', 'rate', 'purchase_rate', 'created_time', 'last_modified_time', 'reorder_level', 'stock_on_hand'],
    },
    { param: 'sort_order', kind: 'sort', values: ['A', 'D'] },
    equals('status', 'status', ['active', 'inactive']),
    text('name'),
    text('sku'),
    { param: 'rate', kind: 'number', fields: ['rate'] },
    { param: 'purchase_rate', kind: 'number', fields: ['purchase_rate'] },
    equals('tax_id'),
    equals('account_id'),
    equals('purchase_account_id'),
    equals('customview_id', undefined),
    equals('vendor_id'),
    equals('item_id'),
    equals('zcrm_product_id'),
    { param: 'last_modified_time', kind: 'since', fields: ['last_modified_time'] },
    equals('category_id'),
    equals('brand_ids', 'brand_id'),
    equals('manufacturer_ids', 'manufacturer_id'),
    // Per-location stock: an item "in" a location lists it under `locations[]` (checked by the test).
    equals('warehouse_id', 'locations.location_id'),
    equals('location_id', 'locations.location_id'),
    equals('group_id'),
  ],
};

export const BOOKS_ITEMS_LIST: DocumentedList = {
  name: 'items',
  products: ['books'],
  path: '/items',
  key: 'items',
  filters: [
    text('name'),
    text('description'),
    { param: 'rate', kind: 'number', fields: ['rate'] },
    equals('tax_id'),
    equals('tax_name'),
    equals('is_taxable', 'is_taxable', ['true', 'false']),
    equals('tax_exemption_id'),
    equals('account_id'),
    { param: 'filter_by', kind: 'view', values: ['Status.All', 'Status.Active', 'Status.Inactive'], views: STATUS_VIEWS },
    { param: 'search_text', kind: 'search', fields: ['name', 'description'] },
    { param: 'sort_column', kind: 'sort', values: ['name', 'rate', 'tax_name'] },
  ],
};

const DOCUMENT_STATUS = {
  salesorder: ['draft', 'open', 'confirmed', 'void', 'closed', 'invoiced', 'partially_invoiced', 'pending_approval', 'approved', 'overdue'],
  estimate: ['draft', 'sent', 'invoiced', 'accepted', 'declined', 'expired'],
} as const;

function documentList(kind: 'salesorder' | 'estimate'): DocumentedList {
  const views =
    kind === 'estimate'
      ? ['Status.All', 'Status.Sent', 'Status.Draft', 'Status.Invoiced', 'Status.Accepted', 'Status.Declined', 'Status.Expired']
      : ['Status.All', 'Status.Open', 'Status.Draft', 'Status.OverDue', 'Status.PartiallyInvoiced', 'Status.Invoiced', 'Status.Void', 'Status.Closed'];
  const viewRows: Record<string, { field: string; equals: string } | 'all'> = { 'Status.All': 'all' };
  for (const v of views) if (v !== 'Status.All') viewRows[v] = { field: 'status', equals: v.slice('Status.'.length).toLowerCase() };
  return {
    name: `${kind}s`,
    products: kind === 'estimate' ? ['books'] : ['inventory', 'books'],
    path: `/${kind}s`,
    key: `${kind}s`,
    filters: [
      text(`${kind}_number`),
      text('reference_number'),
      text('customer_name'),
      { param: 'date', kind: 'date', fields: ['date'] },
      equals('status', 'status', DOCUMENT_STATUS[kind]),
      equals('customer_id'),
      { param: 'total', kind: 'number', fields: ['total'] },
      // Line-level filters: a list entry shows no lines, so the check reads them from the whole document.
      equals('item_id', 'line_items.item_id'),
      text('item_name', 'line_items.name'),
      text('item_description', 'line_items.description'),
      { param: 'filter_by', kind: 'view', values: views, views: viewRows },
      { param: 'search_text', kind: 'search', fields: [`${kind}_number`, 'reference_number', 'customer_name'] },
      {
        param: 'sort_column',
        kind: 'sort',
        values: ['customer_name', `${kind}_number`, 'date', 'total', 'created_time', 'last_modified_time', ...(kind === 'salesorder' ? ['shipment_date'] : [])],
      },
      ...(kind === 'salesorder'
        ? [{ param: 'shipment_date', kind: 'date', fields: ['shipment_date'] } as DocumentedFilter, equals('salesperson_id')]
        : [{ param: 'expiry_date', kind: 'date', fields: ['expiry_date'] } as DocumentedFilter]),
    ],
  };
}

export const SALESORDERS_LIST = documentList('salesorder');
export const ESTIMATES_LIST = documentList('estimate');

export const PRICEBOOKS_LIST: DocumentedList = {
  name: 'pricebooks',
  products: ['inventory', 'books'],
  path: '/pricebooks',
  key: 'pricebooks',
  filters: [
    {
      param: 'filter_by',
      kind: 'view',
      values: ['SalesOrPurchaseType.All', 'SalesOrPurchaseType.Sales', 'SalesOrPurchaseType.Purchases'],
      views: {
        'SalesOrPurchaseType.All': 'all',
        'SalesOrPurchaseType.Sales': { field: 'sales_or_purchase_type', equals: 'sales' },
        'SalesOrPurchaseType.Purchases': { field: 'sales_or_purchase_type', equals: 'purchases' },
      },
    },
    { param: 'search_text', kind: 'search', fields: ['name'] },
  ],
};

export const LOCATIONS_LIST: DocumentedList = {
  name: 'locations',
  products: ['inventory'],
  path: '/locations',
  key: 'locations',
  filters: [{ param: 'is_hierarchical_response', kind: 'option', values: ['true', 'false'] }, equals('location_type', 'type', ['general', 'line_item_only'])],
};

export const ITEMGROUPS_LIST: DocumentedList = { name: 'itemgroups', products: ['inventory'], path: '/itemgroups', key: 'itemgroups', filters: [] };
export const TAXES_LIST: DocumentedList = { name: 'taxes', products: ['inventory', 'books'], path: '/settings/taxes', key: 'taxes', filters: [] };
export const CURRENCIES_LIST: DocumentedList = {
  name: 'currencies',
  products: ['inventory', 'books'],
  path: '/settings/currencies',
  key: 'currencies',
  filters: [
    {
      param: 'filter_by',
      kind: 'view',
      values: ['Currencies.ExcludeBaseCurrency'],
      views: { 'Currencies.ExcludeBaseCurrency': { field: 'is_base_currency', equals: 'false' } },
    },
  ],
};
export const CONTACT_PERSONS_LIST: DocumentedList = {
  name: 'contactpersons',
  products: ['inventory', 'books'],
  path: '/contacts/{contact_id}/contactpersons',
  key: 'contact_persons',
  filters: [],
};
export const USERS_LIST: DocumentedList = {
  name: 'users',
  products: ['inventory', 'books'],
  path: '/users',
  key: 'users',
  filters: [
    { param: 'filter_by', kind: 'view', values: [] },
    { param: 'sort_column', kind: 'sort', values: ['name', 'email', 'user_role', 'status'] },
  ],
};

export const DOCUMENTED_LISTS: readonly DocumentedList[] = [
  CONTACTS_LIST,
  BOOKS_CONTACTS_LIST,
  ITEMS_LIST,
  BOOKS_ITEMS_LIST,
  SALESORDERS_LIST,
  ESTIMATES_LIST,
  PRICEBOOKS_LIST,
  LOCATIONS_LIST,
  ITEMGROUPS_LIST,
  TAXES_LIST,
  CURRENCIES_LIST,
  CONTACT_PERSONS_LIST,
  USERS_LIST,
];

const VARIANTS: Partial<Record<FilterKind, readonly string[]>> = {
  text: ['', '_startswith', '_contains'],
  number: ['', '_less_than', '_less_equals', '_greater_than', '_greater_equals'],
};

/** Every query parameter a filter stands for (`contact_name`, `contact_name_startswith`, ...). */
export function filterParams(f: DocumentedFilter): string[] {
  if (f.kind === 'date')
    return [f.param, ...(f.param === 'date' ? ['date_start', 'date_end', 'date_before', 'date_after'] : [`${f.param}_start`, `${f.param}_end`])];
  return (VARIANTS[f.kind] ?? ['']).map((suffix) => `${f.param}${suffix}`);
}

/**
 * The schema of a list's query: the paging parameters, and each documented filter with its
 * documented values. Strict: a parameter the list does not document is a mistake (Zoho may ignore it,
 * and the caller would trust a filter that never applied).
 */
export function listQuerySchema(list: DocumentedList) {
  const shape: Record<string, z.ZodType> = { ...pagingQuery };
  for (const f of list.filters) {
    for (const param of filterParams(f)) {
      const value =
        f.values && f.values.length > 0 && f.kind !== 'equals'
          ? z.enum(f.values as [string, ...string[]])
          : f.kind === 'number'
            ? queryNumber
            : f.kind === 'option'
              ? queryBoolean
              : f.values && f.values.length > 0
                ? z.enum(f.values as [string, ...string[]])
                : z.string().min(1).max(100);
      shape[param] = value.optional();
    }
  }
  return z.strictObject(shape);
}

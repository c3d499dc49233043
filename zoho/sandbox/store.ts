/**
 * The sandbox's Zoho organization in memory: the rules Zoho applies (unique numbers, auto-numbering,
 * required fields, status changes) live here; routes only translate HTTP to these calls.
 */
import type { ZohoProduct } from '../../domain';
import { priceLine } from './documents/pricing';
import { documentTotals, moneySettings } from './documents/totals';
import { customerFor, givenNumber, knownLocation, lineItemsOf, priceBookFor } from './documents/validate';
import { CODES, invalid, notFound, SandboxError } from './errors';
import { ContactParts } from './contact-parts';
import { seedCustomFields, seedItem, seedItemGroups } from './seed';
import { CURRENCIES, PAYMENT_TERMS, SALESPERSONS, UNITS_OF_MEASURE } from './seed-settings';
import type {
  Address,
  Attachment,
  Contact,
  ContactPerson,
  Currency,
  CustomFieldSetting,
  Item,
  ItemGroup,
  Json,
  LineItem,
  Location,
  PaymentTerm,
  UnitOfMeasure,
  PriceBook,
  SalesDocument,
  Salesperson,
  SandboxData,
  Tax,
} from './types';
import { parseZohoTime, round2, streamFor, zohoDate, zohoTime } from './util';
import { lc, numberOr, str } from './values';

export type DocKind = 'salesorder' | 'estimate';

const DOCS = {
  salesorder: { idKey: 'salesorder_id', numberKey: 'salesorder_number', prefix: 'SO-', label: 'Sales Order' },
  estimate: { idKey: 'estimate_id', numberKey: 'estimate_number', prefix: 'EST-', label: 'Estimate' },
} as const;

export const MAX_PER_PAGE = 200;

export interface PageRequest {
  page?: number;
  perPage?: number;
}

export interface PageContext {
  page: number;
  per_page: number;
  has_more_page: boolean;
  sort_column: string;
  sort_order: 'A' | 'D';
}

export function paginate<T>(rows: T[], req: PageRequest, sortColumn: string, sortOrder: 'A' | 'D'): { rows: T[]; page_context: PageContext } {
  const page = req.page ?? 1;
  const perPage = req.perPage ?? MAX_PER_PAGE;
  if (!Number.isInteger(page) || page < 1) throw invalid('page');
  if (!Number.isInteger(perPage) || perPage < 1 || perPage > MAX_PER_PAGE) throw invalid('per_page');
  const start = (page - 1) * perPage;
  return {
    rows: rows.slice(start, start + perPage),
    page_context: { page, per_page: perPage, has_more_page: rows.length > start + perPage, sort_column: sortColumn, sort_order: sortOrder },
  };
}

/**
 * Where Zoho's record is unclear, the sandbox can answer either way, so clients are tested under
 * both readings (shared/zoho-api.md §6): `last_modified_time` as "at or after" or strictly "after"
 * (one-second resolution), the contacts list honouring that filter or ignoring it, and Zoho
 * Inventory taking a sales order line's `discount` (its `sales-orders` description) or dropping it
 * (its `salesorders` description has none).
 */
export interface SandboxReadings {
  modifiedSince: 'inclusive' | 'exclusive';
  contactsModifiedSince: 'honour' | 'ignore';
  inventoryLineDiscounts: 'honour' | 'ignore';
}

export const DEFAULT_READINGS: SandboxReadings = { modifiedSince: 'inclusive', contactsModifiedSince: 'honour', inventoryLineDiscounts: 'honour' };

/** How a create or update is asked for: Zoho's query flag, and which product's API it came through. */
export interface DocumentWriteOptions {
  ignoreAutoNumber: boolean;
  product?: 'inventory' | 'books';
}

export class SandboxStore {
  /** Configurable at run time (`POST /__sandbox/readings`); not part of the saved state. */
  readings: SandboxReadings = { ...DEFAULT_READINGS };
  private data: SandboxData;
  private itemById = new Map<string, Item>();
  private modifiedMs = new Map<string, number>();
  private contactById = new Map<string, Contact>();
  private docs: Record<DocKind, Map<string, SalesDocument>> = { salesorder: new Map(), estimate: new Map() };
  private numbers: Record<DocKind, Map<string, string>> = { salesorder: new Map(), estimate: new Map() };
  private listeners = new Set<() => void>();

  constructor(
    data: SandboxData,
    private readonly now: () => number = Date.now,
  ) {
    this.data = data;
    this.index();
  }

  /** Bumped by every load: work delayed across a reset can tell it belongs to the old state. */
  generation = 0;

  /** Replace everything (reset, or a loaded state file). */
  load(data: SandboxData): void {
    this.generation++;
    this.data = data;
    this.index();
    this.changed();
  }

  private index(): void {
    // State files from before these fields existed read as Zoho's defaults.
    for (const t of this.data.taxes) t.tax_type ??= 'tax';
    for (const pb of this.data.pricebooks) {
      pb.sales_or_purchase_type ??= 'sales';
      pb.pricing_scheme ??= 'unit';
    }
    this.itemById = new Map(this.data.items.map((i) => [i.item_id, i]));
    this.modifiedMs = new Map(this.data.items.map((i) => [i.item_id, parseZohoTime(i.last_modified_time)]));
    this.contactById = new Map(this.data.contacts.map((c) => [c.contact_id, c]));
    for (const kind of ['salesorder', 'estimate'] as const) {
      const { idKey, numberKey } = DOCS[kind];
      const list = kind === 'salesorder' ? this.data.salesorders : this.data.estimates;
      this.docs[kind] = new Map(list.map((d) => [str(d[idKey]), d]));
      this.numbers[kind] = new Map(list.map((d) => [lc(d[numberKey]), str(d[idKey])]));
    }
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(): void {
    for (const l of this.listeners) l();
  }

  /** The whole state, as persisted and as `GET /__sandbox/state` shows it. */
  snapshot(): SandboxData {
    return this.data;
  }

  private newId(): string {
    return `47${String(this.data.counters.nextId++).padStart(13, '0')}`;
  }

  /** People and addresses of contacts, and contact updates (contact-parts.ts). */
  readonly contactParts = new ContactParts({
    getContact: (id) => this.getContact(id),
    contacts: () => this.data.contacts,
    newRecordId: () => this.newId(),
    touched: (c) => {
      c.last_modified_time = zohoTime(this.now());
      this.changed();
    },
  });

  // ---------------------------------------------------------------- organization settings (read here, set by the seed)

  /** Taxes and tax groups, as `GET /settings/taxes` lists them. */
  taxes(): Tax[] {
    return this.data.taxes;
  }

  currencies(): Currency[] {
    return (this.data.currencies ??= CURRENCIES.map((c) => ({ ...c })));
  }

  units(): UnitOfMeasure[] {
    return (this.data.units ??= UNITS_OF_MEASURE.map((u) => ({ ...u })));
  }

  paymentTerms(): PaymentTerm[] {
    return (this.data.paymentterms ??= PAYMENT_TERMS.map((t) => ({ ...t })));
  }

  salespersons(): Salesperson[] {
    return (this.data.salespersons ??= SALESPERSONS.map((p) => ({ ...p })));
  }

  itemGroups(): ItemGroup[] {
    return (this.data.itemgroups ??= seedItemGroups(this.data.items));
  }

  hasPriceBook(id: string): boolean {
    return this.data.pricebooks.some((pb) => pb.pricebook_id === id);
  }

  /** Live arrays, for tests and the demo page: treat as read-only. */
  items(): Item[] {
    return this.data.items;
  }

  contacts(): Contact[] {
    return this.data.contacts;
  }

  salesOrders(): SalesDocument[] {
    return this.data.salesorders;
  }

  estimates(): SalesDocument[] {
    return this.data.estimates;
  }

  get organization() {
    return this.data.organization;
  }

  // ---------------------------------------------------------------- items

  listItems(
    q: PageRequest & {
      where?: (i: Item) => boolean;
      modifiedSince?: string;
      sortColumn?: string;
      sortOrder?: string;
      searchText?: string;
      product: ZohoProduct;
    },
  ) {
    let rows = q.where ? this.data.items.filter(q.where) : this.data.items;
    // Inventory filters by last_modified_time; Books does not (contract §4): it lists everything.
    if (q.modifiedSince !== undefined && q.product === 'inventory') {
      const since = parseZohoTime(q.modifiedSince);
      if (Number.isNaN(since)) throw invalid('last_modified_time');
      rows = rows.filter((i) => this.modifiedAfter(this.modifiedMs.get(i.item_id) ?? 0, since));
    }
    if (q.searchText) {
      const s = lc(q.searchText);
      rows = rows.filter((i) => lc(i.name).includes(s) || lc(i.sku).includes(s));
    }
    const column = q.sortColumn === 'last_modified_time' || q.sortColumn === 'rate' || q.sortColumn === 'sku' ? q.sortColumn : 'name';
    const order = q.sortOrder === 'D' ? 'D' : 'A';
    const key = (i: Item): number | string =>
      column === 'last_modified_time' ? (this.modifiedMs.get(i.item_id) ?? 0) : column === 'rate' ? i.rate : column === 'sku' ? i.sku : i.name;
    rows = [...rows].sort((a, b) => {
      const ka = key(a);
      const kb = key(b);
      const c = ka < kb ? -1 : ka > kb ? 1 : a.item_id < b.item_id ? -1 : a.item_id > b.item_id ? 1 : 0;
      return order === 'A' ? c : -c;
    });
    return paginate(rows, q, column, order);
  }

  /** The `last_modified_time` filter at Zoho's one-second resolution, under the reading in force. */
  private modifiedAfter(modifiedMs: number, sinceMs: number): boolean {
    const modified = Math.floor(modifiedMs / 1000);
    const since = Math.floor(sinceMs / 1000);
    return this.readings.modifiedSince === 'inclusive' ? modified >= since : modified > since;
  }

  getItem(id: string): Item {
    const item = this.itemById.get(id);
    if (!item) throw notFound('Item');
    return item;
  }

  /** Change `count` items (price, stock) and add `add` new ones, dated now: work for an incremental sync. */
  mutateItems(count: number, add = 0): Item[] {
    const changed: Item[] = [];
    const now = this.now();
    const t = zohoTime(now);
    const r = streamFor(this.data.seed, 5, this.data.counters.mutations++);
    for (let k = 0; k < count && this.data.items.length > 0; k++) {
      const item = this.data.items[Math.floor(r() * this.data.items.length)]!;
      item.rate = round2(Math.max(0.5, item.rate * (0.9 + r() * 0.2)));
      for (const loc of item.locations) {
        loc.location_stock_on_hand = Math.max(0, loc.location_stock_on_hand + Math.floor(r() * 21) - 10);
        loc.location_available_stock = loc.location_stock_on_hand;
      }
      item.stock_on_hand = item.locations.reduce((a, l) => a + l.location_stock_on_hand, 0);
      item.available_stock = item.actual_available_stock = item.stock_on_hand;
      item.last_modified_time = t;
      this.modifiedMs.set(item.item_id, now);
      changed.push(item);
    }
    for (let k = 0; k < add; k++) {
      const item = seedItem(this.data.seed, this.data.items.length);
      item.created_time = item.last_modified_time = t;
      this.data.items.push(item);
      this.itemById.set(item.item_id, item);
      this.modifiedMs.set(item.item_id, now);
      changed.push(item);
    }
    if (changed.length) this.changed();
    return changed;
  }

  // ---------------------------------------------------------------- settings

  listPriceBooks(q: PageRequest & { where?: (p: PriceBook) => boolean }) {
    return paginate(q.where ? this.data.pricebooks.filter(q.where) : this.data.pricebooks, q, 'name', 'A');
  }

  getPriceBook(id: string) {
    const pb = this.data.pricebooks.find((p) => p.pricebook_id === id);
    if (!pb) throw notFound('Price list');
    return pb;
  }

  listLocations(q: PageRequest & { where?: (l: Location) => boolean }) {
    return paginate(q.where ? this.data.locations.filter(q.where) : this.data.locations, q, 'location_name', 'A');
  }

  // ---------------------------------------------------------------- custom fields

  /** The organization's custom fields of an entity (a state file from before them gets the seed's). */
  listCustomFields(entity?: string): CustomFieldSetting[] {
    const all = (this.data.customfields ??= seedCustomFields());
    return entity ? all.filter((f) => f.entity === entity) : all;
  }

  /** Tests and the demo: a new custom field, as an admin would add it in Zoho's settings. */
  addCustomField(field: Omit<CustomFieldSetting, 'customfield_id'>): CustomFieldSetting {
    const created = { ...field, customfield_id: this.newId() };
    this.listCustomFields().push(created);
    this.changed();
    return created;
  }

  /**
   * `custom_fields` of a create, as Zoho keeps them: each must name (by customfield_id or api_name)
   * an active custom field of the entity; stored with its id, api_name, label and type, as GET returns them.
   */
  private customFieldValues(entity: CustomFieldSetting['entity'], raw: unknown): Json[] {
    if (raw === undefined || raw === null) return [];
    if (!Array.isArray(raw)) throw invalid('custom_fields');
    const known = this.listCustomFields(entity);
    return (raw as unknown[]).map((v) => {
      const cf = (v && typeof v === 'object' ? v : {}) as Json;
      const field = known.find(
        (f) =>
          (cf.customfield_id !== undefined && str(cf.customfield_id) === f.customfield_id) || (cf.api_name !== undefined && str(cf.api_name) === f.api_name),
      );
      if (!field || !field.is_active) throw invalid(`custom_fields (${str(cf.customfield_id ?? cf.api_name ?? cf.label) || 'no customfield_id or api_name'})`);
      if (field.data_type === 'dropdown' && field.values && !field.values.some((x) => x.name === str(cf.value))) {
        throw new SandboxError(400, CODES.invalidValue, `Invalid value passed for ${field.label}: "${str(cf.value)}" is not one of its options.`);
      }
      return {
        customfield_id: field.customfield_id,
        api_name: field.api_name,
        label: field.label,
        data_type: field.data_type,
        value: cf.value,
        show_on_pdf: field.show_on_pdf,
      };
    });
  }

  // ---------------------------------------------------------------- contacts

  listContacts(
    q: PageRequest & {
      /** Zoho's list filters (list-filters.ts), applied to the full contact. */
      where?: (c: Contact) => boolean;
      searchText?: string;
      contactType?: string;
      modifiedSince?: string;
      sortColumn?: string;
      sortOrder?: string;
    },
  ) {
    let rows = q.where ? this.data.contacts.filter(q.where) : this.data.contacts;
    if (q.contactType) rows = rows.filter((c) => c.contact_type === q.contactType);
    if (q.searchText) {
      const s = lc(q.searchText);
      rows = rows.filter((c) => [c.contact_name, c.company_name, c.email].some((v) => lc(v).includes(s)));
    }
    if (q.modifiedSince) {
      const since = parseZohoTime(q.modifiedSince);
      if (Number.isNaN(since)) throw invalid('last_modified_time');
      if (this.readings.contactsModifiedSince === 'honour') rows = rows.filter((c) => this.modifiedAfter(parseZohoTime(c.last_modified_time), since));
    }
    const column = q.sortColumn === 'last_modified_time' ? 'last_modified_time' : 'contact_name';
    const order = q.sortOrder === 'D' ? 'D' : 'A';
    rows = [...rows].sort((a, b) => {
      const ka = column === 'last_modified_time' ? parseZohoTime(a.last_modified_time) : lc(a.contact_name);
      const kb = column === 'last_modified_time' ? parseZohoTime(b.last_modified_time) : lc(b.contact_name);
      const c = ka < kb ? -1 : ka > kb ? 1 : 0;
      return order === 'A' ? c : -c;
    });
    const page = paginate(rows, q, column, order);
    return { ...page, rows: page.rows.map(contactSummary) };
  }

  getContact(id: string): Contact {
    const c = this.contactById.get(id);
    if (!c) throw notFound('Contact');
    return c;
  }

  /** Zoho's "Mark as active / inactive": an inactive customer takes no new documents. */
  setContactStatus(id: string, status: 'active' | 'inactive'): Contact {
    const c = this.getContact(id);
    (c as { status?: string }).status = status;
    c.last_modified_time = zohoTime(this.now());
    this.changed();
    return c;
  }

  createContact(p: Json): Contact {
    const name = str(p.contact_name).trim();
    if (!name) throw new SandboxError(400, CODES.invalidValue, 'Contact name is required');
    const type = str(p.contact_type) || 'customer';
    if (this.data.contacts.some((c) => lc(c.contact_name) === lc(name))) {
      throw new SandboxError(400, CODES.contactExists, `The ${type} "${name}" already exists. Please specify a different name.`);
    }
    if (type !== 'customer' && type !== 'vendor') throw invalid('contact_type');
    const pricebookId = str(p.pricebook_id);
    if (pricebookId && !this.data.pricebooks.some((pb) => pb.pricebook_id === pricebookId)) throw invalid('pricebook_id');
    const persons: ContactPerson[] = (Array.isArray(p.contact_persons) ? (p.contact_persons as Json[]) : []).map((cp, k) => ({
      contact_person_id: this.newId(),
      first_name: str(cp.first_name),
      last_name: str(cp.last_name),
      email: str(cp.email),
      phone: str(cp.phone),
      mobile: str(cp.mobile),
      is_primary_contact: cp.is_primary_contact === undefined ? k === 0 : cp.is_primary_contact === true,
    }));
    const primary = persons.find((x) => x.is_primary_contact) ?? persons[0];
    const t = zohoTime(this.now());
    const contact: Contact = {
      contact_id: this.newId(),
      contact_name: name,
      company_name: str(p.company_name),
      contact_type: type,
      customer_sub_type: p.customer_sub_type === 'individual' ? 'individual' : 'business',
      status: 'active',
      email: primary?.email ?? '',
      phone: primary?.phone ?? '',
      billing_address: this.address(p.billing_address),
      shipping_address: this.address(p.shipping_address),
      contact_persons: persons,
      payment_terms: numberOr(p.payment_terms, 0, 'payment_terms'),
      currency_id: str(p.currency_id) || this.data.organization.currency_id,
      currency_code: this.data.organization.currency_code,
      pricebook_id: pricebookId,
      custom_fields: this.customFieldValues('contact', p.custom_fields),
      created_time: t,
      last_modified_time: t,
      _created: true,
    };
    this.data.contacts.push(contact);
    this.contactById.set(contact.contact_id, contact);
    this.changed();
    return contact;
  }

  private address(v: unknown): Address {
    const a = (v && typeof v === 'object' ? v : {}) as Json;
    return {
      address_id: this.newId(),
      attention: str(a.attention),
      address: str(a.address),
      street2: str(a.street2),
      city: str(a.city),
      state: str(a.state),
      zip: str(a.zip),
      country: str(a.country),
      phone: str(a.phone),
    };
  }

  // ---------------------------------------------------------------- sales orders and estimates

  /**
   * A new sales order or estimate: checked, numbered, priced and totalled as Zoho does. Keep the
   * steps in this order: it decides which refusal a bad body gets, and a number or line ids handed
   * out before a later refusal stay used (the counters are part of the saved state).
   */
  createDocument(kind: DocKind, p: Json, opts: DocumentWriteOptions): SalesDocument {
    const { idKey, numberKey, label } = DOCS[kind];
    const customer = customerFor(p, this.contactById, label);
    checkAddressIds(p, customer);
    const rawLines = lineItemsOf(p);
    const number = this.documentNumber(kind, p, opts.ignoreAutoNumber);
    const customFields = this.customFieldValues(kind, p.custom_fields);
    const exchangeRate = this.exchangeRate(customer.currency_id, p.exchange_rate);
    const priced = this.priceDocument(p, rawLines, new Map(), customer, exchangeRate, opts.product);
    const now = this.now();
    const t = zohoTime(now);
    const doc: SalesDocument = {
      ...pickKnown(p, kind),
      [idKey]: this.newId(),
      [numberKey]: number,
      status: 'draft',
      date: str(p.date) || zohoDate(now),
      customer_id: customer.contact_id,
      customer_name: customer.contact_name,
      currency_id: customer.currency_id,
      currency_code: customer.currency_code,
      exchange_rate: exchangeRate,
      reference_number: str(p.reference_number),
      ...priced,
      notes: str(p.notes),
      terms: str(p.terms),
      custom_fields: customFields,
      billing_address: customer.billing_address,
      shipping_address: customer.shipping_address,
      created_time: t,
      last_modified_time: t,
      has_attachment: false,
    };
    (kind === 'salesorder' ? this.data.salesorders : this.data.estimates).push(doc);
    this.docs[kind].set(str(doc[idKey]), doc);
    this.numbers[kind].set(lc(number), str(doc[idKey]));
    this.changed();
    return doc;
  }

  /**
   * Lines, price list, location and totals of a body. A line naming one of `existing`'s line ids
   * keeps that id (an update in place); the others get new ids; lines left out are gone, as in Zoho.
   */
  private priceDocument(
    p: Json,
    rawLines: unknown[],
    existing: ReadonlyMap<string, LineItem>,
    customer: Contact,
    exchangeRate: number,
    product?: 'inventory' | 'books',
  ) {
    const { pricebookId, pricebook } = priceBookFor(p, this.data.pricebooks);
    const locationId = knownLocation(str(p.location_id), this.data.locations);
    const currency = this.currencies().find((c) => c.currency_id === customer.currency_id);
    const base = this.currencies().find((c) => c.is_base_currency);
    const money = {
      currencyCode: customer.currency_code || base?.currency_code || '',
      precision: currency?.price_precision ?? 2,
      exchangeRate,
      baseCurrencyCode: base?.currency_code ?? customer.currency_code,
    };
    const settings = moneySettings(p);
    const catalogue = {
      items: this.itemById,
      pricebook,
      taxes: this.data.taxes,
      locations: this.data.locations,
      documentLocationId: locationId,
      ...money,
      itemLevelDiscount: settings.discount_type === 'item_level' && !(product === 'inventory' && this.readings.inventoryLineDiscounts === 'ignore'),
    };
    const pricedLines = rawLines.map((raw, k) => {
      const lineId = str((raw as Json | null)?.line_item_id);
      if (lineId && !existing.has(lineId)) throw invalid(`line_items[${k}].line_item_id`);
      return { lineId, priced: priceLine(raw, k, catalogue) }; // all priced first: a refused body takes no id
    });
    const lines: LineItem[] = pricedLines.map(({ lineId, priced }) => ({ line_item_id: lineId || this.newId(), ...priced }));
    const totalsContext = {
      taxes: this.data.taxes,
      customer,
      precision: money.precision,
      perDocumentTaxRounding: this.data.organization.tax_rounding === 'entity_level',
    };
    return { ...documentTotals(lines, p, totalsContext), pricebook_id: pricebookId, location_id: locationId };
  }

  /** The document's exchange rate: the one sent, else the organization's rate for the customer's currency. */
  private exchangeRate(currencyId: string, sent: unknown): number {
    if (sent !== undefined && sent !== null && sent !== '') {
      const rate = numberOr(sent, 1, 'exchange_rate');
      if (rate <= 0) throw invalid('exchange_rate');
      return rate;
    }
    return this.currencies().find((c) => c.currency_id === currencyId)?.exchange_rate ?? 1;
  }

  /**
   * `PUT /salesorders/{id}`: what the body names changes (lines replace the lines, matched by
   * `line_item_id`); the rest stays. A void document takes no change; a new number is checked as on create.
   */
  updateDocument(kind: DocKind, id: string, p: Json, opts: DocumentWriteOptions): SalesDocument {
    const { idKey, numberKey, label } = DOCS[kind];
    const d = this.getDocument(kind, id);
    if (d.status === 'void') throw new SandboxError(400, CODES.invalidValue, `A void ${label.toLowerCase()} cannot be edited.`);
    const customer = p.customer_id === undefined ? this.getContact(d.customer_id) : customerFor(p, this.contactById, label);
    checkAddressIds(p, customer);
    const rawLines = p.line_items === undefined ? d.line_items : lineItemsOf(p);
    const merged: Json = {
      pricebook_id: d.pricebook_id,
      location_id: d.location_id,
      discount: d.discount,
      discount_type: d.discount_type,
      is_discount_before_tax: d.is_discount_before_tax,
      is_inclusive_tax: d.is_inclusive_tax,
      shipping_charge: d.shipping_charge,
      shipping_charge_tax_id: d.shipping_charge_tax_id,
      adjustment: d.adjustment,
      ...p,
    };
    const existing = new Map(d.line_items.map((l) => [l.line_item_id, l]));
    // Lines kept from the stored document are re-priced from what they stored, not from today's catalogue.
    const exchangeRate =
      p.exchange_rate === undefined && customer.contact_id === d.customer_id
        ? (d.exchange_rate ?? 1)
        : this.exchangeRate(customer.currency_id, p.exchange_rate);
    const priced = this.priceDocument(merged, rawLines, existing, customer, exchangeRate, opts.product);
    const newNumber = str(p[numberKey]).trim();
    let number = str(d[numberKey]);
    if (opts.ignoreAutoNumber && newNumber && lc(newNumber) !== lc(number)) {
      number = givenNumber(p, numberKey, label, this.numbers[kind]);
    }
    const customFields = p.custom_fields === undefined ? d.custom_fields : this.customFieldValues(kind, p.custom_fields);
    this.numbers[kind].delete(lc(d[numberKey]));
    Object.assign(d, pickKnown(p, kind), {
      [numberKey]: number,
      date: str(p.date) || d.date,
      customer_id: customer.contact_id,
      customer_name: customer.contact_name,
      currency_id: customer.currency_id,
      currency_code: customer.currency_code,
      exchange_rate: exchangeRate,
      reference_number: p.reference_number === undefined ? d.reference_number : str(p.reference_number),
      ...priced,
      notes: p.notes === undefined ? d.notes : str(p.notes),
      terms: p.terms === undefined ? d.terms : str(p.terms),
      custom_fields: customFields,
      last_modified_time: zohoTime(this.now()),
    });
    this.numbers[kind].set(lc(number), str(d[idKey]));
    this.changed();
    return d;
  }

  /** `DELETE /salesorders/{id}`: gone, number freed (Zoho lets a deleted document's number be used again). */
  deleteDocument(kind: DocKind, id: string): void {
    const { numberKey } = DOCS[kind];
    const d = this.getDocument(kind, id);
    this.docs[kind].delete(id);
    this.numbers[kind].delete(lc(d[numberKey]));
    const list = kind === 'salesorder' ? this.data.salesorders : this.data.estimates;
    list.splice(list.indexOf(d), 1);
    delete this.data.attachments[id];
    this.changed();
  }

  /** The new document's number: the client's own (checked), or the next free one of the series. */
  private documentNumber(kind: DocKind, p: Json, ignoreAutoNumber: boolean): string {
    const { numberKey, prefix, label } = DOCS[kind];
    if (ignoreAutoNumber) return givenNumber(p, numberKey, label, this.numbers[kind]);
    // Auto-numbering ignores a number in the body, as Zoho does.
    let number: string;
    do number = `${prefix}${String(++this.data.counters[kind]).padStart(5, '0')}`;
    while (this.numbers[kind].has(lc(number)));
    return number;
  }

  listDocuments(
    kind: DocKind,
    q: PageRequest & { where?: (d: SalesDocument) => boolean; number?: string; searchText?: string; customerId?: string; status?: string },
  ) {
    const { numberKey } = DOCS[kind];
    let rows = [...this.docs[kind].values()];
    if (q.where) rows = rows.filter(q.where);
    if (q.number) rows = rows.filter((d) => lc(d[numberKey]) === lc(q.number));
    if (q.searchText) {
      const s = lc(q.searchText);
      rows = rows.filter((d) => [d[numberKey], d.reference_number, d.customer_name].some((v) => lc(v).includes(s)));
    }
    if (q.customerId) rows = rows.filter((d) => d.customer_id === q.customerId);
    if (q.status) rows = rows.filter((d) => d.status === q.status);
    rows.reverse(); // newest first, like Zoho's default
    const page = paginate(rows, q, 'created_time', 'D');
    return { ...page, rows: page.rows.map((d) => documentSummary(kind, d)) };
  }

  getDocument(kind: DocKind, id: string): SalesDocument {
    const d = this.docs[kind].get(id);
    if (!d) throw notFound(DOCS[kind].label);
    return d;
  }

  /**
   * Draft → confirmed (Inventory) or open (Books); anything but void → void. Estimates: draft →
   * sent; draft or sent → accepted or declined (the customer's answer).
   */
  setDocumentStatus(kind: DocKind, id: string, target: 'confirmed' | 'open' | 'void' | 'sent' | 'accepted' | 'declined'): SalesDocument {
    const d = this.getDocument(kind, id);
    const label = DOCS[kind].label;
    if (d.status === 'void') throw new SandboxError(400, CODES.invalidValue, `${label} is void and cannot be changed.`);
    if (d.status === target) throw new SandboxError(400, CODES.invalidValue, `${label} is already ${target}.`);
    const answered = kind === 'estimate' && (target === 'accepted' || target === 'declined') && d.status === 'sent';
    if (target !== 'void' && d.status !== 'draft' && !answered) {
      throw new SandboxError(400, CODES.invalidValue, `Only a draft ${label.toLowerCase()} can be marked as ${target}.`);
    }
    d.status = target;
    d.last_modified_time = zohoTime(this.now());
    this.changed();
    return d;
  }

  /**
   * Bulk `POST /salesorders/status/confirmed?salesorder_ids=a,b`: every id must exist and be a
   * draft, or nothing changes (checked first, so a refusal leaves no half-confirmed batch).
   */
  confirmMany(kind: DocKind, ids: readonly string[], target: 'confirmed' | 'open'): SalesDocument[] {
    if (ids.length === 0) throw invalid(`${DOCS[kind].idKey}s`);
    const docs = ids.map((id) => this.getDocument(kind, id));
    const notDraft = docs.find((d) => d.status !== 'draft');
    if (notDraft)
      throw new SandboxError(
        400,
        CODES.invalidValue,
        `Only a draft ${DOCS[kind].label.toLowerCase()} can be marked as ${target}: ${str(notDraft[DOCS[kind].numberKey])} is ${notDraft.status}.`,
      );
    const t = zohoTime(this.now());
    for (const d of docs) Object.assign(d, { status: target, last_modified_time: t });
    this.changed();
    return docs;
  }

  addAttachment(kind: DocKind, id: string, file: Omit<Attachment, 'uploaded_time'>): void {
    const d = this.getDocument(kind, id);
    (this.data.attachments[id] ??= []).push({ ...file, uploaded_time: zohoTime(this.now()) });
    d.has_attachment = true;
    d.last_modified_time = zohoTime(this.now());
    this.changed();
  }

  attachments(id: string): Attachment[] {
    return this.data.attachments[id] ?? [];
  }

  /** Contacts made through the API (the seed's are not news). */
  createdContacts(): Contact[] {
    return this.data.contacts.filter((c) => c._created);
  }
}

/** Fields Zoho stores as sent (the rest are computed). */
/**
 * A document's billing or shipping address id must be one of its customer's addresses (the two on
 * the contact, or a further one from `/contacts/{id}/address`); Zoho refuses another contact's.
 */
function checkAddressIds(p: Json, customer: Contact): void {
  const known = new Set(
    [customer.billing_address?.address_id, customer.shipping_address?.address_id, ...(customer.addresses ?? []).map((a) => a.address_id)].filter(Boolean),
  );
  for (const field of ['billing_address_id', 'shipping_address_id'] as const) {
    const id = str(p[field]);
    if (id && !known.has(id)) throw invalid(field);
  }
}

function pickKnown(p: Json, kind: DocKind): Json {
  const keys =
    kind === 'salesorder'
      ? [
          'shipment_date',
          'adjustment_description',
          'delivery_method',
          'salesperson_id',
          'salesperson_name',
          'billing_address_id',
          'shipping_address_id',
          'contact_persons',
        ]
      : ['expiry_date', 'salesperson_name', 'contact_persons'];
  const out: Json = {};
  for (const k of keys) if (p[k] !== undefined) out[k] = p[k];
  return out;
}

export function contactSummary(c: Contact): Json {
  return {
    contact_id: c.contact_id,
    contact_name: c.contact_name,
    company_name: c.company_name,
    contact_type: c.contact_type,
    customer_sub_type: c.customer_sub_type,
    status: c.status,
    email: c.email,
    phone: c.phone,
    payment_terms: c.payment_terms,
    // The description's list entry has both (zoho/schemas/contacts.ts contactSummary).
    ...(c.payment_terms_label ? { payment_terms_label: c.payment_terms_label } : {}),
    currency_id: c.currency_id,
    currency_code: c.currency_code,
    pricebook_id: c.pricebook_id,
    created_time: c.created_time,
    last_modified_time: c.last_modified_time,
  };
}

/** A contact as `GET /contacts/{id}` gives it: further addresses are read from `/contacts/{id}/address`. */
export function publicContact(c: Contact): Json {
  const { _created, addresses, ...rest } = c;
  void _created;
  void addresses;
  return { ...rest, primary_contact_id: c.contact_persons.find((p) => p.is_primary_contact)?.contact_person_id ?? '' };
}

export function documentSummary(kind: DocKind, d: SalesDocument): Json {
  const { idKey, numberKey } = DOCS[kind];
  return {
    [idKey]: d[idKey],
    [numberKey]: d[numberKey],
    status: d.status,
    date: d.date,
    customer_id: d.customer_id,
    customer_name: d.customer_name,
    reference_number: d.reference_number,
    total: d.total,
    currency_code: d.currency_code,
    has_attachment: d.has_attachment,
    created_time: d.created_time,
    last_modified_time: d.last_modified_time,
  };
}

export const DOC_KEYS = DOCS;

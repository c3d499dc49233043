/**
 * Zoho's wire shapes → data set records. Each Zoho record is validated on its own: garbage in one
 * (a missing id, a rate that is not a number) skips that record with a warning, never the sync.
 */
import * as z from 'zod';
import {
  rateToMinor,
  type AddressRecord,
  type ContactPersonRecord,
  type CustomerRecord,
  type ItemRecord,
  type ItemVariant,
  type LocationRecord,
  type PriceBracket,
  type PriceListRecord,
  type PriceRounding,
  type StockRecord,
  type TaxRecord,
} from '../../domain';

const id = z.union([z.string().trim().min(1).max(80), z.number().int().nonnegative()]).transform(String);
const text = z
  .string()
  .nullish()
  .transform((v) => (v && v.trim() !== '' ? v : undefined));
/**
 * A number as Zoho's answers carry it: a number, a numeric string, a percentage string ("70%",
 * as Books types `tax_percentage`), or '' for none (as the docs show empty location stock).
 */
const optNum = z
  .union([z.number(), z.string().regex(/^\s*(-?\d+(\.\d+)?%?)?\s*$/)])
  .nullish()
  .transform((v) => (v === null || v === undefined || (typeof v === 'string' && v.trim() === '') ? undefined : Number(String(v).trim().replace(/%$/, ''))));

const ZohoItemSchema = z.looseObject({
  item_id: id,
  name: z.string().trim().min(1),
  sku: text,
  status: text,
  rate: z
    .union([z.number(), z.string().regex(/^\d+(\.\d+)?$/)])
    .transform(Number)
    .refine((n) => Number.isFinite(n) && n >= 0, 'rate must be a number ≥ 0'),
  unit: text,
  description: text,
  tax_id: text,
  tax_name: text,
  tax_percentage: optNum,
  stock_on_hand: optNum,
  available_stock: optNum,
  image_name: text,
  category_name: text,
  last_modified_time: text,
  locations: z.array(z.looseObject({ location_id: id, location_stock_on_hand: optNum, location_available_stock: optNum })).nullish(),
  upc: text,
  ean: text,
  isbn: text,
  group_id: text,
  group_name: text,
});

/** Zoho flattens a variant's options into `attribute_name1..3` / `attribute_option_name1..3`. */
function variantOf(raw: Record<string, unknown>, groupId: string | undefined, groupName: string | undefined): ItemVariant | undefined {
  if (!groupId) return undefined;
  const options: ItemVariant['options'] = [];
  for (const n of [1, 2, 3]) {
    const name = raw[`attribute_name${n}`];
    const value = raw[`attribute_option_name${n}`];
    if (typeof name === 'string' && name.trim() && typeof value === 'string' && value.trim()) options.push({ name: name.trim(), value: value.trim() });
  }
  return { groupId, groupName: groupName ?? '', options };
}
export type ParsedItem = z.infer<typeof ZohoItemSchema>;

export interface ItemRecords {
  id: string;
  modified?: string;
  active: boolean;
  item: ItemRecord;
  stock: StockRecord;
  tax?: { id: string; record: TaxRecord };
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; id?: string; problem: string };

function problemOf(err: z.ZodError): string {
  return err.issues
    .slice(0, 3)
    .map((i) => `${i.path.join('.') || '(record)'}: ${i.message}`)
    .join('; ');
}

function rawId(raw: unknown, key: string): string | undefined {
  const v = raw && typeof raw === 'object' ? (raw as Record<string, unknown>)[key] : undefined;
  return typeof v === 'string' || typeof v === 'number' ? String(v) : undefined;
}

/** The item custom fields (api_name) holding a minimum order quantity and a pack size (CATALOGUE_*_FIELD; default: the demo organization's). */
export interface ItemQuantityFields {
  minimumQuantity: string;
  packSize: string;
}
export const ITEM_QUANTITY_FIELDS: ItemQuantityFields = { minimumQuantity: 'cf_min_order_qty', packSize: 'cf_pack_size' };

/**
 * A positive number from a custom field: Zoho lists carry it as a `cf_*` key, details (and the
 * sandbox's lists) as `custom_fields` entries. Undefined when absent, empty, or not a number > 0.
 */
export function customNumber(record: Record<string, unknown>, apiName: string): number | undefined {
  const fields = Array.isArray(record.custom_fields) ? (record.custom_fields as unknown[]) : [];
  const entry = fields.find((f) => f && typeof f === 'object' && (f as Record<string, unknown>).api_name === apiName) as Record<string, unknown> | undefined;
  const raw = apiName in record ? record[apiName] : entry?.value;
  const n = typeof raw === 'number' ? raw : typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : NaN;
  return Number.isFinite(n) && n > 0 ? n : undefined;
}

/**
 * The units of measurement as the catalogue keeps them: each unit's code (lower case, as items name
 * it) and the decimal places its quantities may have. Units without a number are left out.
 */
export function unitDecimals(units: ReadonlyArray<{ unit?: unknown; quantity_decimal_place?: unknown }>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const u of units) {
    const places = u.quantity_decimal_place;
    if (typeof u.unit === 'string' && u.unit.trim() && typeof places === 'number' && Number.isInteger(places) && places >= 0 && places <= 10)
      out[u.unit.trim().toLowerCase()] = places;
  }
  return out;
}

export function itemRecords(
  raw: unknown,
  currency: string,
  quantityFields: ItemQuantityFields = ITEM_QUANTITY_FIELDS,
  units: Record<string, number> = {},
): Parsed<ItemRecords> {
  const parsed = ZohoItemSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, id: rawId(raw, 'item_id'), problem: problemOf(parsed.error) };
  const it = parsed.data;
  const at: Record<string, number> = {};
  for (const l of it.locations ?? []) {
    const q = l.location_available_stock ?? l.location_stock_on_hand;
    if (q !== undefined) at[l.location_id] = q;
  }
  const total = it.available_stock ?? it.stock_on_hand ?? Object.values(at).reduce((a, b) => a + b, 0);
  const item: ItemRecord = {
    name: it.name,
    ...(it.sku ? { sku: it.sku } : {}),
    ...(it.unit ? { unit: it.unit } : {}),
    ...(it.description ? { description: it.description } : {}),
    rate: rateToMinor(it.rate, currency),
    currency,
    ...(it.tax_id ? { taxId: it.tax_id } : {}),
    ...(it.image_name ? { image: it.image_name } : {}),
    ...(it.category_name ? { category: it.category_name } : {}),
  };
  const barcodes = [it.upc, it.ean, it.isbn].filter((c): c is string => !!c);
  if (barcodes.length) item.barcodes = barcodes;
  const variant = variantOf(it, it.group_id, it.group_name);
  if (variant) item.variant = variant;
  const minimumQuantity = customNumber(it, quantityFields.minimumQuantity);
  if (minimumQuantity) item.minimumQuantity = minimumQuantity;
  const packSize = customNumber(it, quantityFields.packSize);
  if (packSize) item.packSize = packSize;
  const places = it.unit ? units[it.unit.trim().toLowerCase()] : undefined;
  if (places !== undefined) item.quantityDecimals = places;
  return {
    ok: true,
    value: {
      id: it.item_id,
      modified: it.last_modified_time,
      active: (it.status ?? 'active') === 'active',
      item,
      stock: Object.keys(at).length ? { total, at } : { total },
      ...(it.tax_id && it.tax_percentage !== undefined
        ? { tax: { id: it.tax_id, record: { name: it.tax_name ?? it.tax_id, percent: it.tax_percentage } } }
        : {}),
    },
  };
}

const ZohoPriceBookSchema = z.looseObject({
  pricebook_id: id,
  name: z.string().trim().min(1),
  pricebook_type: z.enum(['per_item', 'fixed_percentage']).catch('fixed_percentage'),
  percentage: optNum,
  is_increase: z.boolean().nullish(),
  currency_code: text,
  rounding_type: text,
  status: text,
  /** Zoho documents `sales` | `purchases`; `purchase` is read the same way. */
  sales_or_purchase_type: text,
  pricing_scheme: text,
  pricebook_items: z.array(z.unknown()).nullish(),
});
const BracketSchema = z.looseObject({
  start_quantity: z.coerce.number().min(0),
  end_quantity: z.coerce.number().min(0).nullish(),
  pricebook_rate: z.coerce.number().min(0),
});
const PriceBookItemSchema = z.looseObject({
  item_id: id,
  pricebook_rate: z
    .union([z.number(), z.string().regex(/^\d+(\.\d+)?$/)])
    .transform(Number)
    .refine((n) => Number.isFinite(n) && n >= 0, 'pricebook_rate must be a number ≥ 0')
    // A volume list item may carry its brackets only.
    .optional(),
});
const ROUNDINGS: readonly string[] = ['no_rounding', 'round_to_dollar', 'round_to_dollar_minus_01', 'round_to_half_dollar', 'round_to_half_dollar_minus_01'];

export interface PriceBookRecords {
  id: string;
  active: boolean;
  list: PriceListRecord;
  /** undefined: the list answer did not carry the rates (fetch the price book itself). */
  rates?: Array<{ itemId: string; rate: number; brackets?: PriceBracket[] }>;
  skipped: Array<{ id?: string; problem: string }>;
}

export function priceBookRecords(raw: unknown, orgCurrency: string): Parsed<PriceBookRecords> {
  const parsed = ZohoPriceBookSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, id: rawId(raw, 'pricebook_id'), problem: problemOf(parsed.error) };
  const pb = parsed.data;
  const currency = pb.currency_code ?? orgCurrency;
  const skipped: PriceBookRecords['skipped'] = [];
  let rates: PriceBookRecords['rates'];
  if (pb.pricebook_type === 'per_item' && pb.pricebook_items) {
    rates = [];
    for (const rawItem of pb.pricebook_items) {
      const p = PriceBookItemSchema.safeParse(rawItem);
      if (!p.success) {
        skipped.push({ id: rawId(rawItem, 'item_id'), problem: problemOf(p.error) });
        continue;
      }
      const brackets = pb.pricing_scheme === 'volume' ? bracketsOf(p.data.price_brackets, currency) : [];
      const rate = p.data.pricebook_rate !== undefined ? rateToMinor(p.data.pricebook_rate, currency) : brackets[0]?.rate;
      if (rate === undefined) {
        skipped.push({ id: p.data.item_id, problem: 'pricebook_rate: a number is required (or price_brackets on a volume list)' });
        continue;
      }
      rates.push({ itemId: p.data.item_id, rate, ...(brackets.length ? { brackets } : {}) });
    }
  }
  return {
    ok: true,
    value: {
      id: pb.pricebook_id,
      // A purchase list prices what the organization buys: never a rep's price, so never on a device.
      active: (pb.status ?? 'active') === 'active' && !(pb.sales_or_purchase_type ?? 'sales').startsWith('purchase'),
      list: {
        name: pb.name,
        type: pb.pricebook_type,
        percentage: pb.percentage ?? 0,
        isIncrease: pb.is_increase ?? false,
        currency,
        ...(pb.rounding_type && ROUNDINGS.includes(pb.rounding_type) && pb.rounding_type !== 'no_rounding'
          ? { rounding: pb.rounding_type as PriceRounding }
          : {}),
        // A purchase list is never a rep's price (resolvePrice ignores it); a volume list prices by bracket.
        ...(pb.sales_or_purchase_type
          ? { salesOrPurchase: pb.sales_or_purchase_type.startsWith('purchase') ? ('purchases' as const) : ('sales' as const) }
          : {}),
        ...(pb.pricing_scheme ? { pricingScheme: pb.pricing_scheme === 'volume' ? ('volume' as const) : ('unit' as const) } : {}),
      },
      ...(pb.pricebook_type === 'per_item' ? { rates: rates ?? (pb.pricebook_items === undefined || pb.pricebook_items === null ? undefined : []) } : {}),
      skipped,
    },
  };
}

const ZohoLocationSchema = z.looseObject({ location_id: id, location_name: z.string().trim().min(1), is_primary: z.boolean().nullish(), status: text });

export function locationRecord(raw: unknown): Parsed<{ id: string; active: boolean; record: LocationRecord }> {
  const parsed = ZohoLocationSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, id: rawId(raw, 'location_id'), problem: problemOf(parsed.error) };
  const l = parsed.data;
  return {
    ok: true,
    value: { id: l.location_id, active: (l.status ?? 'active') === 'active', record: { name: l.location_name, primary: l.is_primary ?? false } },
  };
}

const AddressSchema = z
  .looseObject({
    address_id: text,
    attention: text,
    address: text,
    street2: text,
    city: text,
    state: text,
    zip: text,
    country: text,
    phone: text,
  })
  .nullish()
  .catch(undefined);
const PersonSchema = z.looseObject({
  contact_person_id: text,
  first_name: text,
  last_name: text,
  email: text,
  phone: text,
  mobile: text,
  is_primary_contact: z.boolean().nullish(),
});
const ZohoContactSchema = z.looseObject({
  contact_id: id,
  contact_name: z.string().trim().min(1),
  company_name: text,
  contact_type: text,
  status: text,
  email: text,
  phone: text,
  currency_code: text,
  pricebook_id: text,
  payment_terms: optNum,
  payment_terms_label: text,
  credit_limit: optNum,
  outstanding_receivable_amount: optNum,
  is_taxable: z.union([z.boolean(), z.enum(['true', 'false'])]).nullish(),
  tax_exemption_id: text,
  last_modified_time: text,
  billing_address: AddressSchema,
  shipping_address: AddressSchema,
  contact_persons: z.array(z.unknown()).nullish(),
  custom_fields: z.array(z.unknown()).nullish(),
});
export type ParsedContact = z.infer<typeof ZohoContactSchema>;

export function parseContact(raw: unknown): Parsed<ParsedContact> {
  const parsed = ZohoContactSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, id: rawId(raw, 'contact_id'), problem: problemOf(parsed.error) };
  return { ok: true, value: parsed.data };
}

function address(a: z.infer<typeof AddressSchema>): AddressRecord | undefined {
  if (!a) return undefined;
  const out: AddressRecord = {};
  const keys: Array<[keyof AddressRecord, unknown]> = [
    ['id', a.address_id],
    ['attention', a.attention],
    ['address', a.address],
    ['street2', a.street2],
    ['city', a.city],
    ['state', a.state],
    ['zip', a.zip],
    ['country', a.country],
    ['phone', a.phone],
  ];
  for (const [k, v] of keys) if (typeof v === 'string' && v) out[k] = v;
  return Object.keys(out).some((k) => k !== 'id') ? out : undefined;
}

/**
 * The rep a contact is assigned to, from the custom field `field` (its api_name, e.g. `cf_sales_rep`):
 * Zoho lists carry custom fields as `cf_*` keys, a contact's detail as `custom_fields`.
 * '' = not assigned; undefined = this answer does not say (list entries may leave custom fields out).
 */
export function repOf(contact: Record<string, unknown>, field: string): string | undefined {
  const norm = (v: unknown) => (typeof v === 'string' ? v.trim().toLowerCase() : v === null ? '' : undefined);
  if (field in contact) return norm(contact[field]) ?? '';
  if (`${field}_unformatted` in contact) return norm(contact[`${field}_unformatted`]) ?? '';
  const fields = contact.custom_fields;
  if (!Array.isArray(fields)) return undefined;
  const hit = fields.find(
    (f) =>
      f &&
      typeof f === 'object' &&
      [(f as Record<string, unknown>).api_name, (f as Record<string, unknown>).label, (f as Record<string, unknown>).placeholder].includes(field),
  ) as Record<string, unknown> | undefined;
  return hit ? (norm(hit.value) ?? '') : '';
}

/**
 * Whether a contact is on hold, from the custom field `field` (api_name): a check box's true, or a
 * text of yes / true / 1 / on hold. Undefined when this answer does not carry the field.
 */
export function onHoldOf(contact: Record<string, unknown>, field: string): boolean | undefined {
  const fields = Array.isArray(contact.custom_fields) ? (contact.custom_fields as unknown[]) : [];
  const entry = fields.find((f) => f && typeof f === 'object' && (f as Record<string, unknown>).api_name === field) as Record<string, unknown> | undefined;
  const raw = field in contact ? contact[field] : entry ? entry.value : undefined;
  if (raw === undefined) return undefined;
  if (typeof raw === 'boolean') return raw;
  return typeof raw === 'string' && ['yes', 'true', '1', 'on hold'].includes(raw.trim().toLowerCase());
}

/** The customer record from a list summary and, when fetched, the contact's detail. */
export function customerRecord(
  summary: ParsedContact,
  detail: ParsedContact | undefined,
  orgCurrency: string,
  { onHoldField }: { onHoldField?: string } = {},
): CustomerRecord {
  const src = detail ?? summary;
  const persons: ContactPersonRecord[] = [];
  for (const raw of detail?.contact_persons ?? []) {
    const p = PersonSchema.safeParse(raw);
    if (!p.success) continue;
    const person: ContactPersonRecord = {};
    if (p.data.contact_person_id) person.id = p.data.contact_person_id;
    if (p.data.first_name) person.firstName = p.data.first_name;
    if (p.data.last_name) person.lastName = p.data.last_name;
    if (p.data.email) person.email = p.data.email;
    if (p.data.phone) person.phone = p.data.phone;
    if (p.data.mobile) person.mobile = p.data.mobile;
    if (p.data.is_primary_contact) person.primary = true;
    persons.push(person);
  }
  const billing = detail ? address(detail.billing_address) : undefined;
  const shipping = detail ? address(detail.shipping_address) : undefined;
  // The summary is the newer of the two when Zoho listed a change we have not fetched yet.
  const currency = summary.currency_code ?? src.currency_code ?? orgCurrency;
  const creditLimit = summary.credit_limit ?? src.credit_limit;
  const outstanding = summary.outstanding_receivable_amount ?? src.outstanding_receivable_amount;
  // Zoho charges an exempt customer no tax (is_taxable false, or a tax exemption): the device must not either.
  const taxable = summary.is_taxable ?? src.is_taxable;
  const taxExempt = taxable === false || taxable === 'false' || !!(summary.tax_exemption_id ?? src.tax_exemption_id);
  return {
    name: summary.contact_name,
    ...((summary.company_name ?? src.company_name) ? { company: summary.company_name ?? src.company_name } : {}),
    ...((summary.email ?? src.email) ? { email: summary.email ?? src.email } : {}),
    ...((summary.phone ?? src.phone) ? { phone: summary.phone ?? src.phone } : {}),
    currency,
    ...((summary.pricebook_id ?? src.pricebook_id) ? { priceListId: summary.pricebook_id ?? src.pricebook_id } : {}),
    ...(summary.payment_terms !== undefined ? { paymentTerms: summary.payment_terms } : {}),
    ...((summary.payment_terms_label ?? src.payment_terms_label)
      ? { paymentTermsLabel: (summary.payment_terms_label ?? src.payment_terms_label)!.slice(0, 100) }
      : {}),
    ...(billing ? { billingAddress: billing } : {}),
    ...(shipping ? { shippingAddress: shipping } : {}),
    ...(persons.length ? { contactPersons: persons } : {}),
    // Served, not withdrawn: the device says why no order can be taken (pre-flight `customer_inactive`).
    ...((summary.status ?? src.status ?? 'active') !== 'active' ? { active: false } : {}),
    ...(creditLimit ? { creditLimit: rateToMinor(creditLimit, currency) } : {}),
    ...(outstanding ? { outstanding: rateToMinor(outstanding, currency) } : {}),
    ...(taxExempt ? { taxExempt: true } : {}),
    // Held by the office, as the admin's custom field says (CATALOGUE_ON_HOLD_FIELD): pre-flight `customer_inactive`.
    ...(onHoldField && (onHoldOf(summary, onHoldField) ?? (detail ? onHoldOf(detail, onHoldField) : undefined)) ? { onHold: true } : {}),
    detailed: detail !== undefined,
  };
}

/** A volume list item's brackets, lowest first; an end of 0 or none means "and above" (Zoho's last bracket). */
function bracketsOf(raw: unknown, currency: string): PriceBracket[] {
  if (!Array.isArray(raw)) return [];
  const out: PriceBracket[] = [];
  for (const b of raw) {
    const p = BracketSchema.safeParse(b);
    if (p.success)
      out.push({ startQuantity: p.data.start_quantity, endQuantity: p.data.end_quantity ?? 0, rate: rateToMinor(p.data.pricebook_rate, currency) });
  }
  return out.sort((a, b) => a.startQuantity - b.startQuantity);
}

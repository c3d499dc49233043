/**
 * The data set a device keeps offline, as the hub serves it (`GET /api/catalogue/dataset`).
 * One stream of records across every kind, each with a change number; a device stores the last
 * change number it has (the cursor) and asks for what changed since. Shared by hub and client.
 *
 * Wire format (NDJSON, one JSON object a line):
 *   {"type":"start","since":"<cursor>","until":"<cursor>","scope":"all"|"rep","schema":1}
 *   {"c":1234,"k":"item","id":"4600…","d":{…}}          a record, created or changed
 *   {"c":1235,"k":"item","id":"4600…","del":1}          a tombstone: remove it on the device
 *   {"type":"page","cursor":"<cursor>","records":1000}  every page: resume from here after a cut
 *   {"type":"end","cursor":"<cursor>","records":N,"more":false}
 * Amounts are integers in minor units (see money.ts); price resolution is in pricing.ts.
 */
import type { ZohoProduct } from './zoho';
import type { PriceBracket, TaxComponent, TaxRounding } from './money-engine';
import type { OrderPolicies } from './preflight';
import type { PriceList } from './pricing';

export const DATASET_SCHEMA = 1;

export const CATALOGUE_KINDS = ['settings', 'tax', 'location', 'pricelist', 'item', 'stock', 'price', 'customer'] as const;
export type CatalogueKind = (typeof CATALOGUE_KINDS)[number];

/** key: the Zoho item id. */
export interface ItemRecord {
  name: string;
  sku?: string;
  unit?: string;
  description?: string;
  /** Base sales rate, minor units of `currency`. */
  rate: number;
  currency: string;
  taxId?: string;
  /** Zoho's image file name when the item has an image (`GET /api/catalogue/items/:id/image`). */
  image?: string;
  /** Zoho's item category: the app browses and keeps images offline by it. */
  category?: string;
  /** UPC, EAN and ISBN codes as Zoho holds them: a scan (or a scanner typing into search) finds the item. */
  barcodes?: string[];
  /** A variant of a Zoho item group: the group and this variant's options (Size: M, Colour: Black). */
  variant?: ItemVariant;
  /** The least a line may order, and the multiple it is sold in (Zoho custom fields the admin maps; the demo's `cf_min_order_qty`, `cf_pack_size`). */
  minimumQuantity?: number;
  packSize?: number;
  /** The decimal places a quantity of the item's unit may have (Zoho Inventory's unit `quantity_decimal_place`; 0: whole units only). Absent: not known, any. */
  quantityDecimals?: number;
}

export interface ItemVariant {
  groupId: string;
  groupName: string;
  options: Array<{ name: string; value: string }>;
}

/** key: the Zoho item id. Quantities per location id, and their total. */
export interface StockRecord {
  total: number;
  at?: Record<string, number>;
}

/** key: `<priceListId>:<itemId>`. The per-item rate of a `per_item` price list, minor units. */
export interface PriceRecord {
  rate: number;
  /** A volume list's quantity ranges (Zoho `price_brackets`): when present, the line's quantity picks the rate. */
  brackets?: PriceBracket[];
}

/** key: the Zoho pricebook id. The price list as pricing.ts resolves with it, less its id (the key). */
export type PriceListRecord = Omit<PriceList, 'id'>;

/**
 * key: the Zoho tax id. A compound tax, or a tax group with its member taxes (Zoho's order), when
 * the organization's tax settings were read; `percent` is the figure Zoho lists (a group's: the sum).
 */
export interface TaxRecord {
  name: string;
  percent: number;
  kind?: 'tax' | 'compound_tax' | 'tax_group';
  /** Groups: each member tax (a compound one is charged on the amount plus the simple ones). */
  components?: TaxComponent[];
}

/** key: the Zoho location id. */
export interface LocationRecord {
  name: string;
  primary: boolean;
}

export interface AddressRecord {
  id?: string;
  attention?: string;
  address?: string;
  street2?: string;
  city?: string;
  state?: string;
  zip?: string;
  country?: string;
  phone?: string;
}

export interface ContactPersonRecord {
  id?: string;
  firstName?: string;
  lastName?: string;
  email?: string;
  phone?: string;
  mobile?: string;
  primary?: boolean;
}

/** key: the Zoho contact id. */
export interface CustomerRecord {
  name: string;
  company?: string;
  email?: string;
  phone?: string;
  currency?: string;
  priceListId?: string;
  /** Zoho `payment_terms` (days) and `payment_terms_label` ("Net 30"). */
  paymentTerms?: number;
  paymentTermsLabel?: string;
  billingAddress?: AddressRecord;
  shippingAddress?: AddressRecord;
  contactPersons?: ContactPersonRecord[];
  /** The rep the customer is assigned to (when the company assigns customers to reps). */
  rep?: string;
  /** Zoho's status: an inactive customer is served so the device can say why it cannot order (pre-flight). */
  active?: boolean;
  /** Held by the office (a custom field the admin maps, or Zoho's credit hold). */
  onHold?: boolean;
  /** Zoho `credit_limit` and `outstanding_receivable_amount`, minor units of the customer's currency. */
  creditLimit?: number;
  outstanding?: number;
  /** Zoho charges this customer no tax (`is_taxable: false` or a tax exemption). */
  taxExempt?: boolean;
  /** False until the hub fetched the contact's addresses and persons (Zoho lists leave them out). */
  detailed: boolean;
}

/**
 * The organization's money preferences and the payment methods, as the hub is configured
 * (ZOHO_PRICES_INCLUDE_TAX, ZOHO_TAX_ROUNDING, PAYMENT_METHODS): Zoho's API exposes neither tax
 * preference, so the admin states them. Every order the device makes carries them.
 */
export interface OrderTermsSettings {
  /** The organization sells at tax-inclusive rates (Settings → Preferences → General: "Tax Inclusive"). */
  taxInclusive: boolean;
  /** Tax rounded per line, or each tax's sum per document. */
  taxRounding: TaxRounding;
  paymentMethods: string[];
}

/** key: `client`. What the app needs besides the catalogue. */
export interface SettingsRecord {
  currency: string;
  /** Zoho's exchange rates: base-currency units per 1 unit of each foreign currency (a foreign customer's base prices are converted at it). */
  exchangeRates?: Record<string, number>;
  product: ZohoProduct;
  paymentMethods: string[];
  fees: Array<{ id: string; name: string; amount?: number; percent?: number }>;
  salesReps: Array<{ id: string; name: string; email: string }>;
  defaults: { orderStatus: 'draft' | 'confirmed'; quoteTarget: 'estimate' | 'draft_salesorder'; locationId?: string };
  /** The pre-flight rules' policies as the admin set them (absent: DEFAULT_POLICIES). */
  policies?: OrderPolicies;
  /** The organization's prices include their tax; absent: they do not (OrderTermsSettings). */
  taxInclusive?: boolean;
  /** The organization's tax rounding; absent: per line. */
  taxRounding?: TaxRounding;
}

export interface DatasetRecordLine {
  c: number;
  k: CatalogueKind;
  id: string;
  d?: unknown;
  del?: 1;
}

export type DatasetControlLine =
  | {
      type: 'start';
      since: string;
      until: string;
      scope: 'all' | 'rep';
      schema: number;
      /** Present while the hub is still loading its catalogue from Zoho (first sync): the items it holds so far. Fetch again soon. */
      loading?: { items: number };
    }
  | { type: 'page'; cursor: string; records: number }
  | { type: 'end'; cursor: string; records: number; more: boolean };

export type DatasetLine = DatasetRecordLine | DatasetControlLine;

/** What the sandbox stores: Zoho's wire shapes (snake_case), JSON-serialisable for persistence. */

export type Json = Record<string, unknown>;

/**
 * A tax as `GET /settings/taxes` lists it: a simple tax, a compound tax (charged on the amount plus
 * the other taxes of its group) or a tax group (its `taxes`; `tax_percentage` is their sum as Zoho shows it).
 */
export interface Tax {
  tax_id: string;
  tax_name: string;
  tax_percentage: number;
  tax_type: 'tax' | 'compound_tax' | 'tax_group';
  is_default_tax?: boolean;
  /** Groups only: the member taxes' ids, in the order Zoho applies them (compound taxes last). */
  tax_ids?: string[];
}

/** `GET /settings/currencies`: the base currency has `exchange_rate` 1; a foreign one, base units per 1 of it. */
export interface Currency {
  currency_id: string;
  currency_code: string;
  currency_name: string;
  currency_symbol: string;
  price_precision: number;
  currency_format: string;
  is_base_currency: boolean;
  exchange_rate: number;
  effective_date: string;
}

/** `GET /settings/paymentterms`: a term's days, its label on documents. */
/** A unit of measurement (Inventory `GET /units`): its code as items name it, and the decimal places a quantity in it may have. */
export interface UnitOfMeasure {
  unit_id: string;
  name: string;
  unit: string;
  quantity_decimal_place: number;
}

export interface PaymentTerm {
  payment_terms_id: string;
  payment_terms: number;
  payment_terms_label: string;
  is_default: boolean;
}

export interface Salesperson {
  salesperson_id: string;
  salesperson_name: string;
  salesperson_email: string;
  is_active: boolean;
}

/** `GET /itemgroups`: one product with variants; its items carry `group_id` and `attribute_option_name{1,2}`. */
export interface ItemGroup {
  group_id: string;
  group_name: string;
  brand: string;
  unit: string;
  description: string;
  tax_id: string;
  status: 'active' | 'inactive';
  attributes: Array<{ id: string; name: string; options: Array<{ id: string; name: string }> }>;
  item_ids: string[];
  created_time: string;
  last_modified_time: string;
}

export interface Organization {
  organization_id: string;
  name: string;
  currency_id: string;
  currency_code: string;
  time_zone: string;
  is_default_org: boolean;
  [k: string]: unknown;
}

export interface Item {
  item_id: string;
  name: string;
  sku: string;
  status: 'active' | 'inactive';
  description: string;
  rate: number;
  unit: string;
  tax_id: string;
  tax_name: string;
  tax_percentage: number;
  stock_on_hand: number;
  available_stock: number;
  actual_available_stock: number;
  image_name: string;
  category_id: string;
  category_name: string;
  created_time: string;
  last_modified_time: string;
  locations: Array<{
    location_id: string;
    location_name: string;
    is_primary?: boolean;
    location_stock_on_hand: number;
    location_available_stock: number;
    location_actual_available_stock?: number;
  }>;
  /** Variants only: their group and options (Zoho: `attribute_name1`, `attribute_option_name1`, ...). */
  group_id?: string;
  group_name?: string;
  upc?: string;
  ean?: string;
  isbn?: string;
  custom_fields?: Json[];
  [k: string]: unknown;
}

/** One quantity range of a volume price list: from `start_quantity` to `end_quantity` (0: and above). */
export interface PriceBracket {
  start_quantity: number;
  end_quantity: number;
  pricebook_rate: number;
}

export interface PriceBook {
  pricebook_id: string;
  name: string;
  pricebook_type: 'per_item' | 'fixed_percentage';
  /** Purchase lists price what the organization buys: never a rep's price. */
  sales_or_purchase_type: 'sales' | 'purchases';
  /** `volume`: each item's rate depends on the line's quantity (`price_brackets`). */
  pricing_scheme: 'unit' | 'volume';
  percentage: number;
  is_increase: boolean;
  rounding_type?: 'no_rounding' | 'round_to_dollar' | 'round_to_dollar_minus_01' | 'round_to_half_dollar' | 'round_to_half_dollar_minus_01';
  currency_id: string;
  currency_code: string;
  status: 'active' | 'inactive';
  pricebook_items: Array<{ item_id: string; pricebook_rate: number; price_brackets?: PriceBracket[] }>;
}

export interface Location {
  location_id: string;
  location_name: string;
  /** `general` keeps stock; `line_item_only` only tags lines (Zoho's location types). Absent: general. */
  type?: 'general' | 'line_item_only';
  is_primary: boolean;
  status: 'active';
  address: Json;
}

export interface Address {
  address_id: string;
  attention: string;
  address: string;
  street2: string;
  city: string;
  state: string;
  zip: string;
  country: string;
  phone: string;
}

export interface ContactPerson {
  contact_person_id: string;
  first_name: string;
  last_name: string;
  email: string;
  phone: string;
  mobile: string;
  is_primary_contact: boolean;
}

export interface Contact {
  contact_id: string;
  contact_name: string;
  company_name: string;
  contact_type: 'customer' | 'vendor';
  customer_sub_type: 'business' | 'individual';
  status: 'active' | 'inactive';
  email: string;
  phone: string;
  billing_address: Address;
  shipping_address: Address;
  /** Further addresses (`GET /contacts/{id}/address`), besides the billing and shipping ones. */
  addresses?: Address[];
  contact_persons: ContactPerson[];
  payment_terms: number;
  payment_terms_label?: string;
  credit_limit?: number;
  outstanding_receivable_amount?: number;
  unused_credits_receivable_amount?: number;
  is_taxable?: boolean;
  tax_exemption_id?: string;
  tax_exemption_code?: string;
  tax_id?: string;
  salesperson_id?: string;
  salesperson_name?: string;
  currency_id: string;
  currency_code: string;
  pricebook_id: string;
  custom_fields: Json[];
  created_time: string;
  last_modified_time: string;
  /** Sandbox bookkeeping: made through the API (not seeded). Stripped from answers. */
  _created?: boolean;
}

export interface LineItem {
  line_item_id: string;
  item_id: string;
  name: string;
  description: string;
  rate: number;
  quantity: number;
  unit: string;
  tax_id: string;
  tax_name: string;
  tax_percentage: number;
  discount: number | string;
  item_total: number;
  location_id: string;
  /** The tax charged on this line (its share of tax groups included), as Zoho shows it per line. */
  tax_amount?: number;
  item_order?: number;
  unit_conversion_id?: string;
}

/** Sales order or estimate: the same shape with different id/number keys. */
export interface SalesDocument {
  status: string;
  date: string;
  customer_id: string;
  customer_name: string;
  currency_id: string;
  currency_code: string;
  reference_number: string;
  line_items: LineItem[];
  sub_total: number;
  tax_total: number;
  discount: number | string;
  shipping_charge: number;
  adjustment: number;
  total: number;
  exchange_rate?: number;
  discount_type?: 'entity_level' | 'item_level';
  is_discount_before_tax?: boolean;
  is_inclusive_tax?: boolean;
  shipping_charge_tax_id?: string;
  salesperson_id?: string;
  salesperson_name?: string;
  contact_persons?: string[];
  billing_address_id?: string;
  shipping_address_id?: string;
  location_id?: string;
  payment_terms?: number;
  payment_terms_label?: string;
  notes: string;
  terms: string;
  custom_fields: Json[];
  created_time: string;
  last_modified_time: string;
  has_attachment: boolean;
  [k: string]: unknown;
}

export interface Attachment {
  file_name: string;
  file_type: string;
  file_size: number;
  uploaded_time: string;
  /** Base64; kept in memory and in the state file (demo PDFs are small). */
  data: string;
}

/** One of the organization's custom fields (Settings → Preferences → <module> → Custom Fields). */
export interface CustomFieldSetting {
  customfield_id: string;
  api_name: string;
  label: string;
  entity: 'salesorder' | 'estimate' | 'contact' | 'item';
  data_type: 'string' | 'dropdown' | 'email' | 'number' | 'date' | 'check_box';
  is_mandatory: boolean;
  is_active: boolean;
  show_on_pdf: boolean;
  values?: Array<{ name: string; order: number }>;
}

export interface SandboxData {
  version: 1;
  seed: number;
  organization: Organization;
  taxes: Tax[];
  /** Absent in state files from before them: the seed's are used (SandboxStore.load). */
  currencies?: Currency[];
  paymentterms?: PaymentTerm[];
  /** Inventory's units; absent in state files from before they existed (the seed's apply). */
  units?: UnitOfMeasure[];
  salespersons?: Salesperson[];
  itemgroups?: ItemGroup[];
  items: Item[];
  pricebooks: PriceBook[];
  locations: Location[];
  contacts: Contact[];
  salesorders: SalesDocument[];
  estimates: SalesDocument[];
  attachments: Record<string, Attachment[]>;
  /** The organization's custom fields; absent in state files from before they existed (the seed's apply). */
  customfields?: CustomFieldSetting[];
  counters: { nextId: number; salesorder: number; estimate: number; mutations: number };
}

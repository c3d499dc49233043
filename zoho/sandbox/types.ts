/** What the sandbox stores: Zoho's wire shapes (snake_case), JSON-serialisable for persistence. */

export type Json = Record<string, unknown>;

export interface Tax {
  tax_id: string;
  tax_name: string;
  tax_percentage: number;
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
  locations: Array<{ location_id: string; location_name: string; location_stock_on_hand: number; location_available_stock: number }>;
  [k: string]: unknown;
}

export interface PriceBook {
  pricebook_id: string;
  name: string;
  pricebook_type: 'per_item' | 'fixed_percentage';
  percentage: number;
  is_increase: boolean;
  currency_id: string;
  currency_code: string;
  status: 'active';
  pricebook_items: Array<{ item_id: string; pricebook_rate: number }>;
}

export interface Location {
  location_id: string;
  location_name: string;
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
  status: 'active';
  email: string;
  phone: string;
  billing_address: Address;
  shipping_address: Address;
  contact_persons: ContactPerson[];
  payment_terms: number;
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
  entity: 'salesorder' | 'estimate' | 'contact';
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

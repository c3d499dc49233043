/**
 * The Zoho shapes the connector reads and writes (snake_case, as on the wire). Only the fields
 * Satchel uses are named; Zoho sends many more, kept through the index signature.
 */

export interface ZohoOrganization {
  organization_id: string;
  name: string;
  currency_code?: string;
  time_zone?: string;
  [k: string]: unknown;
}

export interface ZohoItemLocation {
  location_id: string;
  location_name?: string;
  location_stock_on_hand?: number;
  location_available_stock?: number;
  [k: string]: unknown;
}

export interface ZohoItem {
  item_id: string;
  name: string;
  sku?: string;
  status?: string;
  rate?: number;
  unit?: string;
  tax_id?: string;
  tax_name?: string;
  tax_percentage?: number;
  stock_on_hand?: number;
  available_stock?: number;
  actual_available_stock?: number;
  image_name?: string;
  /** Zoho Inventory's item category. */
  category_id?: string;
  category_name?: string;
  description?: string;
  last_modified_time?: string;
  locations?: ZohoItemLocation[];
  [k: string]: unknown;
}

export interface ZohoPriceBook {
  pricebook_id: string;
  name: string;
  pricebook_type?: 'per_item' | 'fixed_percentage' | string;
  percentage?: number;
  is_increase?: boolean;
  currency_id?: string;
  pricebook_items?: Array<{ item_id: string; pricebook_rate: number; [k: string]: unknown }>;
  [k: string]: unknown;
}

/** `GET /settings/taxes`: a simple or compound tax, or a tax group (`tax_type`). */
export interface ZohoTax {
  tax_id: string;
  tax_name: string;
  tax_percentage: number | string;
  tax_type?: string;
  [k: string]: unknown;
}

/** `GET /settings/taxgroups/{id}`: the group and its member taxes. */
export interface ZohoTaxGroup {
  tax_group_id: string;
  tax_group_name: string;
  tax_group_percentage?: number | string;
  taxes: ZohoTax[];
  [k: string]: unknown;
}

/** `GET /settings/currencies`: `exchange_rate` is base-currency units per 1 unit of this one. */
export interface ZohoCurrency {
  currency_id: string;
  currency_code: string;
  exchange_rate?: number | string;
  is_base_currency?: boolean;
  [k: string]: unknown;
}

/** A unit of measurement (Inventory `GET /units`). */
export interface ZohoUnit {
  unit_id: string;
  unit: string;
  name?: string;
  quantity_decimal_place?: number;
  [k: string]: unknown;
}

export interface ZohoLocation {
  location_id: string;
  location_name: string;
  is_primary?: boolean;
  [k: string]: unknown;
}

export interface ZohoAddress {
  address_id?: string;
  attention?: string;
  address?: string;
  street2?: string;
  city?: string;
  state?: string;
  zip?: string;
  country?: string;
  phone?: string;
  [k: string]: unknown;
}

export interface ZohoContactPerson {
  contact_person_id?: string;
  first_name?: string;
  last_name?: string;
  email?: string;
  phone?: string;
  mobile?: string;
  is_primary_contact?: boolean;
  [k: string]: unknown;
}

export interface ZohoCustomField {
  customfield_id?: string;
  api_name?: string;
  value: unknown;
}

/** A custom field as the organization defines it (settings), not a value on a document. */
export interface ZohoCustomFieldSetting {
  customfield_id: string;
  label: string;
  api_name: string;
  data_type?: string;
  entity?: string;
  is_mandatory?: boolean;
  is_active?: boolean;
  /** Dropdown fields: the values Zoho accepts. */
  values?: Array<{ name: string; order?: number }>;
  [k: string]: unknown;
}

export interface ZohoContact {
  contact_id: string;
  contact_name: string;
  company_name?: string;
  contact_type?: string;
  email?: string;
  phone?: string;
  billing_address?: ZohoAddress;
  shipping_address?: ZohoAddress;
  contact_persons?: ZohoContactPerson[];
  pricebook_id?: string;
  currency_id?: string;
  currency_code?: string;
  last_modified_time?: string;
  [k: string]: unknown;
}

export interface ContactPayload {
  contact_name: string;
  company_name?: string;
  contact_type?: 'customer' | 'vendor';
  customer_sub_type?: 'business' | 'individual';
  billing_address?: ZohoAddress;
  shipping_address?: ZohoAddress;
  contact_persons?: ZohoContactPerson[];
  payment_terms?: number;
  currency_id?: string;
  pricebook_id?: string;
  custom_fields?: ZohoCustomField[];
  [k: string]: unknown;
}

export interface ZohoLineItemInput {
  item_id?: string;
  name?: string;
  description?: string;
  rate?: number;
  quantity: number;
  unit?: string;
  tax_id?: string;
  discount?: number | string;
  location_id?: string;
  [k: string]: unknown;
}

/** Fields of a sales order or estimate create; the document number is passed separately. */
export interface DocumentPayload {
  customer_id: string;
  line_items: ZohoLineItemInput[];
  reference_number?: string;
  date?: string;
  notes?: string;
  terms?: string;
  discount?: number | string;
  custom_fields?: ZohoCustomField[];
  salesperson_name?: string;
  [k: string]: unknown;
}

export interface SalesOrderPayload extends DocumentPayload {
  shipment_date?: string;
  shipping_charge?: number;
  adjustment?: number;
  adjustment_description?: string;
  delivery_method?: string;
  salesperson_id?: string;
  pricebook_id?: string;
  location_id?: string;
  billing_address_id?: string;
  shipping_address_id?: string;
}

export interface EstimatePayload extends DocumentPayload {
  expiry_date?: string;
}

export interface ZohoSalesOrder {
  salesorder_id: string;
  salesorder_number: string;
  status: string;
  customer_id?: string;
  customer_name?: string;
  reference_number?: string;
  total?: number;
  currency_code?: string;
  line_items?: Array<Record<string, unknown>>;
  [k: string]: unknown;
}

export interface ZohoEstimate {
  estimate_id: string;
  estimate_number: string;
  status: string;
  customer_id?: string;
  total?: number;
  [k: string]: unknown;
}

export interface PageInfo {
  page: number;
  perPage: number;
  hasMore: boolean;
}

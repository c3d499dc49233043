/**
 * The demo organization's settings, fixed (no random stream is spent on them): taxes and a tax
 * group, locations, currencies with exchange rates, payment terms, salespersons and custom fields,
 * shaped like a distributor's Zoho organization. Generated records (items, customers) refer to them.
 */
import type { CustomFieldSetting, Currency, Location, PaymentTerm, Salesperson, Tax, UnitOfMeasure } from './types';

export const BASE_CURRENCY_ID = '460000000000099';

/** Simple taxes, a compound one, and a group of three (state + county, then the city surcharge on both). */
export const TAXES: Tax[] = [
  { tax_id: '460000000000201', tax_name: 'Standard', tax_percentage: 8.25, tax_type: 'tax', is_default_tax: true },
  { tax_id: '460000000000202', tax_name: 'Reduced', tax_percentage: 5, tax_type: 'tax' },
  { tax_id: '460000000000203', tax_name: 'Exempt', tax_percentage: 0, tax_type: 'tax' },
  { tax_id: '460000000000204', tax_name: 'State', tax_percentage: 6, tax_type: 'tax' },
  { tax_id: '460000000000205', tax_name: 'County', tax_percentage: 2.25, tax_type: 'tax' },
  { tax_id: '460000000000206', tax_name: 'City surcharge', tax_percentage: 1, tax_type: 'compound_tax' },
  {
    tax_id: '460000000000207',
    tax_name: 'State + County + City',
    tax_percentage: 9.25,
    tax_type: 'tax_group',
    tax_ids: ['460000000000204', '460000000000205', '460000000000206'],
  },
];
export const TAX_GROUP_ID = '460000000000207';
/** The tax exemption a reseller customer carries (Zoho: Settings → Taxes → Tax exemptions). */
export const RESELLER_EXEMPTION = { tax_exemption_id: '460000000000251', tax_exemption_code: 'RESELLER' };

export const LOCATIONS: Location[] = [
  {
    location_id: '460000000000301',
    location_name: 'Main Warehouse',
    is_primary: true,
    status: 'active',
    address: { address: '1 Depot Way', city: 'Portland', state: 'OR', zip: '97201', country: 'U.S.A' },
  },
  {
    location_id: '460000000000302',
    location_name: 'Outlet North',
    is_primary: false,
    status: 'active',
    address: { address: '80 North Rd', city: 'Seattle', state: 'WA', zip: '98101', country: 'U.S.A' },
  },
  {
    location_id: '460000000000303',
    location_name: 'Eastside Depot',
    is_primary: false,
    status: 'active',
    address: { address: '12 Foundry St', city: 'Boston', state: 'MA', zip: '02108', country: 'U.S.A' },
  },
];

/** The organization trades in USD; EUR and GBP customers are invoiced in their currency at these rates. */
export const CURRENCIES: Currency[] = [
  currency(BASE_CURRENCY_ID, 'USD', 'US Dollar', '$', true, 1),
  currency('460000000000098', 'EUR', 'Euro', '€', false, 1.0825),
  currency('460000000000097', 'GBP', 'Pound Sterling', '£', false, 1.2684),
];

function currency(id: string, code: string, name: string, symbol: string, base: boolean, rate: number): Currency {
  return {
    currency_id: id,
    currency_code: code,
    currency_name: `${code}- ${name}`,
    currency_symbol: symbol,
    price_precision: 2,
    currency_format: '1,234,567.89',
    is_base_currency: base,
    exchange_rate: rate,
    effective_date: '2026-01-01',
  };
}

/** The units the seed's items use: counted units take whole quantities, weight and length decimals. */
export const UNITS_OF_MEASURE: UnitOfMeasure[] = [
  { unit_id: '460000000000501', name: 'pieces', unit: 'pcs', quantity_decimal_place: 0 },
  { unit_id: '460000000000502', name: 'box', unit: 'box', quantity_decimal_place: 0 },
  { unit_id: '460000000000503', name: 'set', unit: 'set', quantity_decimal_place: 0 },
  { unit_id: '460000000000504', name: 'kilogram', unit: 'kg', quantity_decimal_place: 3 },
  { unit_id: '460000000000505', name: 'metre', unit: 'm', quantity_decimal_place: 2 },
];

export const PAYMENT_TERMS: PaymentTerm[] = [
  { payment_terms_id: '460000000000401', payment_terms: 0, payment_terms_label: 'Due on Receipt', is_default: false },
  { payment_terms_id: '460000000000402', payment_terms: 15, payment_terms_label: 'Net 15', is_default: false },
  { payment_terms_id: '460000000000403', payment_terms: 30, payment_terms_label: 'Net 30', is_default: true },
  { payment_terms_id: '460000000000404', payment_terms: 60, payment_terms_label: 'Net 60', is_default: false },
];

export function paymentTermsLabel(days: number): string {
  return PAYMENT_TERMS.find((t) => t.payment_terms === days)?.payment_terms_label ?? `Net ${days}`;
}

/** The demo reps as Zoho salespersons (the hub's rep mapping matches them by email). */
export const SALESPERSONS: Salesperson[] = [
  { salesperson_id: '460000000000501', salesperson_name: 'Riley Rep', salesperson_email: 'rep@satchel.local', is_active: true },
  { salesperson_id: '460000000000502', salesperson_name: 'Sam Second', salesperson_email: 'rep2@satchel.local', is_active: true },
  { salesperson_id: '460000000000503', salesperson_name: 'Office Sales', salesperson_email: 'sales@satchel-demo.example', is_active: true },
];

/** The demo organization's custom fields. */
export function seedCustomFields(): CustomFieldSetting[] {
  const id = (n: number) => `46600000000${String(n).padStart(4, '0')}`;
  const payment = ['Cash', 'Card', 'Bank transfer', 'On account'].map((name, order) => ({ name, order }));
  const field = (
    n: number,
    f: Omit<CustomFieldSetting, 'customfield_id' | 'is_mandatory' | 'is_active' | 'show_on_pdf'> & { show_on_pdf?: boolean },
  ): CustomFieldSetting => ({
    customfield_id: id(n),
    is_mandatory: false,
    is_active: true,
    show_on_pdf: false,
    ...f,
  });
  return [
    field(1, { api_name: 'cf_payment_method', label: 'Payment method', entity: 'salesorder', data_type: 'dropdown', show_on_pdf: true, values: payment }),
    field(2, { api_name: 'cf_delivery_slot', label: 'Delivery slot', entity: 'salesorder', data_type: 'string' }),
    field(3, { api_name: 'cf_taken_by', label: 'Taken by', entity: 'salesorder', data_type: 'string' }),
    field(4, { api_name: 'cf_payment_method', label: 'Payment method', entity: 'estimate', data_type: 'dropdown', show_on_pdf: true, values: payment }),
    field(5, { api_name: 'cf_sales_rep', label: 'Sales rep', entity: 'contact', data_type: 'email' }),
    field(6, { api_name: 'cf_customer_source', label: 'Customer source', entity: 'contact', data_type: 'string' }),
    // What the order rules read (minimum order quantity, pack size), as distributors keep them on items.
    field(7, { api_name: 'cf_min_order_qty', label: 'Minimum order quantity', entity: 'item', data_type: 'number' }),
    field(8, { api_name: 'cf_pack_size', label: 'Pack size', entity: 'item', data_type: 'number' }),
  ];
}

/**
 * The demo organization, generated deterministically: the same seed and sizes give the same ids,
 * names and prices on every machine, and entity i does not depend on how many were generated.
 */
import { SANDBOX_DEMO } from '../../config';
import type { Address, Contact, CustomFieldSetting, Item, Location, PriceBook, SandboxData, Tax } from './types';
import { pick, round2, streamFor, zohoTime } from './util';

export interface SeedOptions {
  seed?: number;
  items?: number;
  customers?: number;
}

export const DEFAULT_SEED = 20260611;
export const MAX_SEED_ITEMS = 50_000;
export const MAX_SEED_CUSTOMERS = 10_000;

/** Seeded records are dated from here, a minute apart, so "changed since" has a past to compare to. */
const SEED_EPOCH = Date.UTC(2026, 0, 1);
const CURRENCY_ID = '460000000000099';

const K = { item: 1, customer: 2, pricebook: 3, category: 4, person: 7, billing: 8, shipping: 9 } as const;

/** Stable ids: '46' + kind digit + 12-digit sequence (Zoho ids are long digit strings). */
export function seedId(kind: number, n: number): string {
  return `46${kind}${String(n).padStart(12, '0')}`;
}

const ADJECTIVES = ['Sturdy', 'Compact', 'Classic', 'Deluxe', 'Rustic', 'Slim', 'Heavy-duty', 'Eco', 'Premium', 'Everyday', 'Pro', 'Mini'];
const MATERIALS = ['Oak', 'Steel', 'Cotton', 'Bamboo', 'Copper', 'Ceramic', 'Walnut', 'Linen', 'Glass', 'Brass', 'Wool', 'Cedar'];
const PRODUCTS = ['Shelf', 'Lamp', 'Hook', 'Basket', 'Tray', 'Bowl', 'Vase', 'Bench', 'Crate', 'Rack', 'Stool', 'Planter', 'Mug', 'Clock', 'Mirror', 'Candle'];
const UNITS = ['pcs', 'pcs', 'pcs', 'box', 'set', 'kg', 'm'];
const FIRST = [
  'Anna',
  'Ben',
  'Chloé',
  'David',
  'Elif',
  'Farah',
  'Georg',
  'Hana',
  'Ivan',
  'Julia',
  'Kofi',
  'Lena',
  'Marco',
  'Nora',
  'Omar',
  'Paula',
  'Quinn',
  'Rosa',
  'Sven',
  'Tara',
];
const LAST = [
  'Andersen',
  'Brown',
  'Costa',
  'Dubois',
  'Evans',
  'Fischer',
  'García',
  'Hughes',
  'Ito',
  'Jansen',
  'Kowalski',
  'Laurent',
  'Müller',
  'Novak',
  "O'Brien",
  'Petrov',
  'Rossi',
  'Silva',
  'Tanaka',
  'Weber',
];
const SHOP_A = ['Corner', 'Harbour', 'Hilltop', 'Market', 'Village', 'Riverside', 'Station', 'Garden', 'Old Town', 'Northside', 'Lakeside', 'Bridge'];
const SHOP_B = ['Home Store', 'Hardware', 'Interiors', 'Trading', 'Supplies', 'Emporium', 'Goods', 'Living', 'Outfitters', 'Depot'];
const CITIES: Array<[string, string, string]> = [
  ['Portland', 'OR', '97201'],
  ['Austin', 'TX', '73301'],
  ['Denver', 'CO', '80202'],
  ['Boston', 'MA', '02108'],
  ['Seattle', 'WA', '98101'],
  ['Madison', 'WI', '53703'],
  ['Raleigh', 'NC', '27601'],
  ['Tucson', 'AZ', '85701'],
];
const STREETS = ['Main St', 'Oak Ave', 'Market St', 'Elm St', 'Harbor Rd', 'Mill Ln', 'Park Ave', 'Church St'];

export const TAXES: Tax[] = [
  { tax_id: '460000000000201', tax_name: 'Standard', tax_percentage: 8.25 },
  { tax_id: '460000000000202', tax_name: 'Reduced', tax_percentage: 5 },
  { tax_id: '460000000000203', tax_name: 'Exempt', tax_percentage: 0 },
];

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
];

/** The item's category: its kind of product (the name's third word), as Zoho Inventory's category. */
function categoryOf(name: string): { category_id: string; category_name: string } {
  const product = name.split(' ')[2] ?? 'Other';
  const index = Math.max(0, PRODUCTS.indexOf(product));
  return { category_id: seedId(K.category, index + 1), category_name: `${product}s` };
}

export function seedItem(seed: number, i: number): Item {
  const r = streamFor(seed, K.item, i);
  const name = `${pick(r, ADJECTIVES)} ${pick(r, MATERIALS)} ${pick(r, PRODUCTS)} ${i + 1}`;
  const tax = r() < 0.8 ? TAXES[0]! : r() < 0.5 ? TAXES[1]! : TAXES[2]!;
  const stocks = LOCATIONS.map(() => Math.floor(r() * 200));
  const stock = stocks.reduce((a, b) => a + b, 0);
  const t = zohoTime(SEED_EPOCH + i * 60_000);
  return {
    item_id: seedId(K.item, i + 1),
    name,
    sku: `SKU-${String(i + 1).padStart(5, '0')}`,
    status: 'active',
    description: `${name}, made to last.`,
    rate: round2(2 + r() * 298),
    unit: pick(r, UNITS),
    tax_id: tax.tax_id,
    tax_name: tax.tax_name,
    tax_percentage: tax.tax_percentage,
    stock_on_hand: stock,
    available_stock: stock,
    actual_available_stock: stock,
    image_name: r() < 0.9 ? `item-${i + 1}.png` : '',
    // Derived from the name, not from the random stream, so every other seeded value stays put.
    ...categoryOf(name),
    created_time: t,
    last_modified_time: t,
    locations: LOCATIONS.map((l, k) => ({
      location_id: l.location_id,
      location_name: l.location_name,
      location_stock_on_hand: stocks[k]!,
      location_available_stock: stocks[k]!,
    })),
  };
}

function address(id: string, r: () => number, attention: string): Address {
  const [city, state, zip] = pick(r, CITIES);
  return {
    address_id: id,
    attention,
    address: `${1 + Math.floor(r() * 400)} ${pick(r, STREETS)}`,
    street2: r() < 0.3 ? `Suite ${1 + Math.floor(r() * 30)}` : '',
    city,
    state,
    zip,
    country: 'U.S.A',
    phone: `+1 555 ${String(Math.floor(r() * 10_000)).padStart(4, '0')}`,
  };
}

/** `taken`: names already used by customers 0..i-1 (Zoho contact names are unique). */
export function seedCustomer(seed: number, i: number, pricebooks: PriceBook[], taken = new Set<string>()): Contact {
  const r = streamFor(seed, K.customer, i);
  let company = `${pick(r, SHOP_A)} ${pick(r, SHOP_B)}`;
  if (taken.has(company.toLowerCase())) company = `${company} ${i + 1}`;
  taken.add(company.toLowerCase());
  const slug = company
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  const id = seedId(K.customer, i + 1);
  const people = 1 + Math.floor(r() * 2);
  const persons = Array.from({ length: people }, (_, k) => {
    const first = pick(r, FIRST);
    const last = pick(r, LAST);
    return {
      contact_person_id: seedId(K.person, (i + 1) * 10 + k),
      first_name: first,
      last_name: last,
      email:
        k === 0
          ? `orders@${slug}.example`
          : `${first
              .toLowerCase()
              .normalize('NFD')
              .replace(/[^a-z]/g, '')}@${slug}.example`,
      phone: `+1 555 ${String(Math.floor(r() * 10_000)).padStart(4, '0')}`,
      mobile: '',
      is_primary_contact: k === 0,
    };
  });
  const primary = persons[0]!;
  const billing = address(seedId(K.billing, i + 1), r, `${primary.first_name} ${primary.last_name}`);
  const shippingId = seedId(K.shipping, i + 1);
  const shipping = r() < 0.7 ? { ...billing, address_id: shippingId } : address(shippingId, r, 'Receiving');
  const t = zohoTime(SEED_EPOCH + i * 60_000);
  return {
    contact_id: id,
    contact_name: company,
    company_name: company,
    contact_type: 'customer',
    customer_sub_type: 'business',
    status: 'active',
    email: primary.email,
    phone: primary.phone,
    billing_address: billing,
    shipping_address: shipping,
    contact_persons: persons,
    payment_terms: pick(r, [0, 15, 30, 30, 60]),
    currency_id: CURRENCY_ID,
    currency_code: 'USD',
    pricebook_id: r() < 0.3 ? pick(r, pricebooks).pricebook_id : '',
    custom_fields: [],
    created_time: t,
    last_modified_time: t,
  };
}

function seedPriceBooks(seed: number, items: Item[]): PriceBook[] {
  const r = streamFor(seed, K.pricebook, 0);
  const base = { currency_id: CURRENCY_ID, currency_code: 'USD', status: 'active' as const };
  return [
    {
      ...base,
      pricebook_id: seedId(K.pricebook, 1),
      name: 'Wholesale',
      pricebook_type: 'per_item',
      percentage: 0,
      is_increase: false,
      pricebook_items: items.map((it) => ({ item_id: it.item_id, pricebook_rate: round2(it.rate * (0.8 + r() * 0.12)) })),
    },
    {
      ...base,
      pricebook_id: seedId(K.pricebook, 2),
      name: 'Retail +10%',
      pricebook_type: 'fixed_percentage',
      percentage: 10,
      is_increase: true,
      pricebook_items: [],
    },
    {
      ...base,
      pricebook_id: seedId(K.pricebook, 3),
      name: 'Key accounts -15%',
      pricebook_type: 'fixed_percentage',
      percentage: 15,
      is_increase: false,
      pricebook_items: [],
    },
  ];
}

/** The demo organization's custom fields (fixed: no random stream is spent on them). */
export function seedCustomFields(): CustomFieldSetting[] {
  const id = (n: number) => `46600000000${String(n).padStart(4, '0')}`;
  const payment = ['Cash', 'Card', 'Bank transfer', 'On account'].map((name, order) => ({ name, order }));
  return [
    {
      customfield_id: id(1),
      api_name: 'cf_payment_method',
      label: 'Payment method',
      entity: 'salesorder',
      data_type: 'dropdown',
      is_mandatory: false,
      is_active: true,
      show_on_pdf: true,
      values: payment,
    },
    {
      customfield_id: id(2),
      api_name: 'cf_delivery_slot',
      label: 'Delivery slot',
      entity: 'salesorder',
      data_type: 'string',
      is_mandatory: false,
      is_active: true,
      show_on_pdf: false,
    },
    {
      customfield_id: id(3),
      api_name: 'cf_taken_by',
      label: 'Taken by',
      entity: 'salesorder',
      data_type: 'string',
      is_mandatory: false,
      is_active: true,
      show_on_pdf: false,
    },
    {
      customfield_id: id(4),
      api_name: 'cf_payment_method',
      label: 'Payment method',
      entity: 'estimate',
      data_type: 'dropdown',
      is_mandatory: false,
      is_active: true,
      show_on_pdf: true,
      values: payment,
    },
    {
      customfield_id: id(5),
      api_name: 'cf_sales_rep',
      label: 'Sales rep',
      entity: 'contact',
      data_type: 'email',
      is_mandatory: false,
      is_active: true,
      show_on_pdf: false,
    },
    {
      customfield_id: id(6),
      api_name: 'cf_customer_source',
      label: 'Customer source',
      entity: 'contact',
      data_type: 'string',
      is_mandatory: false,
      is_active: true,
      show_on_pdf: false,
    },
  ];
}

export function seedData(options: SeedOptions = {}): SandboxData {
  const seed = options.seed ?? DEFAULT_SEED;
  const itemCount = Math.min(MAX_SEED_ITEMS, Math.max(1, options.items ?? 300));
  const customerCount = Math.min(MAX_SEED_CUSTOMERS, Math.max(1, options.customers ?? 100));
  const items = Array.from({ length: itemCount }, (_, i) => seedItem(seed, i));
  const pricebooks = seedPriceBooks(seed, items);
  const taken = new Set<string>();
  return {
    version: 1,
    seed,
    organization: {
      organization_id: SANDBOX_DEMO.organizationId,
      name: 'Satchel Demo Trading Co.',
      currency_id: CURRENCY_ID,
      currency_code: 'USD',
      time_zone: 'America/Los_Angeles',
      is_default_org: true,
      contact_name: 'Demo Admin',
      email: 'admin@satchel-demo.example',
    },
    taxes: TAXES.map((t) => ({ ...t })),
    items,
    pricebooks,
    locations: LOCATIONS.map((l) => ({ ...l, address: { ...l.address } })),
    contacts: Array.from({ length: customerCount }, (_, i) => seedCustomer(seed, i, pricebooks, taken)),
    salesorders: [],
    estimates: [],
    attachments: {},
    customfields: seedCustomFields(),
    counters: { nextId: 1, salesorder: 0, estimate: 0, mutations: 0 },
  };
}

/**
 * What a test needs to build a valid order against the default seed: the first customer and the
 * first items (the same for every seed size, since entity i never depends on the count).
 */
export function sandboxFixtures(seed = DEFAULT_SEED) {
  const items = [0, 1, 2].map((i) => seedItem(seed, i));
  const wholesale = seedPriceBooks(seed, items);
  const customer = seedCustomer(seed, 0, wholesale);
  return {
    organizationId: SANDBOX_DEMO.organizationId,
    customer: { contact_id: customer.contact_id, contact_name: customer.contact_name, email: customer.email },
    items: items.map((it) => ({ item_id: it.item_id, name: it.name, sku: it.sku, rate: it.rate, unit: it.unit, tax_id: it.tax_id })),
    locationIds: LOCATIONS.map((l) => l.location_id),
    taxIds: TAXES.map((t) => t.tax_id),
  };
}

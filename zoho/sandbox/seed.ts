/**
 * The demo organization, generated deterministically: the same seed and sizes give the same ids,
 * names and prices on every machine, and entity i does not depend on how many were generated.
 */
import { SANDBOX_DEMO } from '../../config';
import {
  BASE_CURRENCY_ID,
  CURRENCIES,
  LOCATIONS,
  PAYMENT_TERMS,
  RESELLER_EXEMPTION,
  SALESPERSONS,
  TAXES,
  TAX_GROUP_ID,
  paymentTermsLabel,
  seedCustomFields,
} from './seed-settings';
import type { Address, Contact, ContactPerson, Item, ItemGroup, PriceBook, SandboxData } from './types';
import { pick, round2, streamFor, zohoTime } from './util';

export { LOCATIONS, TAXES, seedCustomFields } from './seed-settings';

export interface SeedOptions {
  seed?: number;
  items?: number;
  customers?: number;
  /**
   * About this many item groups (benches: 5,000 in 50,000 items, half of them variants). Absent:
   * one group of six variants per 30 items, as always (tests and saved states rely on it).
   */
  groups?: number;
}

export const DEFAULT_SEED = 20260611;
export const MAX_SEED_ITEMS = 50_000;
export const MAX_SEED_CUSTOMERS = 10_000;

/** Seeded records are dated from here, a minute apart, so "changed since" has a past to compare to. */
const SEED_EPOCH = Date.UTC(2026, 0, 1);
const CURRENCY_ID = BASE_CURRENCY_ID;

/**
 * Stream and id kinds. Features added later draw from streams of their own (`group`, `extra`), so
 * the values every earlier field had stay put (tests and saved states rely on them).
 */
const K = { item: 1, customer: 2, pricebook: 3, category: 4, group: 5, extra: 6, person: 7, billing: 8, shipping: 9 } as const;

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

/** The item's category: its kind of product (the name's third word), as Zoho Inventory's category. */
function categoryOf(name: string): { category_id: string; category_name: string } {
  const product = name.split(' ')[2] ?? 'Other';
  const index = Math.max(0, PRODUCTS.indexOf(product));
  return { category_id: seedId(K.category, index + 1), category_name: `${product}s` };
}

/** Streams only (never ids): what later features draw, so the values earlier ones drew stay put. */
const STREAM = { itemExtra: 10, customerExtra: 11, group: 12 } as const;

/** Items 24..29 of every 30 are the six variants (3 sizes × 2 colours) of one item group. */
const GROUP_BLOCK = 30;
const VARIANTS_FROM = 24;

const SIZES = ['S', 'M', 'L'] as const;
const COLOURS = ['Black', 'Natural'] as const;
const SIZE_UPLIFT = [1, 1.1, 1.25];

/** Where the variants sit: the last `block - from` items of every `block` are one group's. */
export interface GroupLayout {
  block: number;
  from: number;
}
const DEFAULT_LAYOUT: GroupLayout = { block: GROUP_BLOCK, from: VARIANTS_FROM };

/**
 * The layout giving about `groups` groups in `items` items: blocks of items / groups, the last half
 * of each (at most six: 3 sizes × 2 colours) a group's variants. 50,000 items, 5,000 groups: blocks
 * of 10, five variants each (a group may lack a combination, as in Zoho), 25,000 variants.
 */
export function groupLayout(items: number, groups: number | undefined): GroupLayout {
  if (!groups || groups <= 0) return DEFAULT_LAYOUT;
  const block = Math.max(2, Math.floor(items / groups));
  return { block, from: block - Math.min(SIZES.length * COLOURS.length, Math.ceil(block / 2)) };
}

export function isVariant(i: number, layout: GroupLayout = DEFAULT_LAYOUT): boolean {
  return i % layout.block >= layout.from;
}

/** Item group `g`: its name, unit, base rate and tax, from a stream of its own. */
function groupBase(seed: number, g: number) {
  const r = streamFor(seed, STREAM.group, g);
  const product = pick(r, PRODUCTS);
  const name = `${pick(r, ADJECTIVES)} ${pick(r, MATERIALS)} ${product} Line ${g + 1}`;
  return {
    group_id: seedId(K.group, g + 1),
    group_name: name,
    unit: pick(r, ['pcs', 'pcs', 'set']),
    rate: round2(5 + r() * 95),
    tax: g % 2 === 1 ? TAXES.find((t) => t.tax_id === TAX_GROUP_ID)! : TAXES[0]!,
    category: categoryOf(`x x ${product}`),
  };
}

/** EAN-13 with its check digit; the 2xx prefix is GS1's range for in-store numbers, never a real product's. */
export function ean13(n: number): string {
  const body = `2${String(n).padStart(11, '0')}`;
  const sum = [...body].reduce((a, d, k) => a + Number(d) * (k % 2 === 0 ? 1 : 3), 0);
  return `${body}${(10 - (sum % 10)) % 10}`;
}

export function seedItem(seed: number, i: number, layout: GroupLayout = DEFAULT_LAYOUT): Item {
  const r = streamFor(seed, K.item, i);
  const x = streamFor(seed, STREAM.itemExtra, i);
  const plainName = `${pick(r, ADJECTIVES)} ${pick(r, MATERIALS)} ${pick(r, PRODUCTS)} ${i + 1}`;
  const drawnTax = r() < 0.8 ? TAXES[0]! : r() < 0.5 ? TAXES[1]! : TAXES[2]!;
  // The first two locations draw from the item's stream (as before the third existed), the third from its own.
  const stocks = LOCATIONS.map((_, k) => Math.floor((k < 2 ? r() : x()) * 200));
  const stock = stocks.reduce((a, b) => a + b, 0);
  const drawnRate = round2(2 + r() * 298);
  const drawnUnit = pick(r, UNITS);
  const image = r() < 0.9 ? `item-${i + 1}.png` : '';
  const t = zohoTime(SEED_EPOCH + i * 60_000);
  const group = isVariant(i, layout) ? groupBase(seed, Math.floor(i / layout.block)) : undefined;
  const k = (i % layout.block) - layout.from;
  const size = SIZES[k % 3]!;
  const colour = COLOURS[Math.floor(k / 3)]!;
  const name = group ? `${group.group_name}-${size}-${colour}` : plainName;
  const tax = group ? group.tax : i % 7 === 3 ? TAXES.find((tx) => tx.tax_id === TAX_GROUP_ID)! : drawnTax;
  const unit = group ? group.unit : drawnUnit;
  const packSize = unit === 'box' ? 12 : unit === 'set' && !group ? 4 : 0;
  const minimum = !packSize && i % 9 === 2 ? 5 : 0;
  return {
    item_id: seedId(K.item, i + 1),
    name,
    sku: `SKU-${String(i + 1).padStart(5, '0')}`,
    status: 'active',
    description: group ? `${group.group_name}, size ${size}, ${colour.toLowerCase()}.` : `${name}, made to last.`,
    rate: group ? round2(group.rate * SIZE_UPLIFT[k % 3]!) : drawnRate,
    unit,
    tax_id: tax.tax_id,
    tax_name: tax.tax_name,
    tax_percentage: tax.tax_percentage,
    stock_on_hand: stock,
    available_stock: stock,
    actual_available_stock: stock,
    image_name: image,
    // Derived from the name, not from the random stream, so every other seeded value stays put.
    ...(group ? group.category : categoryOf(name)),
    ean: ean13(i + 1),
    ...(group
      ? {
          group_id: group.group_id,
          group_name: group.group_name,
          attribute_name1: 'Size',
          attribute_option_name1: size,
          attribute_name2: 'Colour',
          attribute_option_name2: colour,
        }
      : {}),
    custom_fields: [
      ...(packSize ? [{ customfield_id: '466000000000008', api_name: 'cf_pack_size', label: 'Pack size', value: packSize }] : []),
      ...(minimum ? [{ customfield_id: '466000000000007', api_name: 'cf_min_order_qty', label: 'Minimum order quantity', value: minimum }] : []),
    ],
    created_time: t,
    last_modified_time: t,
    locations: LOCATIONS.map((l, n) => ({
      location_id: l.location_id,
      location_name: l.location_name,
      is_primary: l.is_primary,
      location_stock_on_hand: stocks[n]!,
      location_available_stock: stocks[n]!,
      location_actual_available_stock: stocks[n]!,
    })),
  };
}

/** The item groups of the first `itemCount` items: one per block of 30 whose variants were generated. */
export function seedItemGroups(items: readonly Item[]): ItemGroup[] {
  const groups = new Map<string, ItemGroup>();
  for (const it of items) {
    if (!it.group_id) continue;
    let g = groups.get(it.group_id);
    if (!g) {
      g = {
        group_id: it.group_id,
        group_name: String(it.group_name),
        brand: 'Satchel Demo',
        unit: it.unit,
        description: `${String(it.group_name)}: ${SIZES.length} sizes, ${COLOURS.length} colours.`,
        tax_id: it.tax_id,
        status: 'active',
        attributes: [
          { id: `${it.group_id}1`, name: 'Size', options: SIZES.map((o, n) => ({ id: `${it.group_id}1${n}`, name: o })) },
          { id: `${it.group_id}2`, name: 'Colour', options: COLOURS.map((o, n) => ({ id: `${it.group_id}2${n}`, name: o })) },
        ],
        item_ids: [],
        created_time: it.created_time,
        last_modified_time: it.last_modified_time,
      };
      groups.set(it.group_id, g);
    }
    g.item_ids.push(it.item_id);
    if (it.last_modified_time > g.last_modified_time) g.last_modified_time = it.last_modified_time;
  }
  return [...groups.values()];
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
  // Drawn in this order (terms, then list) since before the distributor fields existed.
  const paymentTerms = pick(r, [0, 15, 30, 30, 60]);
  const drawnPricebook = r() < 0.3 ? pick(r, pricebooks.slice(0, DRAWN_LISTS)).pricebook_id : '';
  const { extraPersons, ...traits } = distributorTraits(seed, i, slug, drawnPricebook);
  return {
    contact_id: id,
    contact_name: company,
    company_name: company,
    contact_type: 'customer',
    customer_sub_type: 'business',
    email: primary.email,
    phone: primary.phone,
    billing_address: billing,
    shipping_address: shipping,
    contact_persons: [...persons, ...extraPersons],
    payment_terms: paymentTerms,
    payment_terms_label: paymentTermsLabel(paymentTerms),
    ...traits,
    custom_fields: [],
    created_time: t,
    last_modified_time: t,
  };
}

/**
 * What makes customer i a distributor's customer, drawn from a stream of its own and from i's
 * position (so the fields drawn before these existed keep their values): currency and price list,
 * more addresses and people, credit, status, tax exemption, salesperson.
 */
function distributorTraits(seed: number, i: number, slug: string, drawnPricebook: string) {
  const x = streamFor(seed, STREAM.customerExtra, i);
  const currency = i % 10 === 4 ? CURRENCIES[1]! : i % 10 === 8 ? CURRENCIES[2]! : CURRENCIES[0]!;
  // A foreign customer has a list in its currency or none (Zoho only assigns a list of the contact's currency).
  const pricebook = currency.currency_id !== CURRENCY_ID ? (i % 20 === 4 ? PRICEBOOK.euro : '') : i % 10 === 6 ? PRICEBOOK.volume : drawnPricebook;
  const addresses: Address[] =
    i % 3 === 0
      ? Array.from({ length: 1 + Math.floor(x() * 2) }, (_, k) => address(seedId(K.extra, (i + 1) * 10 + k), x, k === 0 ? 'Back door' : 'Second shop'))
      : [];
  const accounts: ContactPerson[] =
    i % 4 === 0
      ? [
          {
            contact_person_id: seedId(K.person, (i + 1) * 10 + 5),
            first_name: pick(x, FIRST),
            last_name: pick(x, LAST),
            email: `accounts@${slug}.example`,
            phone: `+1 555 ${String(Math.floor(x() * 10_000)).padStart(4, '0')}`,
            mobile: '',
            is_primary_contact: false,
          },
        ]
      : [];
  const creditLimit = i % 5 === 0 ? pick(x, [2000, 5000, 10000]) : 0;
  // One in three limited customers is over the limit already (the office would hold their next order).
  const outstanding = round2(creditLimit ? creditLimit * (i % 15 === 5 ? 1.05 : x() * 0.5) : x() * 800);
  const exempt = i % 25 === 11;
  const salesperson = SALESPERSONS[i % SALESPERSONS.length]!;
  return {
    currency_id: currency.currency_id,
    currency_code: currency.currency_code,
    pricebook_id: pricebook,
    addresses,
    extraPersons: accounts,
    credit_limit: creditLimit,
    outstanding_receivable_amount: outstanding,
    unused_credits_receivable_amount: 0,
    status: i % 50 === 17 ? ('inactive' as const) : ('active' as const),
    is_taxable: !exempt,
    ...(exempt ? RESELLER_EXEMPTION : {}),
    salesperson_id: salesperson.salesperson_id,
    salesperson_name: salesperson.salesperson_name,
  };
}

/** Price lists a customer may be given by chance (the first three, as before the others existed). */
const DRAWN_LISTS = 3;
const PRICEBOOK = { euro: seedId(K.pricebook, 4), volume: seedId(K.pricebook, 5), purchase: seedId(K.pricebook, 6) } as const;
/** The lists beyond Wholesale cover the first items only, so the 50,000-item bench mode stays its size. */
const LIST_REACH = 3000;

/** Volume pricing: 1–9 at the list rate, 10–49 five per cent off, 50 and more ten per cent off. */
function volumeBrackets(rate: number) {
  return [
    { start_quantity: 1, end_quantity: 9, pricebook_rate: rate },
    { start_quantity: 10, end_quantity: 49, pricebook_rate: round2(rate * 0.95) },
    { start_quantity: 50, end_quantity: 0, pricebook_rate: round2(rate * 0.9) },
  ];
}

function seedPriceBooks(seed: number, items: Item[]): PriceBook[] {
  const r = streamFor(seed, K.pricebook, 0);
  const base = {
    currency_id: CURRENCY_ID,
    currency_code: 'USD',
    status: 'active' as const,
    sales_or_purchase_type: 'sales' as const,
    pricing_scheme: 'unit' as const,
  };
  const eur = CURRENCIES[1]!;
  const reach = items.filter((_, i) => i < LIST_REACH);
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
    {
      ...base,
      currency_id: eur.currency_id,
      currency_code: eur.currency_code,
      pricebook_id: PRICEBOOK.euro,
      name: 'Euro trade',
      pricebook_type: 'per_item',
      percentage: 0,
      is_increase: false,
      // Every other item: the rest is priced from the base rate at the exchange rate.
      pricebook_items: reach.filter((_, i) => i % 2 === 0).map((it) => ({ item_id: it.item_id, pricebook_rate: round2((it.rate / eur.exchange_rate) * 0.97) })),
    },
    {
      ...base,
      pricebook_id: PRICEBOOK.volume,
      name: 'Volume breaks',
      pricebook_type: 'per_item',
      pricing_scheme: 'volume',
      percentage: 0,
      is_increase: false,
      pricebook_items: reach
        .filter((_, i) => i % 3 === 0)
        .map((it) => ({ item_id: it.item_id, pricebook_rate: it.rate, price_brackets: volumeBrackets(it.rate) })),
    },
    {
      ...base,
      sales_or_purchase_type: 'purchases',
      pricebook_id: PRICEBOOK.purchase,
      name: 'Supplier costs',
      pricebook_type: 'per_item',
      percentage: 0,
      is_increase: false,
      pricebook_items: reach.map((it) => ({ item_id: it.item_id, pricebook_rate: round2(it.rate * 0.55) })),
    },
  ];
}

export function seedData(options: SeedOptions = {}): SandboxData {
  const seed = options.seed ?? DEFAULT_SEED;
  const itemCount = Math.min(MAX_SEED_ITEMS, Math.max(1, options.items ?? 300));
  const customerCount = Math.min(MAX_SEED_CUSTOMERS, Math.max(1, options.customers ?? 100));
  const layout = groupLayout(itemCount, options.groups);
  const items = Array.from({ length: itemCount }, (_, i) => seedItem(seed, i, layout));
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
    taxes: TAXES.map((t) => ({ ...t, ...(t.tax_ids ? { tax_ids: [...t.tax_ids] } : {}) })),
    currencies: CURRENCIES.map((c) => ({ ...c })),
    paymentterms: PAYMENT_TERMS.map((t) => ({ ...t })),
    salespersons: SALESPERSONS.map((p) => ({ ...p })),
    itemgroups: seedItemGroups(items),
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

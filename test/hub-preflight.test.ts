/**
 * The hub's pre-flight inputs on SQLite and PostgreSQL: the customer and items from the catalogue
 * store, the customer's other orders not yet in Zoho (unsent), the rep's role, and the policies in
 * force, each reaching the shared rules (domain/preflight.ts) as the device would pass them.
 */
import { DEFAULT_POLICIES, OrderSchema, type CustomerRecord, type ItemRecord, type OrderInput, type SettingsRecord } from '../domain';
import { createCatalogueStore } from '../server/catalogue/store';
import type { Database } from '../server/db/connect';
import { createHubPreflight } from '../server/orders/hub-preflight';
import { writePolicies } from '../server/policies/store';
import { createUser, testAuth } from './support/auth';
import { DIALECTS, openTestDatabase } from './support/databases';
import { sampleOrder } from './support/orders';
import { storeReceivedOrder } from './support/stored';

const CONTACT = '460000000000777';
const customer: CustomerRecord = { name: 'Corner Shop', currency: 'USD', creditLimit: 100_000, outstanding: 60_000, detailed: true };
const item = (over: Partial<ItemRecord>): ItemRecord => ({ name: 'Oak', rate: 1000, currency: 'USD', ...over });
const settings: SettingsRecord = {
  currency: 'USD',
  product: 'inventory',
  paymentMethods: [],
  fees: [],
  salesReps: [],
  defaults: { orderStatus: 'draft', quoteTarget: 'draft_salesorder', locationId: 'loc-1' },
};

describe.each(DIALECTS)('hub pre-flight on %s', (dialect) => {
  let db: Database;
  let cleanup: () => Promise<void>;
  let repId: string;
  let supportId: string;

  beforeAll(async () => {
    ({ db, cleanup } = await openTestDatabase(dialect));
    const auth = testAuth(db);
    repId = (await createUser(auth, 'rep')).id;
    supportId = (await createUser(auth, 'support')).id;
    await createCatalogueStore(db).write([
      { kind: 'settings', key: 'client', data: settings },
      { kind: 'customer', key: CONTACT, data: customer },
      { kind: 'item', key: 'min', data: item({ name: 'Min five', minimumQuantity: 5 }) },
      { kind: 'item', key: 'pack', data: item({ name: 'Boxed', packSize: 12 }) },
      { kind: 'stock', key: 'pack', data: { total: 500, at: { 'loc-1': 10, 'loc-2': 490 } } },
      { kind: 'item', key: 'whole', data: item({ name: 'Crate', unit: 'pcs', quantityDecimals: 0 }) },
    ]);
  });
  afterAll(() => cleanup?.());

  /** An order stored as the hub has it after step 1 (its Zoho contact known), taken by `takenBy`. */
  async function storedFor(input: Partial<OrderInput>, takenBy: string | null, over: { zohoId?: string; stage?: 'done' | 'received'; contact?: string } = {}) {
    const order = await storeReceivedOrder(db, OrderSchema.parse(sampleOrder({ customer: { zohoContactId: CONTACT, name: 'Corner Shop' }, ...input })));
    await db.Order.update(
      { repId: takenBy, zohoContactId: over.contact ?? CONTACT, zohoId: over.zohoId ?? null, stage: over.stage ?? 'received' },
      { where: { id: order.id } },
    );
    return (await db.Order.findByPk(order.id))!;
  }
  const rulesOf = async (row: Awaited<ReturnType<typeof storedFor>>, listPrices?: Map<string, number>) =>
    (await createHubPreflight({ db, listPrices: async () => listPrices })(row)).map((f) => `${f.rule}:${f.policy}:${f.path}`);

  it("reads the items' minimum, pack size and stock at the primary location, and the list price", async () => {
    const row = await storedFor(
      {
        lines: [
          { itemId: 'min', name: 'Min five', quantity: 2, unitPrice: 1000 },
          { itemId: 'pack', name: 'Boxed', quantity: 13, unitPrice: 500 },
          { itemId: 'unknown', name: 'Not in the catalogue', quantity: 1, unitPrice: 1 },
        ],
      },
      repId,
    );
    expect(await rulesOf(row, new Map([['pack', 1000]]))).toEqual([
      'minimum_quantity:block:lines.0.quantity',
      'price_floor:warn:lines.1.unitPrice',
      'pack_size:warn:lines.1.quantity',
      'stock:warn:lines.1.quantity',
    ]);
    // Shipped from another location (the rep's pick): its stock counts.
    const fromLoc2 = await storedFor({ locationId: 'loc-2', lines: [{ itemId: 'pack', name: 'Boxed', quantity: 24, unitPrice: 1000 }] }, repId, {
      contact: '460000000000888',
    });
    expect(await rulesOf(fromLoc2)).toEqual([]);
  });

  it("refuses a quantity its unit does not take, naming the line's quantity, as the device does (the same rule)", async () => {
    const row = await storedFor({ lines: [{ itemId: 'whole', name: 'Crate', quantity: 2.5, unitPrice: 1000 }] }, repId, { contact: '460000000000887' });
    const findings = await createHubPreflight({ db })(row);
    expect(findings.map((f) => [f.rule, f.policy, f.path, f.message])).toEqual([
      ['unit_decimals', 'block', 'lines.0.quantity', 'Crate: the quantity 2.5 pcs must be a whole number of pcs'],
    ]);
    const whole = await storedFor({ lines: [{ itemId: 'whole', name: 'Crate', quantity: 3, unitPrice: 1000 }] }, repId, { contact: '460000000000887' });
    expect(await rulesOf(whole)).toEqual([]);
  });

  it("counts the customer's other unsent orders against the credit left, not those in Zoho or finished", async () => {
    // Credit left: 100 000 − 60 000 = 40 000. This order: 30 000.
    const lines = [{ itemId: 'other', name: 'Other', quantity: 1, unitPrice: 30_000 }];
    const row = await storedFor({ lines }, repId);
    await storedFor({ lines }, repId, { zohoId: 'in-zoho' });
    await storedFor({ lines }, repId, { stage: 'done' });
    expect(await rulesOf(row)).toEqual([]);
    await storedFor({ lines: [{ itemId: 'other', name: 'Other', quantity: 1, unitPrice: 10_001 }] }, repId);
    expect(await rulesOf(row)).toEqual(['credit_limit:warn:customer']);
  });

  it("limits the discount by the taker's role, with the policies in force", async () => {
    // A customer the catalogue does not know: only the discount is in question.
    const forUnknown = (input: Partial<OrderInput>, takenBy: string) => storedFor(input, takenBy, { contact: '460000000000999' });
    const lines = [{ itemId: 'other', name: 'Other', quantity: 1, unitPrice: 100 }];
    expect(await rulesOf(await forUnknown({ lines, discount: { percent: 20 } }, repId))).toEqual(['discount_limit:approve:discount']);
    expect(await rulesOf(await forUnknown({ lines, discount: { percent: 20 } }, supportId))).toEqual([]);
    await writePolicies(
      db,
      { ...DEFAULT_POLICIES, rules: { ...DEFAULT_POLICIES.rules, discount_limit: 'block' }, discountLimitPercent: { rep: 25, support: 10, admin: null } },
      { id: null, email: 'admin@example.test', address: null },
      new Date(),
    );
    expect(await rulesOf(await forUnknown({ lines, discount: { percent: 20 } }, repId))).toEqual([]);
    expect(await rulesOf(await forUnknown({ lines, discount: { percent: 20 } }, supportId))).toEqual(['discount_limit:block:discount']);
  });
});

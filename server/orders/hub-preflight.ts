/**
 * The pre-flight rules run again on the hub when an order arrives (domain/preflight.ts: the code the
 * device ran offline), with the hub's data: the policies in force, the customer and items from the
 * synced catalogue, the customer's other orders not yet in Zoho, and the role of the rep who took it.
 */
import { Op } from 'sequelize';
import {
  isFinal,
  preflight,
  STAGES,
  type CustomerRecord,
  type ItemRecord,
  type Order,
  type PreflightFinding,
  type PreflightItem,
  type Role,
  type SettingsRecord,
  type StockRecord,
} from '../../domain';
import type { CatalogueKind } from '../../domain/catalogue';
import { createCatalogueStore } from '../catalogue/store';
import type { Database } from '../db/connect';
import type { OrderRow } from '../db/models';
import { readPolicies } from '../policies/store';

/** The hub's list prices for an order's lines (catalogueCurrentPrices): the price floor's reference. */
export type ListPrices = (order: Order) => Promise<Map<string, number> | undefined>;

export function createHubPreflight({ db, listPrices }: { db: Database; listPrices?: ListPrices }) {
  const store = createCatalogueStore(db);
  async function live<T>(kind: CatalogueKind, key: string): Promise<T | undefined> {
    const row = await store.get(kind, key);
    return row && !row.deleted ? (JSON.parse(row.data) as T) : undefined;
  }

  /** What the customer's other orders not yet in Zoho add up to, in this order's currency (minor units). */
  async function unsentTotal(row: OrderRow): Promise<number> {
    if (!row.zohoContactId) return 0;
    const others = await db.Order.findAll({
      where: {
        id: { [Op.ne]: row.id },
        kind: 'order',
        zohoContactId: row.zohoContactId,
        currency: row.currency,
        zohoId: null,
        stage: STAGES.filter((s) => !isFinal(s)),
      },
      attributes: ['totalMinor'],
    });
    return others.reduce((sum, o) => sum + o.totalMinor, 0);
  }

  async function customerOf(row: OrderRow, order: Order) {
    const contactId = row.zohoContactId ?? order.customer.zohoContactId;
    const record = contactId ? await live<CustomerRecord>('customer', contactId) : undefined;
    if (!record) return undefined;
    // Credit is in the customer's currency: compared only with an order in the same one.
    const sameCurrency = (record.currency ?? order.currency) === order.currency;
    return {
      name: record.name,
      ...(record.active !== undefined ? { active: record.active } : {}),
      ...(record.onHold !== undefined ? { onHold: record.onHold } : {}),
      ...(sameCurrency && record.creditLimit !== undefined ? { creditLimit: record.creditLimit, outstanding: record.outstanding ?? 0 } : {}),
    };
  }

  async function itemsOf(order: Order): Promise<Map<string, PreflightItem>> {
    const prices = listPrices ? await listPrices(order) : undefined;
    // Stock where the order ships from: the rep's pick, else the organization's primary location.
    const location = order.locationId ?? (await live<SettingsRecord>('settings', 'client'))?.defaults.locationId;
    const items = new Map<string, PreflightItem>();
    for (const line of order.lines) {
      if (items.has(line.itemId)) continue;
      const item = await live<ItemRecord>('item', line.itemId);
      if (!item) continue; // unknown to the hub: Zoho judges the line
      const stock = await live<StockRecord>('stock', line.itemId);
      const available = stock ? (location !== undefined ? (stock.at?.[location] ?? stock.total) : stock.total) : undefined;
      items.set(line.itemId, {
        name: item.name,
        ...(prices?.has(line.itemId) ? { listPrice: prices.get(line.itemId)! } : {}),
        ...(item.minimumQuantity ? { minimumQuantity: item.minimumQuantity } : {}),
        ...(item.packSize ? { packSize: item.packSize } : {}),
        ...(item.quantityDecimals !== undefined ? { quantityDecimals: item.quantityDecimals, ...(item.unit ? { unit: item.unit } : {}) } : {}),
        ...(available !== undefined ? { stock: available } : {}),
      });
    }
    return items;
  }

  /** Every finding for the order as it is stored now (after any re-pricing). */
  return async function findingsFor(row: OrderRow): Promise<PreflightFinding[]> {
    const order = row.payload;
    const [{ policies }, rep, customer, unsent, items] = await Promise.all([
      readPolicies(db),
      row.repId ? db.User.findByPk(row.repId, { attributes: ['role'] }) : null,
      customerOf(row, order),
      unsentTotal(row),
      itemsOf(order),
    ]);
    const role: Role = rep?.role ?? 'rep';
    return preflight(order, policies, {
      role,
      // The order's date on the rep's calendar: the device wrote it with its own offset.
      today: order.createdAt.slice(0, 10),
      ...(customer ? { customer } : {}),
      unsentTotal: unsent,
      item: (id) => items.get(id),
    });
  };
}

export type HubPreflight = ReturnType<typeof createHubPreflight>;

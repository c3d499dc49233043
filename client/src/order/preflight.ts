/**
 * Pre-flight on the device: the shared rules (domain/preflight.ts) run on the order about to be
 * created, with what the device knows (the data set's customer, items, stock and policies, the
 * outbox's unsent orders), so the rep hears of a block or a warning while the customer is still
 * there. A rule whose data the device lacks is not checked; the hub checks again on arrival.
 */
import {
  DEFAULT_POLICIES,
  MAX_ACCEPTED_WARNING_LENGTH,
  MAX_ACCEPTED_WARNINGS,
  preflight,
  preflightChecks,
  summarize,
  type LocationRecord,
  type Order,
  type PreflightContext,
  type PreflightFinding,
  type PreflightItem,
  type Role,
  type SettingsRecord,
} from '../domain';
import { allEntries, unsent, type OutboxEntry } from '../store/outbox';
import { getItems, loadMeta, priceFor, type CustomerView, type ItemView } from '../store/dataset';
import { rememberedUser } from '../session';
import { today } from './checks';

export type Preflight = ReturnType<typeof summarize>;

/** What the rules need to know, gathered by `checkBeforeSending` (pure, for the tests). */
export interface DeviceFacts {
  order: Order;
  /** Whose orders count as theirs in the outbox (the draft's customer id). */
  customerId: string;
  customer: CustomerView;
  settings?: SettingsRecord;
  locations: ReadonlyMap<string, LocationRecord>;
  /** The catalogue's items of the order's lines, with the customer's list price of each (the cart's price resolution). */
  items: ReadonlyMap<string, { item: ItemView; listPrice: number }>;
  outbox: readonly OutboxEntry[];
  role: Role;
  now: Date;
}

/**
 * The stock at the location the order ships from (the one chosen on the order, else the
 * organization's default, else the primary one, as the products list shows it); all locations'
 * total when Zoho gave no figure for it.
 */
export function stockAt(
  item: ItemView,
  settings: SettingsRecord | undefined,
  locations: ReadonlyMap<string, LocationRecord>,
  chosen?: string,
): number | undefined {
  if (!item.stock) return undefined;
  const location = chosen || settings?.defaults.locationId || [...locations].find(([, l]) => l.primary)?.[0];
  const at = location !== undefined ? item.stock.at?.[location] : undefined;
  return at ?? item.stock.total;
}

/** The orders for this customer still on the device (queued or refused), in the order's currency. */
export function unsentTotal(outbox: readonly OutboxEntry[], customerId: string, currency: string): number {
  return unsent([...outbox])
    .filter((e) => e.kind === 'order' && e.customerId === customerId && e.total?.currency === currency)
    .reduce((sum, e) => sum + e.total!.amount, 0);
}

export function preflightContext(f: DeviceFacts): PreflightContext {
  const c = f.customer;
  return {
    role: f.role,
    today: today(f.now),
    customer: {
      name: c.name,
      ...(c.active !== undefined ? { active: c.active } : {}),
      ...(c.onHold !== undefined ? { onHold: c.onHold } : {}),
      // The limit is in the customer's currency: it only counts when the order is in it too.
      ...(c.creditLimit !== undefined && (c.currency ?? f.order.currency) === f.order.currency
        ? { creditLimit: c.creditLimit, outstanding: c.outstanding ?? 0 }
        : {}),
    },
    unsentTotal: unsentTotal(f.outbox, f.customerId, f.order.currency),
    item: (id): PreflightItem | undefined => {
      const known = f.items.get(id);
      if (!known) return undefined;
      const { item, listPrice } = known;
      const stock = stockAt(item, f.settings, f.locations, f.order.locationId);
      return {
        name: item.name,
        listPrice,
        ...(item.minimumQuantity ? { minimumQuantity: item.minimumQuantity } : {}),
        ...(item.packSize ? { packSize: item.packSize } : {}),
        ...(item.quantityDecimals !== undefined ? { quantityDecimals: item.quantityDecimals, ...(item.unit ? { unit: item.unit } : {}) } : {}),
        ...(stock !== undefined ? { stock } : {}),
      };
    },
  };
}

/** Every finding for the order, by the organization's policies (the defaults until the office sets its own). */
export function runPreflight(f: DeviceFacts): Preflight {
  return summarize(preflight(f.order, f.settings?.policies ?? DEFAULT_POLICIES, preflightContext(f)));
}

/** Pre-flight with the device's data (quotes are not checked: nothing is committed until they become orders). */
export async function checkBeforeSending(order: Order, customerId: string, customer: CustomerView, now = new Date()): Promise<Preflight> {
  if (!preflightChecks(order.kind)) return { blocks: [], approvals: [], warnings: [] };
  const ids = order.lines.map((l) => l.itemId);
  const [meta, found, outbox] = await Promise.all([loadMeta(), getItems(ids), allEntries()]);
  const items = new Map<string, { item: ItemView; listPrice: number }>();
  for (const [i, item] of found.entries()) {
    if (!item) continue;
    const line = order.lines[i]!;
    items.set(item.id, { item, listPrice: (await priceFor(item, customer, line.quantity)).unitPrice });
  }
  return runPreflight({
    order,
    customerId,
    customer,
    settings: meta.settings,
    locations: meta.locations,
    items,
    outbox,
    role: rememberedUser()?.role ?? 'rep',
    now,
  });
}

/** Are `shown` (the warnings the rep accepted) all of `found`? A warning the rep has not seen needs its own yes. */
export function accepted(found: readonly PreflightFinding[], shown: readonly PreflightFinding[] | undefined): boolean {
  const seen = new Set((shown ?? []).map((w) => `${w.rule}\n${w.path}\n${w.message}`));
  return found.every((w) => seen.has(`${w.rule}\n${w.path}\n${w.message}`));
}

/** The warnings as the order records them (the hub puts them on its timeline), within the schema's bounds. */
export function acceptedWarnings(warnings: readonly PreflightFinding[]): NonNullable<Order['acceptedWarnings']> {
  return warnings.slice(0, MAX_ACCEPTED_WARNINGS).map((w) => ({
    rule: w.rule,
    message: w.message.length > MAX_ACCEPTED_WARNING_LENGTH ? `${w.message.slice(0, MAX_ACCEPTED_WARNING_LENGTH - 1)}…` : w.message,
  }));
}

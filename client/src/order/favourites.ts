/**
 * A customer's usual products: what this device ordered for them, most often first (then the most
 * recent), with the quantity of the last time. Reps re-order the same lines week after week; the
 * products screen shows these before any search. Quotes count too (what was offered is what the
 * shop buys); rejected documents do not.
 */
import type { Order } from '../domain';
import type { OutboxEntry } from '../store/outbox';

export interface Favourite {
  itemId: string;
  name: string;
  /** Documents it was on. */
  times: number;
  /** Its quantity on the most recent one. */
  lastQuantity: number;
  lastAt: string;
}

export function favouritesOf(entries: readonly OutboxEntry[], customerIds: readonly string[], limit = 12): Favourite[] {
  const byItem = new Map<string, Favourite>();
  const docs = entries
    .filter((e) => (e.kind === 'order' || e.kind === 'quote') && e.state !== 'rejected' && customerIds.includes(e.customerId))
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  for (const e of docs) {
    for (const line of (e.body as Order).lines ?? []) {
      const f = byItem.get(line.itemId);
      if (f) {
        f.times++;
        f.lastQuantity = line.quantity;
        f.lastAt = e.createdAt;
        f.name = line.name;
      } else byItem.set(line.itemId, { itemId: line.itemId, name: line.name, times: 1, lastQuantity: line.quantity, lastAt: e.createdAt });
    }
  }
  return [...byItem.values()].sort((a, b) => b.times - a.times || b.lastAt.localeCompare(a.lastAt) || a.name.localeCompare(b.name)).slice(0, limit);
}

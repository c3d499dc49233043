/**
 * A customer's documents as the office knows them (made on other devices, or before this device
 * was set up), fetched when online and kept so the history still shows offline.
 */
import { get, set } from 'idb-keyval';
import { listCustomerOrders, type OrderSummary } from '../api';
import { store } from './db';

const key = (customerId: string) => `history:${customerId}`;

export interface OfficeHistory {
  orders: OrderSummary[];
  fetchedAt: string;
}

export async function cachedHistory(customerId: string): Promise<OfficeHistory | undefined> {
  return get<OfficeHistory>(key(customerId), store('state'));
}

/** Ask the hub (for the customer's Zoho id and any device ids it had); keep the answer. */
export async function refreshHistory(customerId: string, alsoIds: string[] = []): Promise<OfficeHistory> {
  const seen = new Set<string>();
  const orders = (await listCustomerOrders([customerId, ...alsoIds]))
    .filter((o) => !seen.has(o.id) && seen.add(o.id))
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  const history = { orders, fetchedAt: new Date().toISOString() };
  await set(key(customerId), history, store('state'));
  return history;
}

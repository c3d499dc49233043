/**
 * Customers created on this device. Kept apart from the data set (which a sync may wipe and
 * rebuild) under `customer:<uuid>` in the state store, and found by the same search.
 */
import { get, keys, getMany, set } from 'idb-keyval';
import { store } from './db';
import type { CustomerView } from './dataset';

const PREFIX = 'customer:';

export async function deviceCustomers(): Promise<CustomerView[]> {
  const all = (await keys<string>(store('state'))).filter((k) => typeof k === 'string' && k.startsWith(PREFIX));
  return (await getMany<CustomerView>(all, store('state'))).filter((c): c is CustomerView => !!c);
}

export async function getDeviceCustomer(id: string): Promise<CustomerView | undefined> {
  return get<CustomerView>(PREFIX + id, store('state'));
}

export async function saveDeviceCustomer(customer: CustomerView): Promise<void> {
  await set(PREFIX + customer.id, { ...customer, device: true }, store('state'));
}

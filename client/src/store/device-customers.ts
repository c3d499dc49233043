/**
 * Customers created on this device. Kept apart from the data set (which a sync may wipe and
 * rebuild) under `customer:<uuid>` in the state store, and found by the same search.
 *
 * Once the hub has created one in Zoho it reports the Zoho contact id; when that contact then
 * arrives with a data-set sync, the device's copy steps aside (out of the search, and lookups of
 * the device id answer with the Zoho record), so the customer is listed once, not twice, and its
 * orders made on the device still show in its history.
 */
import { get, keys, getMany, set, update } from 'idb-keyval';
import { store } from './db';
import type { CustomerRecord } from '../domain';
import type { CustomerView } from './customer-view';

const PREFIX = 'customer:';

export interface DeviceCustomer extends CustomerView {
  /** The Zoho contact the hub created (or matched) for it. */
  zohoContactId?: string;
}

export async function deviceCustomers(): Promise<DeviceCustomer[]> {
  const all = (await keys<string>(store('state'))).filter((k) => typeof k === 'string' && k.startsWith(PREFIX));
  return (await getMany<DeviceCustomer>(all, store('state'))).filter((c): c is DeviceCustomer => !!c);
}

export async function getDeviceCustomer(id: string): Promise<DeviceCustomer | undefined> {
  return get<DeviceCustomer>(PREFIX + id, store('state'));
}

export async function saveDeviceCustomer(customer: CustomerView): Promise<void> {
  await set(PREFIX + customer.id, { ...customer, device: true }, store('state'));
}

/** Remember which Zoho contact a device customer became. True if this is news. */
export async function linkDeviceCustomer(id: string, zohoContactId: string): Promise<boolean> {
  let changed = false;
  await update<DeviceCustomer | undefined>(
    PREFIX + id,
    (c) => {
      if (!c || c.zohoContactId === zohoContactId) return c;
      changed = true;
      return { ...c, zohoContactId };
    },
    store('state'),
  );
  return changed;
}

/** The Zoho record that replaced a device customer, once the data set has it. */
export async function syncedRecordOf(c: DeviceCustomer): Promise<CustomerRecord | undefined> {
  return c.zohoContactId ? get<CustomerRecord>(c.zohoContactId, store('customers')) : undefined;
}

/** Device customers still to be listed: those whose Zoho contact has not arrived on the device. */
export async function unsyncedDeviceCustomers(): Promise<DeviceCustomer[]> {
  const all = await deviceCustomers();
  const synced = await Promise.all(all.map(syncedRecordOf));
  return all.filter((_, i) => !synced[i]);
}

/** Device customer ids that became Zoho contact `zohoContactId` (for its order history). */
export async function deviceIdsOf(zohoContactId: string): Promise<string[]> {
  return (await deviceCustomers()).filter((c) => c.zohoContactId === zohoContactId).map((c) => c.id);
}

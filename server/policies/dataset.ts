/**
 * Order policies reach devices in the data set's settings record (`settings:client`). The catalogue
 * sync writes that record at the end of every run (with the policies then in force); a change made
 * in the console rewrites it at once, so the change gets a new change number and every device picks
 * it up at its next delta fetch instead of waiting for the next sync.
 */
import type { OrderPolicies, SettingsRecord } from '../../domain';
import { createCatalogueStore } from '../catalogue/store';
import type { Database } from '../db/connect';

/** Put the policies in the settings record. False when there is none yet (the first sync writes it, policies included). */
export async function publishPolicies(db: Database, policies: OrderPolicies): Promise<boolean> {
  const store = createCatalogueStore(db);
  const row = await store.get('settings', 'client');
  if (!row || row.deleted) return false;
  const settings: SettingsRecord = { ...(JSON.parse(row.data) as SettingsRecord), policies };
  await store.write([{ kind: 'settings', key: 'client', data: settings }]);
  return true;
}

/** The app's one shape of a customer, shared by the synced data set and the customers made on this device. */
import type { CustomerRecord } from '../domain';

/** A customer as the app uses it: a data set record, or one created on this device. */
export interface CustomerView extends CustomerRecord {
  id: string;
  /** Created on this device (its id is the device's UUID, not a Zoho contact id). */
  device?: boolean;
}

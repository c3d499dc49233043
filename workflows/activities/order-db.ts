/** Activities that touch the hub database: the order's timeline and its customer. */
import { ApplicationFailure } from '@temporalio/activity';
import type { Stage } from '../../domain';
import type { Database } from '../../hub/db/connect';
import { recordStage as record } from '../../hub/services/timeline';

export function createOrderDbActivities(db: Database) {
  return {
    /** Move the order to `stage` and append it to the order's timeline (idempotent on retry). */
    async recordStage(orderId: string, stage: Stage, note?: string): Promise<void> {
      await record(db, orderId, stage, note);
    },

    /** The Zoho contact the order is for. Customers created on the device come with their own workflow. */
    async resolveCustomer(orderId: string): Promise<{ zohoContactId: string }> {
      const row = await db.Order.findByPk(orderId);
      if (!row) throw ApplicationFailure.nonRetryable(`Order ${orderId} is not in the hub database`, 'OrderMissing');
      const contactId = row.payload.customer.zohoContactId;
      if (!contactId) {
        throw ApplicationFailure.nonRetryable(
          `The customer "${row.customerName}" was created on the device and is not in Zoho yet; create the contact in Zoho, then retry`,
          'CustomerNotInZoho',
        );
      }
      if (row.zohoContactId !== contactId) await row.update({ zohoContactId: contactId });
      return { zohoContactId: contactId };
    },
  };
}

export type OrderDbActivities = ReturnType<typeof createOrderDbActivities>;

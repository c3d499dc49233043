/**
 * The customer workflow: one per customer created on a device, id `customer-<uuid>`. It finds the
 * customer's Zoho contact (same email, then same name) or creates it, records the contact id, and
 * tells every order waiting for it. Deterministic: all I/O is in activities.
 */
import { getExternalWorkflowHandle, proxyActivities, setHandler, upsertMemo, upsertSearchAttributes, workflowInfo } from '@temporalio/workflow';
import type { OrderDbActivities } from './activities/order-db';
import type { ZohoActivities } from './activities/zoho';
import { SA_CUSTOMER, SA_KIND, SA_ZOHO_ID } from './search-attributes';
import { customerReadySignal, orderWaitingSignal, type DocumentStatus } from './signals';
import { Cancelled, createStepper } from './stepper';
import { zohoTaskQueue } from './task-queues';

export interface CustomerWorkflowInput {
  customerId: string;
  /** Shown in the Temporal UI; the activities read the customer from the hub database. */
  name?: string;
}

const db = proxyActivities<OrderDbActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

export async function customerWorkflow({ customerId, name }: CustomerWorkflowInput): Promise<DocumentStatus> {
  const zoho = proxyActivities<ZohoActivities>({
    taskQueue: zohoTaskQueue(workflowInfo().taskQueue),
    startToCloseTimeout: '2 minutes',
    heartbeatTimeout: '15 seconds',
    retry: { initialInterval: '2 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes' },
  });
  const s = createStepper((stage, note) => db.recordCustomerStage(customerId, stage, note));
  const waiting = new Set<string>();
  setHandler(orderWaitingSignal, (orderWorkflowId) => {
    waiting.add(orderWorkflowId);
  });

  upsertSearchAttributes([{ key: SA_KIND, value: 'customer' }, ...(name ? [{ key: SA_CUSTOMER, value: name }] : [])]);
  if (name) upsertMemo({ summary: `New customer ${name}` });
  try {
    const contact = await s.step(() => zoho.findOrCreateContact(customerId));
    s.status.zohoId = contact.zohoContactId;
    upsertSearchAttributes([{ key: SA_ZOHO_ID, value: contact.zohoContactId }]);
    await s.enter('in_zoho', contact.adopted ? 'matched an existing Zoho contact' : 'contact created in Zoho');
    for (const order of waiting) {
      await getExternalWorkflowHandle(order)
        .signal(customerReadySignal, contact.zohoContactId)
        .catch(() => undefined); // that order finished or was cancelled meanwhile
    }
    await s.enter('done');
  } catch (err) {
    if (!(err instanceof Cancelled)) throw err;
    await s.enter('cancelled', err.reason);
  }
  return s.status;
}

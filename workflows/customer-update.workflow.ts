/**
 * A rep's phone or email edit of a customer already in Zoho, written to the Zoho contact once: one
 * workflow per edit, id `customer-edit-<uuid>` (the device's id for the edit), so a replayed POST
 * finds the same run. Its one activity reads the contact, merges by the domain's rule (a field Zoho
 * changed since the device saw it keeps Zoho's value) and stores the outcome; retried with backoff
 * while Zoho is unreachable. Deterministic: all I/O is in the activity.
 */
import { proxyActivities, upsertSearchAttributes, workflowInfo } from '@temporalio/workflow';
import type { CustomerEditSummary } from '../domain';
import type { CustomerEditActivities } from './activities/customer-edit';
import { SA_STAGE } from './search-attributes';
import { zohoTaskQueue } from './task-queues';

export interface CustomerUpdateInput {
  editId: string;
  /** Shown in the Temporal UI; the activity reads the edit from the hub database. */
  customerName?: string;
}

export async function customerUpdateWorkflow({ editId }: CustomerUpdateInput): Promise<CustomerEditSummary> {
  const zoho = proxyActivities<CustomerEditActivities>({
    taskQueue: zohoTaskQueue(workflowInfo().taskQueue),
    startToCloseTimeout: '2 minutes',
    heartbeatTimeout: '15 seconds',
    retry: { initialInterval: '2 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes' },
  });
  const outcome = await zoho.applyCustomerEdit(editId);
  upsertSearchAttributes([{ key: SA_STAGE, value: outcome.status === 'failed' ? 'needs_attention' : 'done' }]);
  return outcome;
}

/**
 * Cancel after the fact: a document whose workflow has finished (`done`) is voided in Zoho and
 * marked cancelled, by a short workflow of its own (id `void-<document workflow id>`), so the
 * void is durable and happens once however often the rep or support asks. A running document is
 * cancelled through its own workflow's `cancel` signal instead (order.workflow.ts). Deterministic:
 * the Zoho call and the database are activities.
 */
import { proxyActivities, upsertSearchAttributes, workflowInfo } from '@temporalio/workflow';
import type { OrderDbActivities } from './activities/order-db';
import type { ZohoActivities } from './activities/zoho';
import { SA_STAGE } from './search-attributes';
import { zohoTaskQueue } from './task-queues';

export interface VoidDocumentInput {
  orderId: string;
  /** Who asked, and why ("cancelled by Riley Rep (rep): the shop closed"). */
  by: string;
}

const db = proxyActivities<OrderDbActivities>({ startToCloseTimeout: '30 seconds', retry: { initialInterval: '1 second', maximumInterval: '1 minute' } });

export async function voidDocumentWorkflow({ orderId, by }: VoidDocumentInput): Promise<{ voided: boolean }> {
  const zoho = proxyActivities<ZohoActivities>({
    taskQueue: zohoTaskQueue(workflowInfo().taskQueue),
    startToCloseTimeout: '2 minutes',
    heartbeatTimeout: '15 seconds',
    retry: { initialInterval: '2 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes' },
  });
  const { voided } = await zoho.voidInZoho(orderId);
  upsertSearchAttributes([{ key: SA_STAGE, value: 'cancelled' }]);
  await db.recordStage(orderId, 'cancelled', `${by}; ${voided ? 'voided in Zoho' : 'the Zoho document stays (an estimate, or shared with an order)'}`);
  return { voided };
}

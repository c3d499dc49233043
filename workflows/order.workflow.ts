/**
 * The order workflow: one per order or quote, id `order-<uuid>` / `quote-<uuid>`. It walks the
 * document along the lifecycle and pushes it into Zoho exactly once. Deterministic: all I/O is in
 * activities; Zoho calls run on their own task queue, whose rate the worker caps.
 *
 * When a step fails for a reason that retrying cannot fix (a Zoho validation error, an invalid
 * mapping, revoked credentials) the order goes to `needs_attention` with the reason, and waits
 * for a `retry` signal sent after the fix. Nothing is dropped.
 */
import {
  ActivityFailure,
  ApplicationFailure,
  condition,
  defineQuery,
  defineSignal,
  proxyActivities,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { Stage } from '../domain/lifecycle';
import type { OrderDbActivities } from './activities/order-db';
import type { ZohoActivities } from './activities/zoho';
import { SA_STAGE, SA_ZOHO_ID } from './search-attributes';
import { zohoTaskQueue } from './task-queues';

export interface OrderWorkflowInput {
  orderId: string;
}

export interface OrderStatus {
  stage: Stage;
  zohoId?: string;
  zohoNumber?: string;
  attentionReason?: string;
}

export const retrySignal = defineSignal('retry');
export const statusQuery = defineQuery<OrderStatus>('status');

const db = proxyActivities<OrderDbActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

export async function orderWorkflow({ orderId }: OrderWorkflowInput): Promise<OrderStatus> {
  const zoho = proxyActivities<ZohoActivities>({
    taskQueue: zohoTaskQueue(workflowInfo().taskQueue),
    startToCloseTimeout: '2 minutes',
    // Rate-limit failures carry their own delay (until Zoho's window resets); others back off.
    retry: { initialInterval: '2 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes' },
  });

  const status: OrderStatus = { stage: 'received' };
  let retryRequested = false;
  setHandler(statusQuery, () => status);
  setHandler(retrySignal, () => {
    retryRequested = true;
  });

  async function enter(stage: Stage, note?: string): Promise<void> {
    status.stage = stage;
    upsertSearchAttributes([{ key: SA_STAGE, value: stage }]);
    await db.recordStage(orderId, stage, note);
  }

  /** Run a step; on a failure retries cannot fix, park in needs_attention until `retry`. */
  async function step<T>(run: () => Promise<T>): Promise<T> {
    for (;;) {
      try {
        return await run();
      } catch (err) {
        if (!(err instanceof ActivityFailure)) throw err;
        const stageBefore = status.stage;
        status.attentionReason = reasonOf(err);
        // Clear before announcing the stage: a retry sent as soon as support sees it must count.
        retryRequested = false;
        await enter('needs_attention', status.attentionReason);
        await condition(() => retryRequested);
        status.attentionReason = undefined;
        await enter(stageBefore, 'retry requested');
      }
    }
  }

  upsertSearchAttributes([{ key: SA_STAGE, value: 'received' }]);

  await step(() => db.resolveCustomer(orderId));
  await enter('customer_ready');

  const created = await step(() => zoho.pushToZoho(orderId));
  status.zohoId = created.zohoId;
  status.zohoNumber = created.zohoNumber;
  upsertSearchAttributes([{ key: SA_ZOHO_ID, value: created.zohoId }]);
  await enter('in_zoho', `${created.zohoNumber}${created.adopted ? ' (found in Zoho after an unconfirmed create)' : ''}`);

  if (created.confirm) {
    await step(() => zoho.confirmInZoho(orderId));
    await enter('confirmed');
  }

  await enter('done');
  return status;
}

function reasonOf(err: ActivityFailure): string {
  const cause = err.cause;
  if (cause instanceof ApplicationFailure) return cause.message;
  return cause?.message ?? err.message;
}

/**
 * What support (or the rep who took it) can do to an order: cancel it, while its workflow runs
 * (a signal) or after it finished (a void workflow of its own); approve one waiting for approval
 * (support and admins). Retry lives in orders.ts.
 */
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import { isAwaitingApproval, isFinal, type PublicUser } from '../../domain';
import { startDocumentWorkflow, startVoidWorkflow } from '../../workflows/client';
import { cancelSignal, retrySignal } from '../../workflows/signals';
import type { Database } from '../../server/db/connect';
import { AppError } from '../../server/errors';
import { approvalOf, recordApproval } from '../../server/orders/approvals';

export function createOrderActions({ db, temporal, taskQueue }: { db: Database; temporal: Client; taskQueue: string }) {
  return {
    /** Ask the workflow to stop; a sales order already in Zoho is voided. Answers the stage at the time. */
    async cancel(id: string, user: PublicUser, reason?: string): Promise<{ id: string; stage: string }> {
      const row = await db.Order.findByPk(id);
      if (!row) throw new AppError('not_found', `No order with id ${id}`);
      if (user.role === 'rep' && row.repId !== user.id) throw new AppError('forbidden', `Order ${row.id} was taken by another rep`);
      const by = `cancelled by ${user.name} (${user.role})${reason ? `: ${reason.slice(0, 500)}` : ''}`;
      // Finished and in Zoho: the customer changed their mind after all; void it there, once.
      if (row.stage === 'done' && row.zohoId) {
        // Still taking revisions: its own workflow voids it (a signal); once it finished, a void workflow.
        if (row.revisionsOpen) {
          try {
            await temporal.workflow.getHandle(row.workflowId).signal(cancelSignal, by);
            return { id: row.id, stage: row.stage };
          } catch (err) {
            if (!(err instanceof WorkflowNotFoundError)) throw err;
          }
        }
        await startVoidWorkflow(temporal, taskQueue, { id: row.id, kind: row.kind, number: row.number, by });
        return { id: row.id, stage: row.stage };
      }
      if (isFinal(row.stage)) throw new AppError('conflict', `Order ${row.number} is already ${row.stage}`);
      // Accepted a moment ago and its workflow not started yet (services/workflow-starter.ts): start it now, so the signal has a workflow to reach.
      if (!row.workflowStarted)
        await startDocumentWorkflow(temporal, taskQueue, { id: row.id, kind: row.kind, number: row.number, customerName: row.customerName });
      await temporal.workflow.getHandle(row.workflowId).signal(cancelSignal, by);
      return { id: row.id, stage: row.stage };
    },

    /**
     * Approve what the order waits for (a discount above the rep's limit): the approval goes on the
     * timeline, where the price-check step reads it, and the step runs again. Support and admins only.
     */
    async approve(id: string, user: PublicUser): Promise<{ id: string; stage: string }> {
      if (user.role === 'rep') throw new AppError('forbidden', 'Only support or an admin can approve an order');
      const row = await db.Order.findByPk(id);
      if (!row) throw new AppError('not_found', `No order with id ${id}`);
      if (row.stage !== 'needs_attention' || !isAwaitingApproval(row.attentionReason))
        throw new AppError('conflict', `Order ${row.number} is not waiting for approval (it is ${row.stage})`);
      // A second click before the workflow moved on: one approval is enough.
      const earlier = await approvalOf(db, row.id);
      if (earlier) throw new AppError('conflict', `Order ${row.number} is already approved (by ${earlier.byName})`);
      await recordApproval(db, row.id, row.stage, user);
      await temporal.workflow.getHandle(row.workflowId).signal(retrySignal);
      return { id: row.id, stage: row.stage };
    },
  };
}

export type OrderActions = ReturnType<typeof createOrderActions>;

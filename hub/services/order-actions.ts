/** What support (or the rep who took it) can do to a running order: cancel it, approve it. Retry lives in orders.ts. */
import type { Client } from '@temporalio/client';
import { isAwaitingApproval, isFinal, type PublicUser } from '../../domain';
import { cancelSignal, retrySignal } from '../../workflows/signals';
import type { Database } from '../../server/db/connect';
import { AppError } from '../../server/errors';
import { approvalOf, recordApproval } from '../../server/orders/approvals';

export function createOrderActions({ db, temporal }: { db: Database; temporal: Client }) {
  return {
    /** Ask the workflow to stop; a sales order already in Zoho is voided. Answers the stage at the time. */
    async cancel(id: string, user: PublicUser, reason?: string): Promise<{ id: string; stage: string }> {
      const row = await db.Order.findByPk(id);
      if (!row) throw new AppError('not_found', `No order with id ${id}`);
      if (user.role === 'rep' && row.repId !== user.id) throw new AppError('forbidden', `Order ${row.id} was taken by another rep`);
      if (isFinal(row.stage)) throw new AppError('conflict', `Order ${row.number} is already ${row.stage}`);
      const by = `cancelled by ${user.name} (${user.role})${reason ? `: ${reason.slice(0, 500)}` : ''}`;
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

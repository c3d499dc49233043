/** What support (or the rep who took it) can do to a running order: cancel it. Retry lives in orders.ts. */
import type { Client } from '@temporalio/client';
import { isFinal, type PublicUser } from '../../domain';
import { cancelSignal } from '../../workflows/signals';
import type { Database } from '../../server/db/connect';
import { AppError } from '../../server/errors';

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
  };
}

export type OrderActions = ReturnType<typeof createOrderActions>;

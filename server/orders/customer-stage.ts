/** A device customer's stage, written by its workflow's activities (customers have no event log: one step). */
import type { Stage } from '../../domain/index';
import type { Database } from '../db/connect';

export async function recordCustomerStage(db: Database, customerId: string, stage: Stage, note?: string): Promise<void> {
  await db.Customer.update(
    { stage, attentionReason: stage === 'needs_attention' ? (note ?? null) : null },
    { where: { id: customerId } },
  );
}

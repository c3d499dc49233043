/** The order's timeline: every stage it entered, with a note. Written by the hub and by activities. */
import { Transaction } from 'sequelize';
import type { Stage, TimelineEntry } from '../../domain/index';
import type { Database } from '../db/connect';

/**
 * Set the order's current stage and append the event. An activity retried after a lost
 * response may call this twice: the same stage and note right after itself is not repeated.
 */
export async function recordStage(db: Database, orderId: string, stage: Stage, note?: string, detail?: Record<string, unknown>): Promise<void> {
  // IMMEDIATE (SQLite): take the write lock up front, so concurrent writers wait for each other
  // instead of failing with SQLITE_BUSY when a read transaction tries to upgrade. Ignored by PostgreSQL.
  await db.sequelize.transaction({ type: Transaction.TYPES.IMMEDIATE }, async (transaction) => {
    const last = await db.OrderEvent.findOne({ where: { orderId }, order: [['id', 'DESC']], transaction });
    if (!last || last.stage !== stage || (last.note ?? null) !== (note ?? null)) {
      await db.OrderEvent.create({ orderId, stage, note: note ?? null, detail: detail ?? null }, { transaction });
    }
    await db.Order.update(
      { stage, attentionReason: stage === 'needs_attention' ? (note ?? null) : null },
      { where: { id: orderId }, transaction },
    );
  });
}

export async function timeline(db: Database, orderId: string): Promise<TimelineEntry[]> {
  const events = await db.OrderEvent.findAll({ where: { orderId }, order: [['id', 'ASC']] });
  return events.map((e) => ({ stage: e.stage, note: e.note, at: new Date(e.at ?? Date.now()).toISOString() }));
}

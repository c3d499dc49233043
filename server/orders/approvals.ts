/**
 * Approvals of an order's pre-flight findings at `approve` (a discount above the rep's limit): an
 * event on the order's timeline, written when support or an admin approves, and read back by the
 * price-check step, so the approval holds across retries and restarts (it is data, not an attempt number).
 */
import type { PublicUser, Stage } from '../../domain';
import type { Database } from '../db/connect';

export interface Approval {
  byId: string;
  byName: string;
  at: string;
}

/** The timeline note of an approval. */
export const approvalNote = (name: string) => `approved by ${name}`;

/** Record the approval on the timeline, at the order's current stage (the stage and its reason stay as they are). */
export async function recordApproval(db: Database, orderId: string, stage: Stage, user: Pick<PublicUser, 'id' | 'name' | 'role'>): Promise<void> {
  await db.OrderEvent.create({
    orderId,
    stage,
    note: approvalNote(user.name),
    detail: { approval: { byId: user.id, byName: user.name, role: user.role } },
  });
}

/** The order's latest approval, if any. */
export async function approvalOf(db: Database, orderId: string): Promise<Approval | undefined> {
  const events = await db.OrderEvent.findAll({ where: { orderId }, order: [['id', 'DESC']] });
  for (const e of events) {
    const a = (e.detail as { approval?: { byId?: unknown; byName?: unknown } } | null)?.approval;
    if (a && typeof a.byId === 'string' && typeof a.byName === 'string') return { byId: a.byId, byName: a.byName, at: new Date(e.at ?? 0).toISOString() };
  }
  return undefined;
}

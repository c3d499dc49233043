/**
 * A rep's change to a document already sent (domain/revisions.ts). The revision is stored whole
 * (the version it replaces kept beside it) and the document's workflow is told, inside the same
 * transaction: if Temporal refuses the signal nothing is stored, so a stored revision always has a
 * workflow that knows of it. A replay of the same revision is answered as before; another content
 * under a number already used is a conflict, never a silent overwrite.
 */
import type { Client } from '@temporalio/client';
import { WorkflowNotFoundError } from '@temporalio/client';
import { Transaction } from 'sequelize';
import { editability, formatMoney, orderTotals, RevisionRequestSchema, type Editability, type Order, type PublicUser } from '../../domain';
import type { Database } from '../../server/db/connect';
import type { OrderRow } from '../../server/db/models';
import { AppError, fromZodError } from '../../server/errors';
import { revisedSignal } from '../../workflows/signals';

/** Sent to Zoho by a workflow that predates revisions: only the office can change it now. */
const SENT_BEFORE_REVISIONS = 'It was sent before changes from the app were possible: the office can change it in Zoho.';

/** Whether the document can still change, as the hub knows it: the workflow's word, else the shared rule. */
export function editabilityOf(row: OrderRow): Editability {
  const closed = row.editClosedReason ?? (row.zohoId && !row.revisionsOpen ? SENT_BEFORE_REVISIONS : null);
  return editability({ kind: row.kind, stage: row.stage, editClosedReason: closed });
}

/** The same document, whatever order its keys came in. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object')
    return `{${Object.keys(value)
      .sort()
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(value);
}

const invalid = (path: string, message: string) => new AppError('invalid', `Invalid revision: ${path}: ${message}`, { fields: [{ path, message }] });

/** What may not change between revisions: the document's identity, its kind, its customer, its quote. */
function assertSameDocument(row: OrderRow, order: Order, id: string): void {
  if (order.id !== id) throw invalid('order.id', 'must be the id of the order being changed');
  if (order.kind !== row.kind) throw invalid('order.kind', `must stay ${row.kind}`);
  const was = row.payload.customer;
  if ((order.customer.zohoContactId ?? null) !== (was.zohoContactId ?? null) || (order.customer.deviceCustomerId ?? null) !== (was.deviceCustomerId ?? null))
    throw invalid('order.customer', 'must stay the same customer (make a new order for another)');
  if ((order.fromQuoteId ?? null) !== (row.payload.fromQuoteId ?? null)) throw invalid('order.fromQuoteId', 'cannot change after sending');
}

export function createOrderRevisions({ db, temporal }: { db: Database; temporal: Client }) {
  async function heldAt(row: OrderRow, revision: number): Promise<Order | undefined> {
    if (revision === (row.revision ?? 0)) return row.payload;
    return (await db.OrderRevision.findOne({ where: { orderId: row.id, revision } }))?.payload;
  }

  return {
    /** Store revision N of a sent document and tell its workflow. `created: false` for a replay. */
    async revise(id: string, body: unknown, user: PublicUser): Promise<{ created: boolean; row: OrderRow }> {
      const parsed = RevisionRequestSchema.safeParse(body);
      if (!parsed.success) throw fromZodError(parsed.error, 'revision');
      const { revision, order } = parsed.data;
      // IMMEDIATE (SQLite): the write lock up front, as recordStage does; PostgreSQL locks the row.
      return db.sequelize.transaction({ type: Transaction.TYPES.IMMEDIATE }, async (transaction) => {
        const row = await db.Order.findByPk(id, { transaction, lock: transaction.LOCK.UPDATE });
        if (!row) throw new AppError('not_found', `No order with id ${id}`);
        if (user.role === 'rep' && row.repId !== user.id) throw new AppError('forbidden', `Order ${row.id} was taken by another rep`);
        assertSameDocument(row, order, id);
        const held = row.revision ?? 0;
        if (revision <= held) {
          const kept = await heldAt(row, revision);
          if (kept && canonical(kept) === canonical(order)) return { created: false, row };
          throw new AppError('conflict', `Revision ${revision} of ${row.number} was sent already with other content; the hub holds revision ${held}`, {
            code: 'stale_revision',
          });
        }
        const can = editabilityOf(row);
        if (!can.editable) throw new AppError('conflict', can.reason, { code: 'not_editable' });

        const totalMinor = orderTotals(order).gross.amount;
        const money = (amount: number) => formatMoney({ amount, currency: order.currency });
        // The version being replaced is kept (revision 0 the first time), so every version stays readable.
        await db.OrderRevision.findOrCreate({
          where: { orderId: id, revision: held },
          defaults: { orderId: id, revision: held, payload: row.payload, totalMinor: row.totalMinor, byUserId: row.repId },
          transaction,
        });
        await db.OrderRevision.create({ orderId: id, revision, payload: order, totalMinor, byUserId: user.id }, { transaction });
        const previousTotalMinor = row.totalMinor;
        await row.update({ payload: order, totalMinor, currency: order.currency, revision }, { transaction });
        await db.OrderEvent.create(
          {
            orderId: id,
            stage: row.stage,
            note: `revision ${revision} received from ${user.name}: ${order.lines.length} line(s), total ${money(totalMinor)} (was ${money(previousTotalMinor)})`,
            detail: { revision, totalMinor, previousTotalMinor },
          },
          { transaction },
        );
        // Not started yet: the dispatcher starts it, and its create takes the revision held then.
        if (row.workflowStarted) {
          try {
            await temporal.workflow.getHandle(row.workflowId).signal(revisedSignal, revision);
          } catch (err) {
            if (err instanceof WorkflowNotFoundError)
              throw new AppError('conflict', 'The time for changes from the app ended: the office can change it in Zoho.', { code: 'not_editable' });
            throw new AppError('unavailable', `The change could not reach its workflow (${(err as Error).message}); it was not stored: send it again`, {
              cause: err,
            });
          }
        } else {
          // Its start may be under way (workflow-starter.ts marks a round started after its starts): a workflow
          // Temporal already runs hears the signal; one not started yet (not found, or Temporal away) reads this
          // revision when it starts. Not waited for: a Temporal that does not answer must not hold the transaction.
          void temporal.workflow
            .getHandle(row.workflowId)
            .signal(revisedSignal, revision)
            .catch(() => undefined);
        }
        return { created: true, row };
      });
    },
  };
}

export type OrderRevisions = ReturnType<typeof createOrderRevisions>;

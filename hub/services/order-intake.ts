/**
 * Storing orders sent by devices, many at once. A reconnect storm sends a thousand orders in the
 * same second; stored one by one, each cost a look-up, two quota counts and a transaction of its
 * own, and on SQLite every one of those waits for the single writer. Here the orders that arrive
 * together (batched.ts) are looked up in one query, counted against their reps' hourly bound in
 * two, and stored in one transaction. Anything out of the ordinary — an order made from a quote, a
 * rep at the edge of the bound, a clash with another hub storing the same order — takes the
 * one-by-one path, which decides it exactly as before. A replay gets the stored order back, never a
 * second row; the answer is given only once the row is committed.
 */
import { UniqueConstraintError } from 'sequelize';
import { documentNumber, orderTotals, workflowId, type Order, type PublicUser } from '../../domain';
import type { Database } from '../../server/db/connect';
import type { OrderRow } from '../../server/db/models';
import { AppError } from '../../server/errors';
import { batched, type Job } from './batched';
import type { DocumentQuota } from './document-quota';

export interface Stored {
  row: OrderRow;
  created: boolean;
}

export interface OrderIntakeDeps {
  db: Database;
  quota: DocumentQuota;
  /** Throws `forbidden` when `user` may not read `row` (another rep's order). */
  assertMayRead(row: OrderRow, user: PublicUser): void;
  /** Throws `invalid` naming fromQuoteId when the order may not be made from that quote. */
  assertQuoteToConvert(quoteId: string, order: Order, user: PublicUser): Promise<void>;
}

type Intake = { order: Order; user: PublicUser };

/** Orders handled together at most: one multi-row INSERT each for orders and their first events. */
const MAX_BATCH = 200;

export function createOrderIntake({ db, quota, assertMayRead, assertQuoteToConvert }: OrderIntakeDeps): (order: Order, user: PublicUser) => Promise<Stored> {
  const rowOf = (order: Order, user: PublicUser) => ({
    id: order.id,
    kind: order.kind,
    number: documentNumber(order.kind, order.id),
    stage: 'received' as const,
    customerName: order.customer.name,
    zohoContactId: order.customer.zohoContactId ?? null,
    currency: order.currency,
    totalMinor: orderTotals(order).gross.amount,
    payload: order,
    workflowId: workflowId(order.kind, order.id),
    workflowStarted: false,
    zohoId: null,
    zohoNumber: null,
    attentionReason: null,
    repId: user.id,
  });
  const firstEvent = (order: Order) => ({ orderId: order.id, stage: 'received' as const, note: 'stored on the hub', detail: null });

  const replayOf = (row: OrderRow, user: PublicUser): Stored => {
    assertMayRead(row, user);
    return { row, created: false };
  };

  /** One order, every rule checked on its own: the path for whatever a batch does not decide. */
  async function storeOne(order: Order, user: PublicUser): Promise<Stored> {
    const existing = await db.Order.findByPk(order.id);
    if (existing) return replayOf(existing, user);
    if (order.fromQuoteId) await assertQuoteToConvert(order.fromQuoteId, order, user);
    // Only a new document counts against the user's hourly bound; the replay above never does.
    await quota.assertMayStore(user);
    try {
      const row = await db.sequelize.transaction(async (transaction) => {
        const created = await db.Order.create(rowOf(order, user), { transaction });
        await db.OrderEvent.create(firstEvent(order), { transaction });
        return created;
      });
      return { row, created: true };
    } catch (err) {
      if (!(err instanceof UniqueConstraintError)) throw err;
      // Two replays of the same order raced: the other one stored it.
      const winner = await db.Order.findByPk(order.id);
      if (!winner) throw new AppError('conflict', `Order number ${documentNumber(order.kind, order.id)} is already used by another order`);
      return replayOf(winner, user);
    }
  }

  const settle = async (job: Job<Intake, Stored>, work: () => Stored | Promise<Stored>) => {
    try {
      job.resolve(await work());
    } catch (err) {
      job.reject(err);
    }
  };

  async function storeBatch(jobs: Job<Intake, Stored>[]): Promise<void> {
    const existing = new Map((await db.Order.findAll({ where: { id: [...new Set(jobs.map((j) => j.input.order.id))] } })).map((r) => [r.id, r]));
    const candidates: Job<Intake, Stored>[] = [];
    const oneByOne: Job<Intake, Stored>[] = [];
    const seen = new Set<string>();
    for (const job of jobs) {
      const { order, user } = job.input;
      const row = existing.get(order.id);
      if (row) await settle(job, () => replayOf(row, user));
      // The same order twice in one batch (two tabs), or made from a quote: decided one by one, after the rest.
      else if (seen.has(order.id) || order.fromQuoteId) oneByOne.push(job);
      else {
        seen.add(order.id);
        candidates.push(job);
      }
    }
    // The hourly bound: a rep with room for all of theirs goes in the batch; one at the edge, one by one (which says when room comes back).
    const room = await quota.room(candidates.map((j) => j.input.user.id));
    const batch = candidates.filter((job) => {
      const left = room.get(job.input.user.id) ?? 0;
      room.set(job.input.user.id, left - 1);
      if (left >= 1) return true;
      oneByOne.push(job);
      return false;
    });
    if (batch.length > 0) {
      try {
        const rows = await db.sequelize.transaction(async (transaction) => {
          const created = await db.Order.bulkCreate(
            batch.map((j) => rowOf(j.input.order, j.input.user)),
            // Every value is set here (ids, timestamps): nothing to read back (RETURNING * would send each payload back).
            { transaction, returning: false },
          );
          await db.OrderEvent.bulkCreate(
            batch.map((j) => firstEvent(j.input.order)),
            { transaction, returning: false },
          );
          return created;
        });
        batch.forEach((job, i) => job.resolve({ row: rows[i]!, created: true }));
      } catch (err) {
        // Another hub stored one of them meanwhile (or a number clashes): nothing of this batch was stored; each on its own.
        if (!(err instanceof UniqueConstraintError)) throw err;
        oneByOne.unshift(...batch);
      }
    }
    for (const job of oneByOne) await settle(job, () => storeOne(job.input.order, job.input.user));
  }

  const submit = batched(storeBatch, MAX_BATCH);
  return (order, user) => submit({ order, user });
}

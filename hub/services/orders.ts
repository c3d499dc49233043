/**
 * Receiving orders from devices. The device's UUID is the key: the first POST stores the order
 * and starts its workflow; any replay of the same id gets the stored order back and starts
 * nothing new. The order is committed before its workflow is started, and a dispatcher starts
 * any workflow a crash or a Temporal outage left unstarted, so a stored order is never stranded.
 */
import type { Client } from '@temporalio/client';
import { UniqueConstraintError } from 'sequelize';
import { documentNumber, isFinal, orderTotals, OrderSchema, workflowId, type Order, type OrderDetail, type OrderSummary, type PublicUser } from '../../domain';
import { retrySignal } from '../../workflows/signals';
import type { Database } from '../../server/db/connect';
import type { OrderRow } from '../../server/db/models';
import { startDocumentWorkflow } from '../../workflows/client';
import { pendingSteps } from './pending-steps';
import { timeline } from '../../server/orders/repository';
import { encodeCursor, orderWhere, parseOrderQuery } from './order-search';
import { createCustomerService } from './customers';
import { createOrderActions } from './order-actions';
import { fromZodError, AppError } from '../../server/errors';
import { DEFAULT_DOCUMENTS_PER_USER_PER_HOUR } from '../../config';
import { createDocumentQuota } from './document-quota';
import { createOrderRevisions, editabilityOf } from './order-revisions';

export interface OrderServiceDeps {
  db: Database;
  temporal: Client;
  taskQueue: string;
  temporalUiUrl: string;
  namespace: string;
  log: (msg: string, extra?: unknown) => void;
  /** New orders, quotes and customers one user may store per rolling hour (DOCUMENTS_PER_USER_PER_HOUR). */
  documentsPerUserPerHour?: number;
}

export function createOrderService({
  db,
  temporal,
  taskQueue,
  temporalUiUrl,
  namespace,
  log,
  documentsPerUserPerHour = DEFAULT_DOCUMENTS_PER_USER_PER_HOUR,
}: OrderServiceDeps) {
  const quota = createDocumentQuota({ db, perHour: documentsPerUserPerHour });
  const view = (row: OrderRow): OrderSummary => {
    const can = editabilityOf(row);
    return {
      id: row.id,
      kind: row.kind,
      number: row.number,
      stage: row.stage,
      customerName: row.customerName,
      total: { amount: row.totalMinor, currency: row.currency },
      zohoId: row.zohoId,
      zohoNumber: row.zohoNumber,
      attentionReason: row.attentionReason,
      workflowId: row.workflowId,
      workflowUrl: `${temporalUiUrl}/namespaces/${encodeURIComponent(namespace)}/workflows/${encodeURIComponent(row.workflowId)}`,
      revision: row.revision ?? 0,
      editable: can.editable,
      ...(can.editable ? {} : { notEditableReason: can.reason }),
      createdAt: (row.createdAt ?? new Date()).toISOString(),
      updatedAt: (row.updatedAt ?? new Date()).toISOString(),
    };
  };

  async function startWorkflow(row: OrderRow): Promise<void> {
    try {
      await startDocumentWorkflow(temporal, taskQueue, { id: row.id, kind: row.kind, number: row.number, customerName: row.customerName });
      if (!row.workflowStarted) await row.update({ workflowStarted: true });
    } catch (err) {
      // The order is stored; the dispatcher will start the workflow when Temporal answers again.
      log(`could not start workflow ${row.workflowId} yet`, (err as Error).message);
    }
  }

  /** Reps see their own documents; support and admins see all. */
  function assertMayRead(row: OrderRow, user: PublicUser): void {
    if (user.role === 'rep' && row.repId !== user.id) throw new AppError('forbidden', `Order ${row.id} was taken by another rep`);
  }

  /** An order made from a quote names one the user may read, for the same customer. */
  async function assertQuoteToConvert(quoteId: string, order: Order, user: PublicUser): Promise<void> {
    const refuse = (message: string) => new AppError('invalid', `fromQuoteId: ${message}`, { fields: [{ path: 'fromQuoteId', message }] });
    const quote = await db.Order.findByPk(quoteId);
    if (!quote || quote.kind !== 'quote') throw refuse('no such quote');
    try {
      assertMayRead(quote, user);
    } catch {
      throw refuse('no such quote');
    }
    // The same Zoho contact, or the same customer made on a device (whose quote may predate its Zoho contact).
    const theirs = quote.payload.customer;
    const sameCustomer =
      (!!order.customer.zohoContactId && order.customer.zohoContactId === (quote.zohoContactId ?? theirs.zohoContactId)) ||
      (!!order.customer.deviceCustomerId && order.customer.deviceCustomerId === theirs.deviceCustomerId);
    if (!sameCustomer) throw refuse('the quote is for another customer');
    if (quote.stage === 'cancelled') throw refuse('the quote was cancelled');
  }

  async function store(body: unknown, user: PublicUser): Promise<{ row: OrderRow; created: boolean }> {
    const parsed = OrderSchema.safeParse(body);
    if (!parsed.success) throw fromZodError(parsed.error, 'order');
    const order = parsed.data;
    const existing = await db.Order.findByPk(order.id);
    if (existing) {
      assertMayRead(existing, user);
      return { row: existing, created: false };
    }
    if (order.fromQuoteId) await assertQuoteToConvert(order.fromQuoteId, order, user);
    // Only a new document counts against the user's hourly bound; the replay above never does.
    await quota.assertMayStore(user);
    try {
      const row = await db.sequelize.transaction(async (transaction) => {
        const created = await db.Order.create(
          {
            id: order.id,
            kind: order.kind,
            number: documentNumber(order.kind, order.id),
            stage: 'received',
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
          },
          { transaction },
        );
        await db.OrderEvent.create({ orderId: order.id, stage: 'received', note: 'stored on the hub', detail: null }, { transaction });
        return created;
      });
      return { row, created: true };
    } catch (err) {
      if (!(err instanceof UniqueConstraintError)) throw err;
      // Two replays of the same order raced: the other one stored it.
      const winner = await db.Order.findByPk(order.id);
      if (!winner) throw new AppError('conflict', `Order number ${documentNumber(order.kind, order.id)} is already used by another order`);
      assertMayRead(winner, user);
      return { row: winner, created: false };
    }
  }

  const customers = createCustomerService({ db, temporal, taskQueue, log, quota });
  const revisions = createOrderRevisions({ db, temporal });
  return {
    /** Customers created on devices (routes/customers.ts), and cancel (routes/order-actions.ts). */
    customers,
    actions: createOrderActions({ db, temporal, taskQueue }),

    /** Store an order sent by a device (or replayed) and make sure its workflow runs. */
    async accept(body: unknown, user: PublicUser): Promise<{ created: boolean; order: OrderSummary }> {
      const { row, created } = await store(body, user);
      if (!row.workflowStarted) await startWorkflow(row);
      return { created, order: view(row) };
    },

    /** A rep's change to a document already sent (order-revisions.ts). */
    async revise(id: string, body: unknown, user: PublicUser): Promise<{ created: boolean; order: OrderSummary }> {
      const { created, row } = await revisions.revise(id, body, user);
      return { created, order: view(row) };
    },

    /** Search (see order-search.ts), newest first; a rep finds only their own documents. */
    async list(user: PublicUser, input: unknown = {}): Promise<{ orders: OrderSummary[]; nextCursor: string | null }> {
      const query = parseOrderQuery(input);
      if (user.role === 'rep') {
        if (query.rep && query.rep !== user.id) throw new AppError('forbidden', 'A rep sees only their own orders');
        query.rep = user.id;
      }
      const rows = await db.Order.findAll({
        where: orderWhere(query, db.dialect),
        order: [
          ['createdAt', 'DESC'],
          ['id', 'DESC'],
        ],
        limit: query.limit + 1,
      });
      const page = rows.slice(0, query.limit);
      const last = page[page.length - 1];
      const repIds = [...new Set(page.map((r) => r.repId).filter((id): id is string => !!id))];
      const reps = new Map((repIds.length ? await db.User.findAll({ where: { id: repIds }, attributes: ['id', 'name'] }) : []).map((u) => [u.id, u.name]));
      return {
        orders: page.map((row) => ({ ...view(row), rep: row.repId ? { id: row.repId, name: reps.get(row.repId) ?? '(removed user)' } : null })),
        nextCursor: rows.length > query.limit && last ? encodeCursor({ createdAt: last.createdAt!, id: last.id }) : null,
      };
    },

    async get(id: string, user: PublicUser): Promise<OrderDetail> {
      const row = await db.Order.findByPk(id);
      if (!row) throw new AppError('not_found', `No order with id ${id}`);
      assertMayRead(row, user);
      const mapping = row.mappingTarget ? { target: row.mappingTarget, version: row.mappingVersion ?? null } : null;
      const running = row.workflowStarted && !isFinal(row.stage);
      const [events, pending, kept] = await Promise.all([
        timeline(db, id),
        running ? pendingSteps(temporal, row.workflowId) : undefined,
        (row.revision ?? 0) > 0 ? db.OrderRevision.findAll({ where: { orderId: id }, order: [['revision', 'ASC']] }) : undefined,
      ]);
      const revisions = kept?.map((r) => ({
        revision: r.revision,
        total: { amount: r.totalMinor, currency: r.payload.currency },
        lines: r.payload.lines.length,
        at: (r.createdAt ?? new Date()).toISOString(),
        document: r.payload,
      }));
      return { ...view(row), mapping, document: row.payload, timeline: events, ...(pending ? { pending } : {}), ...(revisions ? { revisions } : {}) };
    },

    /** After the cause is fixed: tell a waiting workflow to try its step again. */
    async retry(id: string, user: PublicUser): Promise<OrderSummary> {
      const row = await db.Order.findByPk(id);
      if (!row) throw new AppError('not_found', `No order with id ${id}`);
      assertMayRead(row, user);
      if (row.stage !== 'needs_attention') throw new AppError('conflict', `Order ${row.number} is not waiting for attention (it is ${row.stage})`);
      await temporal.workflow.getHandle(row.workflowId).signal(retrySignal);
      return view(row);
    },

    /** Start the workflows of stored orders that have none yet. Returns how many were started. */
    async dispatchPending(batch = 100): Promise<number> {
      const pending = await db.Order.findAll({ where: { workflowStarted: false }, order: [['createdAt', 'ASC']], limit: batch });
      for (const row of pending) await startWorkflow(row);
      // Customers made on devices too: their orders wait for them.
      return pending.filter((r) => r.workflowStarted).length + (await customers.dispatchPending(batch));
    },
  };
}

export type OrderService = ReturnType<typeof createOrderService>;

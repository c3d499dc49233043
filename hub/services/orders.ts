/**
 * Receiving orders from devices. The device's UUID is the key: the first POST stores the order;
 * any replay of the same id gets the stored order back and stores nothing new. The answer waits
 * for the commit only: the committed row is the durable promise, and the workflow starter
 * (workflow-starter.ts) starts its workflow right after, as it does for any workflow a crash or a
 * Temporal outage left unstarted, so a stored order is never stranded.
 */
import type { Client } from '@temporalio/client';
import { isFinal, OrderSchema, type Order, type OrderDetail, type OrderSummary, type PublicUser } from '../../domain';
import { retrySignal } from '../../workflows/signals';
import type { Database } from '../../server/db/connect';
import type { OrderRow } from '../../server/db/models';
import { pendingSteps } from './pending-steps';
import { timeline } from '../../server/orders/repository';
import { encodeCursor, orderWhere, parseOrderQuery } from './order-search';
import { createCustomerService } from './customers';
import { createOrderActions } from './order-actions';
import { fromZodError, AppError } from '../../server/errors';
import { DEFAULT_DOCUMENTS_PER_USER_PER_HOUR } from '../../config';
import { createDocumentQuota } from './document-quota';
import { createOrderRevisions, editabilityOf } from './order-revisions';
import { createWorkflowStarter } from './workflow-starter';
import { createOrderIntake } from './order-intake';

/** Orders count as still pouring in until none has arrived for this long. */
const STORM_QUIET_MS = 500;

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

  // Acceptance first: while orders keep arriving, the starter starts few at a time (workflow-starter.ts).
  let lastAccepted = 0;
  const starter = createWorkflowStarter({ db, temporal, taskQueue, log, storming: () => Date.now() - lastAccepted < STORM_QUIET_MS });

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

  // Orders arriving together are stored together (order-intake.ts): one look-up, one quota count, one transaction.
  const intake = createOrderIntake({ db, quota, assertMayRead, assertQuoteToConvert });

  async function store(body: unknown, user: PublicUser): Promise<{ row: OrderRow; created: boolean }> {
    const parsed = OrderSchema.safeParse(body);
    if (!parsed.success) throw fromZodError(parsed.error, 'order');
    return intake(parsed.data, user);
  }

  const customers = createCustomerService({ db, temporal, taskQueue, log, quota });
  const revisions = createOrderRevisions({ db, temporal });
  return {
    /** Customers created on devices (routes/customers.ts), and cancel (routes/order-actions.ts). */
    customers,
    actions: createOrderActions({ db, temporal, taskQueue }),

    /** Store an order sent by a device (or replayed); its workflow is started right after, not waited for. */
    async accept(body: unknown, user: PublicUser): Promise<{ created: boolean; order: OrderSummary }> {
      const { row, created } = await store(body, user);
      lastAccepted = Date.now();
      if (!row.workflowStarted) starter.kick();
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

    /** Start the workflows of stored orders (and device-made customers) that have none yet. Returns how many were started. */
    async dispatchPending(batch = 100): Promise<number> {
      const orders = await starter.run();
      // Customers made on devices too: their orders wait for them.
      return orders + (await customers.dispatchPending(batch));
    },
  };
}

export type OrderService = ReturnType<typeof createOrderService>;

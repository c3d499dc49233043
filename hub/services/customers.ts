/**
 * Customers created on devices. Same pattern as orders: the device's UUID is the key; the first POST
 * stores the customer and starts `customer-<uuid>`, any replay gets the stored customer (and its
 * stage) back and starts nothing new; a dispatcher starts what a Temporal outage left unstarted.
 */
import type { Client } from '@temporalio/client';
import { UniqueConstraintError } from 'sequelize';
import { CustomerSchema, workflowId, type CustomerSummary, type PublicUser } from '../../domain';
import { startCustomerWorkflow } from '../../workflows/client';
import { retrySignal } from '../../workflows/signals';
import type { CustomerRow } from '../../server/db/customer-models';
import type { Database } from '../../server/db/connect';
import * as z from 'zod';
import { STAGES, type Stage } from '../../domain';
import type { DocumentQuota } from './document-quota';
import { createCustomerEditService } from './customer-edits';
import { fromZodError, AppError } from '../../server/errors';

const CustomerListQuery = z
  .object({
    stage: z.enum(STAGES as [Stage, ...Stage[]]).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(100),
  })
  .strict();

export interface CustomerServiceDeps {
  db: Database;
  temporal: Client;
  taskQueue: string;
  log: (msg: string, extra?: unknown) => void;
  /** The per-user bound on new documents, shared with orders (services/document-quota.ts). */
  quota?: DocumentQuota;
}

export function customerView(row: CustomerRow): CustomerSummary {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    stage: row.stage,
    zohoContactId: row.zohoContactId,
    attentionReason: row.attentionReason,
    workflowId: row.workflowId,
    createdAt: (row.createdAt ?? new Date()).toISOString(),
    updatedAt: (row.updatedAt ?? new Date()).toISOString(),
  };
}

export function createCustomerService({ db, temporal, taskQueue, log, quota }: CustomerServiceDeps) {
  /** Reps' phone or email edits of customers already in Zoho (routes/customer-edits.ts). */
  const edits = createCustomerEditService({ db, temporal, taskQueue, log, quota });
  function assertMayRead(row: CustomerRow, user: PublicUser): void {
    if (user.role === 'rep' && row.repId !== null && row.repId !== user.id) throw new AppError('forbidden', `Customer ${row.id} was created by another rep`);
  }

  async function startWorkflow(row: CustomerRow): Promise<void> {
    try {
      await startCustomerWorkflow(temporal, taskQueue, { id: row.id, name: row.name });
      if (!row.workflowStarted) await row.update({ workflowStarted: true });
    } catch (err) {
      log(`could not start workflow ${row.workflowId} yet`, (err as Error).message);
    }
  }

  async function store(body: unknown, user: PublicUser): Promise<{ row: CustomerRow; created: boolean }> {
    const parsed = CustomerSchema.safeParse(body);
    if (!parsed.success) throw fromZodError(parsed.error, 'customer');
    const customer = parsed.data;
    if (customer.zohoContactId) throw new AppError('invalid', 'Invalid customer: zohoContactId: a customer already in Zoho is not created again');
    const existing = await db.Customer.findByPk(customer.id);
    if (existing) {
      assertMayRead(existing, user);
      return { row: existing, created: false };
    }
    // The same hourly bound as orders (one budget per user); a replay above never counts.
    await quota?.assertMayStore(user);
    try {
      const row = await db.Customer.create({
        id: customer.id,
        name: customer.name,
        email: customer.email ?? null,
        payload: customer,
        stage: 'received',
        zohoContactId: null,
        attentionReason: null,
        workflowId: workflowId('customer', customer.id),
        workflowStarted: false,
        repId: user.id,
      });
      return { row, created: true };
    } catch (err) {
      if (!(err instanceof UniqueConstraintError)) throw err;
      const winner = await db.Customer.findByPk(customer.id); // two replays raced
      if (!winner) throw err;
      return { row: winner, created: false };
    }
  }

  async function load(id: string, user: PublicUser): Promise<CustomerRow> {
    const row = await db.Customer.findByPk(id);
    if (!row) throw new AppError('not_found', `No customer with id ${id}`);
    assertMayRead(row, user);
    return row;
  }

  return {
    async accept(body: unknown, user: PublicUser): Promise<{ created: boolean; customer: CustomerSummary }> {
      const { row, created } = await store(body, user);
      if (!row.workflowStarted) await startWorkflow(row);
      return { created, customer: customerView(row) };
    },

    async get(id: string, user: PublicUser): Promise<CustomerSummary> {
      return customerView(await load(id, user));
    },

    /** Staff: customers made on devices, newest first, optionally only those in one stage (the console's attention list). */
    async list(input: unknown): Promise<CustomerSummary[]> {
      const parsed = CustomerListQuery.safeParse(input ?? {});
      if (!parsed.success) throw fromZodError(parsed.error, 'customer search');
      const { stage, limit } = parsed.data;
      const rows = await db.Customer.findAll({ where: stage ? { stage } : {}, order: [['createdAt', 'DESC']], limit });
      return rows.map(customerView);
    },

    async retry(id: string, user: PublicUser): Promise<CustomerSummary> {
      const row = await load(id, user);
      if (row.stage !== 'needs_attention') throw new AppError('conflict', `Customer ${row.name} is not waiting for attention (it is ${row.stage})`);
      await temporal.workflow.getHandle(row.workflowId).signal(retrySignal);
      return customerView(row);
    },

    edits,

    async dispatchPending(batch = 100): Promise<number> {
      const pending = await db.Customer.findAll({ where: { workflowStarted: false }, order: [['createdAt', 'ASC']], limit: batch });
      for (const row of pending) await startWorkflow(row);
      return pending.filter((r) => r.workflowStarted).length + (await edits.dispatchPending(batch));
    },
  };
}

export type CustomerService = ReturnType<typeof createCustomerService>;

/**
 * A rep's phone or email edits of customers already in Zoho. The device's UUID is the key: the first
 * POST stores the edit and starts `customer-edit-<uuid>`, a replay gets the stored edit (and what
 * became of it) back and starts nothing new; a dispatcher starts what a Temporal outage left unstarted.
 */
import type { Client } from '@temporalio/client';
import { UniqueConstraintError } from 'sequelize';
import { CustomerEditSchema, type CustomerEdit, type CustomerEditSummary, type PublicUser } from '../../domain';
import { customerEditWorkflowId, startCustomerEditWorkflow } from '../../workflows/client';
import { customerEditView, type CustomerEditRow } from '../../server/db/customer-edit-models';
import type { Database } from '../../server/db/connect';
import { AppError, fromZodError } from '../../server/errors';
import type { DocumentQuota } from './document-quota';

export interface CustomerEditServiceDeps {
  db: Database;
  temporal: Client;
  taskQueue: string;
  log: (msg: string, extra?: unknown) => void;
  /** The per-user bound on new documents, shared with orders and customers. */
  quota?: DocumentQuota;
}

export function createCustomerEditService({ db, temporal, taskQueue, log, quota }: CustomerEditServiceDeps) {
  function assertMayRead(row: CustomerEditRow, user: PublicUser): void {
    if (user.role === 'rep' && row.repId !== null && row.repId !== user.id) throw new AppError('forbidden', `Customer edit ${row.id} was made by another rep`);
  }

  async function startWorkflow(row: CustomerEditRow): Promise<void> {
    try {
      await startCustomerEditWorkflow(temporal, taskQueue, { id: row.id, customerName: `contact ${row.zohoContactId}` });
      if (!row.workflowStarted) await row.update({ workflowStarted: true });
    } catch (err) {
      log(`could not start workflow ${row.workflowId} yet`, (err as Error).message);
    }
  }

  async function store(body: unknown, user: PublicUser): Promise<{ row: CustomerEditRow; created: boolean }> {
    const parsed = CustomerEditSchema.safeParse(body);
    if (!parsed.success) throw fromZodError(parsed.error, 'customer edit');
    const edit: CustomerEdit = parsed.data;
    const existing = await db.CustomerEdit.findByPk(edit.id);
    if (existing) {
      assertMayRead(existing, user);
      if (existing.zohoContactId !== edit.zohoContactId) throw new AppError('conflict', `Customer edit ${edit.id} is of another customer`);
      return { row: existing, created: false };
    }
    await quota?.assertMayStore(user);
    try {
      const row = await db.CustomerEdit.create({
        id: edit.id,
        zohoContactId: edit.zohoContactId,
        payload: edit,
        status: 'pending',
        outcome: null,
        message: null,
        workflowId: customerEditWorkflowId(edit.id),
        workflowStarted: false,
        repId: user.id,
      });
      return { row, created: true };
    } catch (err) {
      if (!(err instanceof UniqueConstraintError)) throw err;
      const winner = await db.CustomerEdit.findByPk(edit.id); // two replays raced
      if (!winner) throw err;
      return { row: winner, created: false };
    }
  }

  return {
    async accept(body: unknown, user: PublicUser): Promise<{ created: boolean; edit: CustomerEditSummary }> {
      const { row, created } = await store(body, user);
      if (!row.workflowStarted) await startWorkflow(row);
      return { created, edit: customerEditView(row) };
    },

    async get(id: string, user: PublicUser): Promise<CustomerEditSummary> {
      const row = await db.CustomerEdit.findByPk(id);
      if (!row) throw new AppError('not_found', `No customer edit with id ${id}`);
      assertMayRead(row, user);
      return customerEditView(row);
    },

    async dispatchPending(batch = 100): Promise<number> {
      const pending = await db.CustomerEdit.findAll({ where: { workflowStarted: false }, order: [['createdAt', 'ASC']], limit: batch });
      for (const row of pending) await startWorkflow(row);
      return pending.filter((r) => r.workflowStarted).length;
    },
  };
}

export type CustomerEditService = ReturnType<typeof createCustomerEditService>;

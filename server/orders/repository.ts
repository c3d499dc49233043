/**
 * The order repository: what the hub and the worker both read and write of a document (order or
 * quote) and of a customer made on a device. Loading one that is not there is one `not_found`
 * application error, said the same way whichever process asks.
 */
import { Op, Transaction } from 'sequelize';
import type { Stage, TimelineEntry } from '../../domain';
import type { Database } from '../db/connect';
import type { CustomerRow, OrderOutputRow } from '../db/customer-models';
import type { OrderRow, UserRow } from '../db/models';
import { AppError } from '../errors';
import { approvalOf } from './approvals';

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
    await db.Order.update({ stage, attentionReason: stage === 'needs_attention' ? (note ?? null) : null }, { where: { id: orderId }, transaction });
  });
}

/** The order's timeline: every stage it entered, with a note, oldest first. */
export async function timeline(db: Database, orderId: string): Promise<TimelineEntry[]> {
  const events = await db.OrderEvent.findAll({ where: { orderId }, order: [['id', 'ASC']] });
  return events.map((e) => ({ stage: e.stage, note: e.note, at: new Date(e.at ?? Date.now()).toISOString() }));
}

/** A device customer's stage (customers have no event log: their workflow has one step). */
export async function recordCustomerStage(db: Database, customerId: string, stage: Stage, note?: string): Promise<void> {
  await db.Customer.update({ stage, attentionReason: stage === 'needs_attention' ? (note ?? null) : null }, { where: { id: customerId } });
}

export function createOrderRepository(db: Database) {
  return {
    /** The stored document; `not_found` when the hub database does not hold it. */
    async load(orderId: string): Promise<OrderRow> {
      const row = await db.Order.findByPk(orderId);
      if (!row) throw new AppError('not_found', `Order ${orderId} is not in the hub database`);
      return row;
    },

    /** A customer made on a device; `not_found` when the hub database does not hold it. */
    async loadCustomer(customerId: string): Promise<CustomerRow> {
      const row = await db.Customer.findByPk(customerId);
      if (!row) throw new AppError('not_found', `Customer ${customerId} is not in the hub database`);
      return row;
    },

    /** The device customer an order names, if any (it may not have reached the hub yet). */
    async deviceCustomerOf(row: OrderRow): Promise<CustomerRow | null> {
      const id = row.payload.customer.deviceCustomerId;
      return id ? db.Customer.findByPk(id) : null;
    },

    /** The rep who took the order, if the order names one. */
    async repOf(row: OrderRow): Promise<UserRow | null> {
      return row.repId ? db.User.findByPk(row.repId) : null;
    },

    /** What the worker made of the order so far: its PDF, and whether it was emailed or attached. */
    async output(orderId: string): Promise<OrderOutputRow | null> {
      return db.OrderOutput.findByPk(orderId);
    },

    /** The Zoho contact the order goes to (a device customer's, once created). */
    async setZohoContact(row: OrderRow, zohoContactId: string): Promise<void> {
      if (row.zohoContactId !== zohoContactId) await row.update({ zohoContactId });
    },

    /** The Zoho contact created or matched for a device customer. */
    async setCustomerZohoContact(row: CustomerRow, zohoContactId: string): Promise<void> {
      await row.update({ zohoContactId });
    },

    /** The mapping version the document goes to Zoho with (a retry after a fix records the fixed one). */
    async setMappingUsed(row: OrderRow, target: string, version: number | null): Promise<void> {
      if (row.zohoId === null && (row.mappingTarget !== target || row.mappingVersion !== version)) {
        await row.update({ mappingTarget: target, mappingVersion: version });
      }
    },

    /** Another document of the hub that holds the same Zoho document (an order made in place of its Inventory quote). */
    async sharingZohoDocument(row: OrderRow): Promise<OrderRow | null> {
      if (!row.zohoId) return null;
      return db.Order.findOne({ where: { zohoId: row.zohoId, id: { [Op.ne]: row.id } } });
    },

    /** The document Zoho made of the order, and the revision it was made from. */
    async setZohoDocument(row: OrderRow, zohoId: string, zohoNumber: string, sentRevision = 0): Promise<void> {
      await row.update({ zohoId, zohoNumber, sentRevision });
    },

    /** Zoho's document now holds `revision` of the order. */
    async setSentRevision(row: OrderRow, revision: number): Promise<void> {
      if ((row.sentRevision ?? -1) < revision) await row.update({ sentRevision: revision });
    },

    /** The order as it was at `revision` (the row itself when it is the one held now). */
    async payloadAt(row: OrderRow, revision: number): Promise<{ payload: OrderRow['payload']; totalMinor: number }> {
      if ((row.revision ?? 0) === revision) return { payload: row.payload, totalMinor: row.totalMinor };
      const found = await db.OrderRevision.findOne({ where: { orderId: row.id, revision } });
      if (!found) throw new AppError('not_found', `Revision ${revision} of order ${row.number} is not in the hub database`);
      return { payload: found.payload, totalMinor: found.totalMinor };
    },

    /** The workflow takes revisions from now on (unless editing was closed already). */
    async openRevisions(row: OrderRow): Promise<void> {
      if (!row.revisionsOpen && !row.editClosedReason) await row.update({ revisionsOpen: true });
    },

    /** No more changes from the app, and why (said to the rep as it is). The first reason stands. Returns whether it was open. */
    async closeEditing(row: OrderRow, reason: string): Promise<boolean> {
      if (row.editClosedReason) {
        if (row.revisionsOpen) await row.update({ revisionsOpen: false });
        return false;
      }
      await row.update({ revisionsOpen: false, editClosedReason: reason });
      return true;
    },

    /** The order at other prices (the hub's, by the price check's policy), with its new total. */
    async reprice(row: OrderRow, order: OrderRow['payload'], totalMinor: number): Promise<void> {
      await row.update({ payload: order, totalMinor });
    },

    async savePdf(orderId: string, pdf: Buffer, revision = 0): Promise<void> {
      await db.OrderOutput.upsert({ orderId, pdf, pdfBytes: pdf.length, renderedAt: new Date(), pdfRevision: revision });
    },

    async markEmailed(output: OrderOutputRow, messageId: string, recipients: string[], revision = 0): Promise<void> {
      await output.update({ emailedAt: new Date(), emailMessageId: messageId, emailRecipients: recipients.join(','), emailedRevision: revision });
    },

    async markAttached(output: OrderOutputRow, revision = 0): Promise<void> {
      await output.update({ attachedAt: new Date(), attachedRevision: revision });
    },

    recordStage: (orderId: string, stage: Stage, note?: string, detail?: Record<string, unknown>) => recordStage(db, orderId, stage, note, detail),
    recordCustomerStage: (customerId: string, stage: Stage, note?: string) => recordCustomerStage(db, customerId, stage, note),
    timeline: (orderId: string) => timeline(db, orderId),
    /** The support or admin approval recorded for the order's approval-level findings, if any. */
    approval: (orderId: string) => approvalOf(db, orderId),
  };
}

export type OrderRepository = ReturnType<typeof createOrderRepository>;

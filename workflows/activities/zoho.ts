/**
 * Activities that call Zoho, through the one connector. They run on the Zoho task queue, whose rate
 * the worker caps for every worker process together. Creates are idempotent: the document number
 * comes from the order id, and the connector adopts a document an unanswered attempt already made;
 * a contact is looked for (email, then name) before it is created.
 */
import type { ZohoProduct } from '../../domain';
import { ApplicationFailure } from '@temporalio/activity';
import type { Customer } from '../../domain';
import type { Database } from '../../server/db/connect';
import type { OrderRow } from '../../server/db/models';
import type { ContactPayload, EstimatePayload, SalesOrderPayload, ZohoClient, ZohoContact } from '../../zoho/connector';
import { ZohoValidationError } from '../../zoho/connector/errors';
import { createActiveMappings, type ActiveMappings } from '../../server/mappings/active-mappings';
import { applyContactMapping } from '../../mappings';
import { withHeartbeat } from './heartbeat';
import type { MappedOrder } from './mapping';
import { toActivityFailure } from './zoho-failures';

export interface ZohoActivityDeps {
  db: Database;
  zoho: ZohoClient;
  product: ZohoProduct;
  /** The active mapping versions (the contact mapping); default: the database's, briefly cached. */
  active?: ActiveMappings;
}

export interface PushResult {
  zohoId: string;
  zohoNumber: string;
  adopted: boolean;
}

/** Zoho errors become Temporal failures; the heartbeat lets a killed worker be noticed quickly. */
async function zohoCall<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await withHeartbeat(run);
  } catch (err) {
    throw toActivityFailure(err);
  }
}

const lc = (s: string | undefined) => (s ?? '').trim().toLowerCase();

/** The contact's payload from the active contact mapping (mappings/defaults/contact.json until the console saves one). */
async function contactPayload(c: Customer, active: ActiveMappings): Promise<ContactPayload> {
  const { mapping, version } = await active.mapping('contact');
  const { payload, problems } = await applyContactMapping(mapping, c);
  if (problems.length) {
    throw ApplicationFailure.nonRetryable(
      `The contact mapping (version ${version}) cannot build this customer: ${problems.map((p) => `${p.row} ${p.zohoField}: ${p.message}`).join('; ')}. Fix the mapping or the customer, then retry`,
      'MappingInvalid',
    );
  }
  return payload as ContactPayload;
}

function hasEmail(contact: ZohoContact, email: string): boolean {
  return lc(contact.email) === email || (contact.contact_persons ?? []).some((p) => lc(p.email) === email);
}

export function createZohoActivities({ db, zoho, product, active = createActiveMappings(db) }: ZohoActivityDeps) {
  async function loadOrder(orderId: string): Promise<OrderRow> {
    const row = await db.Order.findByPk(orderId);
    if (!row) throw ApplicationFailure.nonRetryable(`Order ${orderId} is not in the hub database`, 'OrderMissing');
    return row;
  }

  /** An existing contact for the device's customer: same email first, else the same name. */
  async function findContact(c: Customer): Promise<ZohoContact | undefined> {
    const email = lc(c.email);
    if (email) {
      const byEmail = (await zoho.contacts.search({ email })).find((x) => hasEmail(x, email));
      if (byEmail) return byEmail;
    }
    return (await zoho.contacts.search({ name: c.name })).find((x) => lc(x.contact_name) === lc(c.name));
  }

  return {
    /** Step 4: create the sales order (or estimate) once, under the number derived from the order id. */
    async createInZoho(orderId: string, mapped: MappedOrder): Promise<PushResult> {
      const row = await loadOrder(orderId);
      if (row.zohoId && row.zohoNumber) return { zohoId: row.zohoId, zohoNumber: row.zohoNumber, adopted: false };
      const created = await zohoCall(() =>
        mapped.target === 'books.estimate'
          ? zoho.estimates
              .create(mapped.payload as unknown as EstimatePayload, { number: row.number })
              .then((e) => ({ id: e.estimateId, number: e.estimateNumber, adopted: e.adopted }))
          : zoho.salesOrders
              .create(mapped.payload as unknown as SalesOrderPayload, { number: row.number })
              .then((so) => ({ id: so.salesorderId, number: so.salesorderNumber, adopted: so.adopted })),
      );
      await row.update({ zohoId: created.id, zohoNumber: created.number });
      return { zohoId: created.id, zohoNumber: created.number, adopted: created.adopted };
    },

    /** Step 5: confirmed (Inventory) / open (Books). Idempotent in the connector. */
    async confirmInZoho(orderId: string): Promise<void> {
      const row = await loadOrder(orderId);
      if (!row.zohoId) throw ApplicationFailure.nonRetryable(`Order ${orderId} has no Zoho document to confirm`, 'NotInZoho');
      await zohoCall(() => zoho.salesOrders.confirm(row.zohoId!));
    },

    /** Step 7 (Books sales orders): the PDF as an attachment of the Zoho document, once. */
    async attachPdfInZoho(orderId: string): Promise<{ attached: boolean }> {
      const row = await loadOrder(orderId);
      const out = await db.OrderOutput.findByPk(orderId);
      if (out?.attachedAt) return { attached: false };
      if (!row.zohoId || !out?.pdf) throw ApplicationFailure.retryable(`Order ${orderId} has no Zoho document or PDF yet`, 'NotReady');
      const pdf = Buffer.from(out.pdf);
      await zohoCall(() => zoho.salesOrders.attachPdf(row.zohoId!, pdf, `${row.zohoNumber ?? row.number}.pdf`));
      await out.update({ attachedAt: new Date() });
      return { attached: true };
    },

    /** Cancelled after it reached Zoho: void the sales order (estimates stay, marked on the timeline). */
    async voidInZoho(orderId: string): Promise<{ voided: boolean }> {
      const row = await loadOrder(orderId);
      if (!row.zohoId || (row.kind === 'quote' && product === 'books')) return { voided: false }; // estimates are not voided
      await zohoCall(() => zoho.salesOrders.void(row.zohoId!));
      return { voided: true };
    },

    /**
     * The customer workflow's one step: the real Zoho contact of a customer made on a device. Looked
     * for before it is created, and again when Zoho says the name exists, so retries never make two.
     */
    async findOrCreateContact(customerId: string): Promise<{ zohoContactId: string; adopted: boolean }> {
      const row = await db.Customer.findByPk(customerId);
      if (!row) throw ApplicationFailure.nonRetryable(`Customer ${customerId} is not in the hub database`, 'CustomerMissing');
      if (row.zohoContactId) return { zohoContactId: row.zohoContactId, adopted: false };
      const payload = await contactPayload(row.payload, active);
      const found = await zohoCall(async () => {
        const existing = await findContact(row.payload);
        if (existing) return { contact: existing, adopted: true };
        try {
          return { contact: await zoho.contacts.create(payload), adopted: false };
        } catch (err) {
          // Created by an attempt whose answer was lost, or by someone in Zoho meanwhile: adopt it.
          if (err instanceof ZohoValidationError && (err.code === 3062 || /already exists/i.test(err.message))) {
            const again = await findContact(row.payload);
            if (again) return { contact: again, adopted: true };
          }
          throw err;
        }
      });
      await row.update({ zohoContactId: found.contact.contact_id });
      return { zohoContactId: found.contact.contact_id, adopted: found.adopted };
    },
  };
}

export type ZohoActivities = ReturnType<typeof createZohoActivities>;

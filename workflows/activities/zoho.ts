/**
 * Activities that call Zoho, through the one connector. They run on the Zoho task queue, whose rate
 * the worker caps for every worker process together. Creates are idempotent: the document number
 * comes from the order id, and the connector adopts a document an unanswered attempt already made;
 * a contact is looked for (email, then name) before it is created.
 */
import { ApplicationFailure } from '@temporalio/activity';
import { formatMoney, fromDecimal, type Customer, type ZohoProduct } from '../../domain';
import type { OrderRepository } from '../../server/orders/repository';
import type { ContactPayload, EstimatePayload, SalesOrderPayload, ZohoClient, ZohoContact } from '../../zoho/connector';
import { ZohoValidationError } from '../../zoho/connector/errors';
import type { ActiveMappings } from '../../server/mappings/active-mappings';
import type { MappingEvaluator } from '../../server/mappings/sandbox/evaluator';
import { withHeartbeat } from './heartbeat';
import type { MappedOrder } from './mapping';
import { FailureType } from '../failure-types';
import { asActivities, mappingFailure } from './failures';

/**
 * The device's total is meant to be Zoho's to the minor unit (domain/totals.ts). When Zoho made
 * it something else (an organization that drops line discounts, a tax changed in Zoho since the
 * catalogue sync), the document exists and stays; support sees both figures on the timeline.
 */
async function noteTotalDifference(orders: OrderRepository, row: Awaited<ReturnType<OrderRepository['load']>>, zohoTotal: number | undefined): Promise<void> {
  if (typeof zohoTotal !== 'number') return;
  const zoho = fromDecimal(zohoTotal, row.currency);
  if (zoho === row.totalMinor) return;
  const fmt = (amount: number) => formatMoney({ amount, currency: row.currency });
  await orders.recordStage(
    row.id,
    row.stage,
    `Zoho's total ${fmt(zoho)} differs from the device's ${fmt(row.totalMinor)}: check the document's discounts and taxes in Zoho`,
    { zohoTotalMinor: zoho, deviceTotalMinor: row.totalMinor },
  );
}

/** The quote an order is made from, once it is in Zoho; until then the create waits (retried with backoff). */
type QuoteInZoho = { id: string; zohoId: string; zohoNumber: string };

export interface ZohoActivityDeps {
  orders: OrderRepository;
  zoho: ZohoClient;
  product: ZohoProduct;
  /** The active mapping versions (the contact mapping). */
  active: ActiveMappings;
  /** Where the contact mapping runs (the worker's pool of evaluator processes). */
  evaluator: MappingEvaluator;
}

/** What became of a revision: sent (Zoho's draft updated), already there, or refused because Zoho's document can no longer change. */
export interface RevisionResult {
  updated: boolean;
  /** The revision Zoho's document holds now. */
  revision: number;
  closedReason?: string;
}

export interface PushResult {
  zohoId: string;
  zohoNumber: string;
  adopted: boolean;
}

const lc = (s: string | undefined) => (s ?? '').trim().toLowerCase();

/** The contact's payload from the active contact mapping (mappings/defaults/contact.json until the console saves one). */
async function contactPayload(c: Customer, active: ActiveMappings, evaluator: MappingEvaluator): Promise<ContactPayload> {
  const { mapping, version } = await active.mapping('contact');
  const { payload, problems } = await evaluator.applyContactMapping(mapping, c).catch(mappingFailure(`The contact mapping (version ${version})`, 'customer'));
  if (problems.length) {
    throw ApplicationFailure.nonRetryable(
      `The contact mapping (version ${version}) cannot build this customer: ${problems.map((p) => `${p.row} ${p.zohoField}: ${p.message}`).join('; ')}. Fix the mapping or the customer, then retry`,
      FailureType.MappingInvalid,
    );
  }
  return payload as ContactPayload;
}

function hasEmail(contact: ZohoContact, email: string): boolean {
  return lc(contact.email) === email || (contact.contact_persons ?? []).some((p) => lc(p.email) === email);
}

export function createZohoActivities({ orders, zoho, product, active, evaluator }: ZohoActivityDeps) {
  async function quoteInZoho(quoteId: string): Promise<QuoteInZoho> {
    const quote = await orders.load(quoteId);
    if (!quote.zohoId || !quote.zohoNumber) {
      throw ApplicationFailure.retryable(`Quote ${quote.number} is not in Zoho yet; the order made from it waits for it`, FailureType.NotReady);
    }
    // Inventory's quote draft can become one order only; a second order from it would take the first's document.
    const holder = product === 'inventory' ? await orders.sharingZohoDocument(quote) : null;
    if (holder) {
      throw ApplicationFailure.nonRetryable(
        `Quote ${quote.number} already became order ${holder.number}: make this order without the quote, or cancel it`,
        FailureType.Conflict,
      );
    }
    return { id: quote.id, zohoId: quote.zohoId, zohoNumber: quote.zohoNumber };
  }

  /** The quote's side of the link: Books' estimate marked accepted; both timelines say what became of it. */
  async function settleQuote(
    order: Awaited<ReturnType<OrderRepository['load']>>,
    quote: QuoteInZoho,
    number: string,
    target: MappedOrder['target'],
  ): Promise<void> {
    const inPlace = target === 'inventory.salesorder';
    if (product === 'books') await zoho.estimates.markAccepted(quote.zohoId);
    const quoteRow = await orders.load(quote.id);
    // The quote lives on as the order: a change now is the order's to make.
    await orders.closeEditing(quoteRow, `It became order ${order.number}: change the order instead.`);
    await orders.recordStage(
      quote.id,
      quoteRow.stage,
      inPlace
        ? `became order ${order.number}: its draft sales order ${number} was updated and is the order now`
        : `accepted: order ${order.number} (${number}) was made from it`,
    );
    await orders.recordStage(
      order.id,
      order.stage,
      inPlace
        ? `made from quote ${quoteRow.number}: its draft sales order ${number} updated in place`
        : `made from quote ${quoteRow.number} (estimate ${quote.zohoNumber} marked accepted)`,
    );
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

  // Zoho calls heartbeat, so that a worker killed mid-call is noticed within seconds.
  return asActivities({
    /** Step 4: create the sales order (or estimate) once, under the number derived from the order id. */
    async createInZoho(orderId: string, mapped: MappedOrder): Promise<PushResult> {
      const row = await orders.load(orderId);
      if (row.zohoId && row.zohoNumber) return { zohoId: row.zohoId, zohoNumber: row.zohoNumber, adopted: false };
      const quote = row.payload.fromQuoteId ? await quoteInZoho(row.payload.fromQuoteId) : undefined;
      const created = await withHeartbeat(async () => {
        // Inventory keeps a quote as a draft sales order: the order is that document, brought up to date (then confirmed).
        if (quote && mapped.target === 'inventory.salesorder') {
          const so = await zoho.salesOrders.update(quote.zohoId, mapped.payload as unknown as SalesOrderPayload);
          return { id: so.salesorder_id, number: so.salesorder_number, adopted: false, total: so.total };
        }
        if (mapped.target === 'books.estimate') {
          const e = await zoho.estimates.create(mapped.payload as unknown as EstimatePayload, { number: row.number });
          return { id: e.estimateId, number: e.estimateNumber, adopted: e.adopted, total: e.raw.total };
        }
        const so = await zoho.salesOrders.create(mapped.payload as unknown as SalesOrderPayload, { number: row.number });
        return { id: so.salesorderId, number: so.salesorderNumber, adopted: so.adopted, total: so.raw.total };
      });
      await orders.setZohoDocument(row, created.id, created.number, mapped.revision ?? 0);
      await noteTotalDifference(orders, row, created.total);
      if (quote) await settleQuote(row, quote, created.number, mapped.target);
      return { zohoId: created.id, zohoNumber: created.number, adopted: created.adopted };
    },

    /**
     * A revision the rep sent after the document reached Zoho: Zoho's draft is updated in place
     * (`PUT`, never a second document). Zoho is asked first whether it still is a draft (an estimate:
     * draft or sent); if the office confirmed it meanwhile, nothing is sent and the reason comes back.
     */
    async updateInZoho(orderId: string, mapped: MappedOrder): Promise<RevisionResult> {
      const row = await orders.load(orderId);
      const revision = mapped.revision ?? 0;
      if (!row.zohoId) throw ApplicationFailure.nonRetryable(`Order ${orderId} has no Zoho document to update`, FailureType.NotInZoho);
      if ((row.sentRevision ?? 0) >= revision) return { updated: false, revision: row.sentRevision ?? 0 };
      const estimate = mapped.target === 'books.estimate';
      const outcome = await withHeartbeat(async () => {
        const current = estimate ? await zoho.estimates.get(row.zohoId!) : await zoho.salesOrders.get(row.zohoId!);
        const status = String(current.status ?? '');
        const editable = estimate ? status === 'draft' || status === 'sent' : status === 'draft';
        if (!editable) return { closed: `${row.zohoNumber ?? row.number} is ${status || 'no longer a draft'} in Zoho: the office must change it there.` };
        const saved = estimate
          ? await zoho.estimates.update(row.zohoId!, mapped.payload as unknown as EstimatePayload)
          : await zoho.salesOrders.update(row.zohoId!, mapped.payload as unknown as SalesOrderPayload);
        return { total: saved.total };
      });
      if ('closed' in outcome) return { updated: false, revision: row.sentRevision ?? 0, closedReason: outcome.closed };
      await orders.setSentRevision(row, revision);
      await orders.recordStage(orderId, row.stage, `revision ${revision}: ${row.zohoNumber ?? row.number} updated in place in Zoho`, { revision });
      await noteTotalDifference(orders, await orders.load(orderId), outcome.total);
      return { updated: true, revision };
    },

    /** Step 5: confirmed (Inventory) / open (Books). Idempotent in the connector. */
    async confirmInZoho(orderId: string): Promise<void> {
      const row = await orders.load(orderId);
      if (!row.zohoId) throw ApplicationFailure.nonRetryable(`Order ${orderId} has no Zoho document to confirm`, FailureType.NotInZoho);
      await withHeartbeat(() => zoho.salesOrders.confirm(row.zohoId!));
    },

    /** Step 7 (Books sales orders): the PDF as an attachment of the Zoho document, once. */
    async attachPdfInZoho(orderId: string): Promise<{ attached: boolean }> {
      const row = await orders.load(orderId);
      const out = await orders.output(orderId);
      const revision = out?.pdfRevision ?? 0;
      if (out?.attachedAt && (out.attachedRevision ?? 0) >= revision) return { attached: false };
      if (!row.zohoId || !out?.pdf) throw ApplicationFailure.retryable(`Order ${orderId} has no Zoho document or PDF yet`, FailureType.NotReady);
      const pdf = Buffer.from(out.pdf);
      const name = revision ? `${row.zohoNumber ?? row.number}-revision-${revision}.pdf` : `${row.zohoNumber ?? row.number}.pdf`;
      await withHeartbeat(() => zoho.salesOrders.attachPdf(row.zohoId!, pdf, name));
      await orders.markAttached(out, revision);
      return { attached: true };
    },

    /** Cancelled after it reached Zoho: void the sales order (estimates stay, marked on the timeline). */
    async voidInZoho(orderId: string): Promise<{ voided: boolean }> {
      const row = await orders.load(orderId);
      if (!row.zohoId || (row.kind === 'quote' && product === 'books')) return { voided: false }; // estimates are not voided
      // A quote whose draft became an order: the document is the order's now, not the quote's to void.
      if (row.kind === 'quote' && (await orders.sharingZohoDocument(row))) return { voided: false };
      await withHeartbeat(() => zoho.salesOrders.void(row.zohoId!));
      return { voided: true };
    },

    /**
     * The customer workflow's one step: the real Zoho contact of a customer made on a device. Looked
     * for before it is created, and again when Zoho says the name exists, so retries never make two.
     */
    async findOrCreateContact(customerId: string): Promise<{ zohoContactId: string; adopted: boolean }> {
      const row = await orders.loadCustomer(customerId);
      if (row.zohoContactId) return { zohoContactId: row.zohoContactId, adopted: false };
      const payload = await contactPayload(row.payload, active, evaluator);
      const found = await withHeartbeat(async () => {
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
      await orders.setCustomerZohoContact(row, found.contact.contact_id);
      return { zohoContactId: found.contact.contact_id, adopted: found.adopted };
    },
  });
}

export type ZohoActivities = ReturnType<typeof createZohoActivities>;

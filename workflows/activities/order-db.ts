/**
 * Activities that touch the hub database: the order's timeline, its customer, its prices. Thin
 * adapters over the order repository (server/orders/repository.ts); errors become failures in
 * failures.ts.
 */
import { ApplicationFailure } from '@temporalio/activity';
import { formatMoney, orderTotals, preflightChecks, type Order, type Stage } from '../../domain';
import type { OrderRepository } from '../../server/orders/repository';
import type { HubPreflight } from '../../server/orders/hub-preflight';
import { acceptedWarningsOf, preflightOutcome } from '../../server/orders/preflight-outcome';
import { FailureType } from '../failure-types';
import { asActivities } from './failures';

/**
 * The hub's current unit prices (minor units, in the order's currency) of the order's items, for
 * this order's customer. Undefined when the hub has no prices yet (the catalogue has not synced).
 */
export type CurrentPrices = (order: Order) => Promise<Map<string, number> | undefined>;

export type PriceCheckPolicy = 'honour_device' | 'use_hub' | 'ask';

export interface OrderDbDeps {
  orders: OrderRepository;
  prices?: CurrentPrices;
  priceCheckPolicy?: PriceCheckPolicy;
  /** The order rules run again at the hub, in the price-check step (absent: not checked). */
  preflight?: HubPreflight;
  /** How long a draft in Zoho takes changes from the app after it was sent (ORDER_EDIT_WINDOW_HOURS; 0: none). */
  editWindowMs?: number;
}

/** Who the order is for: a Zoho contact, or a customer made on the device that is not in Zoho yet. */
export type CustomerResolution =
  { zohoContactId: string } | { zohoContactId?: undefined; deviceCustomerId: string; customerName: string; customerAtHub: boolean };

export interface OrderDescription {
  kind: Order['kind'];
  number: string;
  customerName: string;
  rep: { name: string; email: string } | null;
  total: string;
  lines: number;
  /** How long the workflow takes revisions once done while Zoho's document is a draft (0: not at all). */
  editWindowMs?: number;
}

export interface PriceDifference {
  itemId: string;
  name: string;
  device: number;
  hub: number;
}

export function createOrderDbActivities({ orders, prices, priceCheckPolicy = 'honour_device', preflight, editWindowMs = 0 }: OrderDbDeps) {
  /**
   * The order rules on the order as stored now (after any re-pricing): warnings become notes, a block
   * or an unapproved approval-level finding parks the order (non-retryable: support's retry, or an
   * approval, runs the step again).
   */
  async function checkOrderRules(orderId: string): Promise<void> {
    if (!preflight) return;
    const row = await orders.load(orderId);
    if (!preflightChecks(row.kind)) return;
    const approval = await orders.approval(orderId);
    const outcome = preflightOutcome(await preflight(row), { approvedBy: approval?.byName, accepted: acceptedWarningsOf(row.payload) });
    for (const note of outcome.notes) await orders.recordStage(orderId, row.stage, note);
    if (outcome.blocked) throw ApplicationFailure.create({ type: FailureType.PreflightBlocked, nonRetryable: true, message: outcome.blocked });
    if (outcome.awaitingApproval)
      throw ApplicationFailure.create({ type: FailureType.AwaitingApproval, nonRetryable: true, message: outcome.awaitingApproval });
  }

  return asActivities({
    /** Move the order to `stage` and append it to the order's timeline (idempotent on retry). */
    async recordStage(orderId: string, stage: Stage, note?: string): Promise<void> {
      await orders.recordStage(orderId, stage, note);
    },

    async recordCustomerStage(customerId: string, stage: Stage, note?: string): Promise<void> {
      await orders.recordCustomerStage(customerId, stage, note);
    },

    /**
     * What support sees of the order in Temporal (search attributes and memo). A workflow that takes
     * revisions says so here, first thing, so the hub accepts the rep's changes from then on.
     */
    async describeOrder(orderId: string, options: { openRevisions?: boolean } = {}): Promise<OrderDescription> {
      const row = await orders.load(orderId);
      if (options.openRevisions) await orders.openRevisions(row);
      const rep = await orders.repOf(row);
      return {
        kind: row.kind,
        number: row.number,
        customerName: row.customerName,
        rep: rep ? { name: rep.name, email: rep.email } : null,
        total: formatMoney({ amount: row.totalMinor, currency: row.currency }),
        lines: row.payload.lines.length,
        editWindowMs,
      };
    },

    /** The rep can no longer change the document from the app: the reason goes on the timeline and to the device. */
    async closeEditing(orderId: string, reason: string): Promise<void> {
      const row = await orders.load(orderId);
      if (await orders.closeEditing(row, reason)) await orders.recordStage(orderId, row.stage, `no more changes from the app: ${reason}`);
    },

    /** Step 1: the Zoho contact the order is for, or the device customer whose workflow must finish first. */
    async resolveCustomer(orderId: string): Promise<CustomerResolution> {
      const row = await orders.load(orderId);
      const ref = row.payload.customer;
      if (ref.zohoContactId) {
        await orders.setZohoContact(row, ref.zohoContactId);
        return { zohoContactId: ref.zohoContactId };
      }
      const customer = await orders.deviceCustomerOf(row);
      if (customer?.zohoContactId) {
        await orders.setZohoContact(row, customer.zohoContactId);
        return { zohoContactId: customer.zohoContactId };
      }
      return { deviceCustomerId: ref.deviceCustomerId!, customerName: customer?.name ?? ref.name, customerAtHub: !!customer };
    },

    /**
     * Step 2: the device's prices against the hub's current ones. The outcome goes on the timeline;
     * with policy `ask`, a difference waits for support (a retry then accepts the device's prices).
     * Then the order rules (pre-flight) on the hub's data, in this same step: no workflow change.
     */
    async checkPrices(orderId: string, acceptDifferences = false): Promise<{ note: string; differences: PriceDifference[] }> {
      const row = await orders.load(orderId);
      const order = row.payload;
      const current = prices ? await prices(order) : undefined;
      const money = (amount: number) => formatMoney({ amount, currency: order.currency });
      let result: { note: string; differences: PriceDifference[] };
      if (!current) {
        result = { note: 'price check: the hub has no current prices yet; the device prices stand', differences: [] };
      } else {
        const differences = order.lines
          .filter((l) => current.has(l.itemId) && current.get(l.itemId) !== l.unitPrice)
          .map((l) => ({ itemId: l.itemId, name: l.name, device: l.unitPrice, hub: current.get(l.itemId)! }));
        const list = differences.map((d) => `${d.name}: device ${money(d.device)}, hub ${money(d.hub)}`).join('; ');
        if (differences.length === 0) result = { note: 'price check: device prices match the hub', differences };
        else if (priceCheckPolicy === 'use_hub') {
          const lines = order.lines.map((l) => (current.has(l.itemId) ? { ...l, unitPrice: current.get(l.itemId)! } : l));
          const repriced = { ...order, lines };
          await orders.reprice(row, repriced, orderTotals(repriced).gross.amount);
          result = { note: `price check: re-priced at the hub's prices (${list})`, differences };
        } else if (priceCheckPolicy === 'ask' && !acceptDifferences) {
          throw ApplicationFailure.create({
            type: FailureType.PriceDifference,
            nonRetryable: true,
            message: `The device's prices differ from the hub's (${list}); retry to accept the device's prices, or cancel`,
            details: [differences],
          });
        } else {
          result = { note: `price check: device prices kept, ${differences.length} differ from the hub (${list})`, differences };
        }
      }
      await orders.recordStage(orderId, row.stage, result.note, result.differences.length ? { differences: result.differences } : undefined);
      await checkOrderRules(orderId);
      return result;
    },
  });
}

export type OrderDbActivities = ReturnType<typeof createOrderDbActivities>;

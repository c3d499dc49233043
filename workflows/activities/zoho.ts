/**
 * Activities that call Zoho, through the one connector. They run on the Zoho task queue.
 * Creates are idempotent: the document number comes from the order id, and the connector adopts
 * a document that an earlier, unanswered attempt already created.
 */
import { ApplicationFailure } from '@temporalio/activity';
import type { Order } from '../../domain';
import type { Database } from '../../hub/db/connect';
import type { OrderRow } from '../../hub/db/models';
import { applyMapping, defaultMapping, type Mapping, type MappingTarget } from '../../mappings';
import type { EstimatePayload, SalesOrderPayload, ZohoClient } from '../../zoho/connector';
import { toActivityFailure } from './zoho-failures';

export interface ZohoActivityDeps {
  db: Database;
  zoho: ZohoClient;
  product: 'inventory' | 'books';
  /** Which mapping applies to a target (the console's active version; the default file for now). */
  mappingFor?: (target: MappingTarget) => Mapping;
}

export interface PushResult {
  zohoId: string;
  zohoNumber: string;
  adopted: boolean;
  /** The mapping asks for a confirmed (Inventory) / open (Books) document. */
  confirm: boolean;
}

/** Orders are sales orders; quotes are estimates in Books and draft sales orders in Inventory. */
export function targetFor(product: 'inventory' | 'books', kind: Order['kind']): MappingTarget {
  if (product === 'inventory') return 'inventory.salesorder';
  return kind === 'quote' ? 'books.estimate' : 'books.salesorder';
}

export function createZohoActivities({ db, zoho, product, mappingFor = defaultMapping }: ZohoActivityDeps) {
  async function loadOrder(orderId: string): Promise<OrderRow> {
    const row = await db.Order.findByPk(orderId);
    if (!row) throw ApplicationFailure.nonRetryable(`Order ${orderId} is not in the hub database`, 'OrderMissing');
    return row;
  }

  return {
    async pushToZoho(orderId: string): Promise<PushResult> {
      const row = await loadOrder(orderId);
      const target = targetFor(product, row.kind);
      const mapping = mappingFor(target);
      const confirm = mapping.status === 'confirmed' && target !== 'books.estimate';
      if (row.zohoId && row.zohoNumber) {
        return { zohoId: row.zohoId, zohoNumber: row.zohoNumber, adopted: false, confirm };
      }
      const { payload, problems } = applyMapping(mapping, row.payload, { number: row.number });
      if (problems.length) {
        throw ApplicationFailure.nonRetryable(
          `The ${target} mapping cannot build this order: ${problems.map((p) => `${p.row} ${p.message}`).join('; ')}`,
          'MappingInvalid',
        );
      }
      try {
        // The connector re-validates the payload (customer, lines) before any call.
        const created =
          target === 'books.estimate'
            ? await zoho.estimates
                .create(payload as unknown as EstimatePayload, { number: row.number })
                .then((e) => ({ id: e.estimateId, number: e.estimateNumber, adopted: e.adopted }))
            : await zoho.salesOrders
                .create(payload as unknown as SalesOrderPayload, { number: row.number })
                .then((so) => ({ id: so.salesorderId, number: so.salesorderNumber, adopted: so.adopted }));
        await row.update({ zohoId: created.id, zohoNumber: created.number });
        return { zohoId: created.id, zohoNumber: created.number, adopted: created.adopted, confirm };
      } catch (err) {
        throw toActivityFailure(err);
      }
    },

    async confirmInZoho(orderId: string): Promise<void> {
      const row = await loadOrder(orderId);
      if (!row.zohoId) throw ApplicationFailure.nonRetryable(`Order ${orderId} has no Zoho document to confirm`, 'NotInZoho');
      try {
        await zoho.salesOrders.confirm(row.zohoId);
      } catch (err) {
        throw toActivityFailure(err);
      }
    },
  };
}

export type ZohoActivities = ReturnType<typeof createZohoActivities>;

/**
 * Step 3: the order as Zoho's payload, with the active mapping. Runs on the main task queue: it
 * makes no Zoho call, so it must not spend the Zoho queue's rate budget.
 */
import { ApplicationFailure } from '@temporalio/activity';
import type { Database } from '../../hub/db/connect';
import { applyMapping, defaultMapping, targetOf, type Mapping, type MappingTarget, type TargetSettings, type ZohoPayload } from '../../mappings';

export interface MappingDeps {
  db: Database;
  product: 'inventory' | 'books';
  /** The active mapping of a target (the console's version once it exists; the default file now). */
  mappingFor?: (target: MappingTarget) => Mapping;
  targets?: TargetSettings;
}

export interface MappedOrder {
  target: MappingTarget;
  payload: ZohoPayload;
  /** Confirm (Inventory) / open (Books) after creating: the mapping says so; quotes never. */
  confirm: boolean;
}

export function createMappingActivities({ db, product, mappingFor = defaultMapping, targets }: MappingDeps) {
  return {
    async mapOrderForZoho(orderId: string): Promise<MappedOrder> {
      const row = await db.Order.findByPk(orderId);
      if (!row) throw ApplicationFailure.nonRetryable(`Order ${orderId} is not in the hub database`, 'OrderMissing');
      const target = targetOf(product, row.kind, targets);
      const mapping = mappingFor(target);
      // The contact resolved in step 1 (a device customer's, once created) without rewriting the device's order.
      const contactId = row.zohoContactId ?? row.payload.customer.zohoContactId;
      const order = { ...row.payload, customer: { ...row.payload.customer, zohoContactId: contactId ?? undefined } };
      const { payload, problems } = applyMapping(mapping, order, { number: row.number });
      if (problems.length) {
        throw ApplicationFailure.nonRetryable(
          `The ${target} mapping cannot build this ${row.kind}: ${problems.map((p) => `${p.row} ${p.message}`).join('; ')}. Fix the mapping or the ${row.kind}, then retry`,
          'MappingInvalid',
        );
      }
      return { target, payload, confirm: row.kind === 'order' && mapping.status === 'confirmed' && target !== 'books.estimate' };
    },
  };
}

export type MappingActivities = ReturnType<typeof createMappingActivities>;

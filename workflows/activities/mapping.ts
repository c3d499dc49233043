/**
 * Step 3: the order as Zoho's payload, with the active mapping version (read from the database
 * here, in the activity, never in workflow code). Runs on the main task queue: it makes no Zoho
 * call, so it must not spend the Zoho queue's rate budget. The version used is recorded on the order.
 * The mapping runs in the sandbox (server/mappings/sandbox), never in the worker's own event loop:
 * one it had to stop (deadline, memory, output) parks the order, naming the row.
 */
import type { ZohoProduct } from '../../domain';
import { ApplicationFailure } from '@temporalio/activity';
import type { ActiveMappings } from '../../server/mappings/active-mappings';
import type { OrderRepository } from '../../server/orders/repository';
import { FailureType } from '../failure-types';
import { asActivities, mappingFailure } from './failures';
import type { MappingEvaluator } from '../../server/mappings/sandbox/evaluator';
import { targetOf, type DocumentTarget, type Mapping, type MappingTarget, type TargetSettings, type ZohoPayload } from '../../mappings';

export interface MappingDeps {
  orders: OrderRepository;
  product: ZohoProduct;
  /** The active versions (the database's, briefly cached). */
  active: ActiveMappings;
  /** Where mappings run (the worker's pool of evaluator processes). */
  evaluator: MappingEvaluator;
  /** Tests: a fixed mapping instead of the database's versions (recorded as no version). */
  mappingFor?: (target: MappingTarget) => Mapping;
  /** Tests: fixed target settings instead of the database's. */
  targets?: TargetSettings;
}

export interface MappedOrder {
  target: DocumentTarget;
  payload: ZohoPayload;
  /** Confirm (Inventory) / open (Books) after creating: the mapping says so; quotes never. */
  confirm: boolean;
  /** The mapping version used (0: the default file; null: a test's fixed mapping). */
  version?: number | null;
  /** The order's revision the payload was made from (0: as first sent). */
  revision?: number;
}

export function createMappingActivities({ orders, product, active, evaluator, mappingFor, targets }: MappingDeps) {
  return asActivities({
    async mapOrderForZoho(orderId: string): Promise<MappedOrder> {
      const row = await orders.load(orderId);
      const target = targetOf(product, row.kind, targets ?? (await active.targets()).settings);
      const { mapping, version } = mappingFor ? { mapping: mappingFor(target), version: null } : await active.mapping(target);
      // The contact resolved in step 1 (a device customer's, once created) without rewriting the device's order.
      const contactId = row.zohoContactId ?? row.payload.customer.zohoContactId;
      const order = { ...row.payload, customer: { ...row.payload.customer, zohoContactId: contactId ?? undefined } };
      const which = `The ${target} mapping${version === null ? '' : ` (version ${version})`}`;
      const { payload, problems } = await evaluator.applyMapping(mapping, order, { number: row.number }).catch(mappingFailure(which, row.kind));
      if (problems.length) {
        throw ApplicationFailure.nonRetryable(
          `${which} cannot build this ${row.kind}: ${problems.map((p) => `${p.row} ${p.zohoField}: ${p.message}`).join('; ')}. Fix the mapping or the ${row.kind}, then retry`,
          FailureType.MappingInvalid,
        );
      }
      await orders.setMappingUsed(row, target, version);
      return {
        target,
        payload,
        confirm: row.kind === 'order' && mapping.status === 'confirmed' && target !== 'books.estimate',
        version,
        revision: row.revision ?? 0,
      };
    },
  });
}

export type MappingActivities = ReturnType<typeof createMappingActivities>;

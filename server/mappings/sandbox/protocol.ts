/** What the hub or worker asks an evaluator process (evaluator-process.ts) to do. */
import type { Customer, Order } from '../../../domain';
import type { Mapping, MappingContext } from '../../../mappings';

export type EvaluationRequest =
  | { op: 'order'; mapping: Mapping; order: Order; context: MappingContext; maxOutputChars: number }
  | { op: 'contact'; mapping: Mapping; customer: Customer; maxOutputChars: number };

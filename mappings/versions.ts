/**
 * What the hub's mapping API (/api/mappings) answers, shared by the hub (hub/services/mappings*.ts)
 * and the console (console/src/mappings/). Types only, no zod: the console imports them.
 */
import type { MappingTarget } from './schema';
import type { TargetFields } from './targets';
import type { OrganizationCustomField, ValidationProblem } from './validate';

/** What is versioned: each mapping target, and the target settings (`targets`: quote → estimate or sales order). */
export type VersionedKey = MappingTarget | 'targets';

export interface MappingVersion {
  target: VersionedKey;
  /** 0: the default file shipped in mappings/defaults/. */
  version: number;
  document: Record<string, unknown>;
  author: { id: string | null; email: string | null } | null;
  restoredFrom: number | null;
  createdAt: string | null;
  active: boolean;
}

/** A target's Zoho fields, and the organization's custom fields (null, with the reason, when Zoho did not list them). */
export type TargetCatalogue = TargetFields & { customFields: OrganizationCustomField[] | null; customFieldsError?: string };

/** The exact payload a mapping makes, and what is wrong with it. */
export interface MappingPreview {
  target: VersionedKey;
  /** What was mapped: `sample`, or the order's (customer's) id and number. */
  source: { kind: 'sample' } | { kind: 'order'; id: string; number: string } | { kind: 'customer'; id: string; name: string };
  payload: Record<string, unknown> | null;
  problems: ValidationProblem[];
}

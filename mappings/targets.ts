/**
 * Which Zoho document an order or a quote becomes, per product: a mapping setting
 * (mappings/defaults/targets.json, versioned like the mappings under the key `targets`). Quotes are
 * never confirmed: they stay drafts (or estimates).
 *
 * The same file lists each target's Zoho fields (the `catalogue`): a mapping naming a field that is
 * not there is refused, and one whose output lacks a required field is refused too.
 */
import type { ZohoProduct, CustomFieldEntity } from '../domain';
import * as z from 'zod';
import defaults from './defaults/targets.json';
import { DocumentTargetSchema, type DocumentTarget, type MappingTarget } from './schema';

export const TargetSettingsSchema = z
  .object({
    description: z.string().max(500).optional(),
    inventory: z.object({ order: z.literal('inventory.salesorder'), quote: z.literal('inventory.salesorder') }).strict(),
    books: z.object({ order: z.literal('books.salesorder'), quote: DocumentTargetSchema.refine((t) => t.startsWith('books.'), 'a Books target') }).strict(),
  })
  .strict();
export type TargetSettings = z.infer<typeof TargetSettingsSchema>;

/** Where the Zoho documents of a target take custom fields from (Zoho's entity / module name). */

export interface TargetFields {
  document: string;
  customFieldEntity: CustomFieldEntity;
  fields: string[];
  required: string[];
  lineFields: string[];
  requiredLineFields: string[];
}

const { catalogue, ...settings } = defaults;

export function defaultTargets(): TargetSettings {
  return TargetSettingsSchema.parse(settings);
}

/** The Zoho fields a target takes (targets.json `catalogue`). */
export function targetFields(target: MappingTarget): TargetFields {
  return catalogue[target] as TargetFields;
}

export function targetOf(product: ZohoProduct, kind: 'order' | 'quote', settings: TargetSettings = defaultTargets()): DocumentTarget {
  return settings[product][kind];
}

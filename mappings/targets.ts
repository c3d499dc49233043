/**
 * Which Zoho document an order or a quote becomes, per product: a mapping setting
 * (mappings/defaults/targets.json). Quotes are never confirmed: they stay drafts (or estimates).
 */
import * as z from 'zod';
import defaults from './defaults/targets.json';
import { MappingTargetSchema, type MappingTarget } from './schema';

export const TargetSettingsSchema = z
  .object({
    description: z.string().optional(),
    inventory: z.object({ order: z.literal('inventory.salesorder'), quote: z.literal('inventory.salesorder') }),
    books: z.object({ order: z.literal('books.salesorder'), quote: MappingTargetSchema.refine((t) => t.startsWith('books.'), 'a Books target') }),
  })
  .strict();
export type TargetSettings = z.infer<typeof TargetSettingsSchema>;

export function defaultTargets(): TargetSettings {
  return TargetSettingsSchema.parse(defaults);
}

export function targetOf(product: 'inventory' | 'books', kind: 'order' | 'quote', settings: TargetSettings = defaultTargets()): MappingTarget {
  return settings[product][kind];
}

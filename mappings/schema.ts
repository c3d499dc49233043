/**
 * A mapping document says how an order becomes a Zoho payload: one row per Zoho field, each
 * naming its source. The defaults are the JSON files in mappings/defaults/; the console edits
 * copies of them. Pure data, validated here.
 */
import * as z from 'zod';

export const MappingTargetSchema = z.enum(['inventory.salesorder', 'books.salesorder', 'books.estimate']);
export type MappingTarget = z.infer<typeof MappingTargetSchema>;

export const FieldSourceSchema = z.union([
  z.object({ path: z.string().min(1) }).strict(),
  z.object({ value: z.union([z.string(), z.number(), z.boolean()]) }).strict(),
]);
export type FieldSource = z.infer<typeof FieldSourceSchema>;

export const FieldRowSchema = z
  .object({
    zoho: z.string().regex(/^[a-z_][a-z0-9_]*$/, 'must be a Zoho field name such as customer_id'),
    source: FieldSourceSchema,
    required: z.boolean().optional(),
  })
  .strict();
export type FieldRow = z.infer<typeof FieldRowSchema>;

export const MappingSchema = z
  .object({
    target: MappingTargetSchema,
    description: z.string().optional(),
    /** Leave the document a draft, or confirm (Inventory) / open (Books) it after creation. */
    status: z.enum(['draft', 'confirmed']).default('draft'),
    fields: z.array(FieldRowSchema).min(1),
    lineFields: z.array(FieldRowSchema).min(1),
  })
  .strict();
export type Mapping = z.infer<typeof MappingSchema>;

/**
 * A mapping document says how an order (or a new customer) becomes a Zoho payload: one row per
 * Zoho field, each naming its source. The defaults are the JSON files in mappings/defaults/; the
 * console saves edited copies as versions. Pure data, validated here.
 *
 * Sources:
 * - `{ path }`        a value of the source view (`customer.zohoContactId`, `lines` rows: `rate`)
 * - `{ value }`       a fixed value
 * - `{ template }`    a Handlebars string over the source view: `"PO {{reference}} by {{rep}}"`
 * - `{ lookup }`      a value of the view through a table: payment method → a custom field value
 * - `{ expression }`  JSONata, the escape hatch (evaluated with a time and size bound)
 */
import * as z from 'zod';

/** The Zoho documents an order or quote can become. */
export const DocumentTargetSchema = z.enum(['inventory.salesorder', 'books.salesorder', 'books.estimate']);
export type DocumentTarget = z.infer<typeof DocumentTargetSchema>;

/** Everything a mapping can produce: the documents, and the contact of a customer made on a device. */
export const MappingTargetSchema = z.enum([...DocumentTargetSchema.options, 'contact']);
export type MappingTarget = z.infer<typeof MappingTargetSchema>;

export const isDocumentTarget = (t: MappingTarget): t is DocumentTarget => t !== 'contact';

/** What a fixed value or a lookup result may be: Zoho fields take strings, numbers and booleans. */
const ScalarSchema = z.union([z.string().max(2000), z.number(), z.boolean()]);

/** Longest template or expression: an editor's field, not a program. */
export const MAX_SOURCE_TEXT = 2000;

export const FieldSourceSchema = z.union([
  z.object({ path: z.string().min(1).max(200) }).strict(),
  z.object({ value: ScalarSchema }).strict(),
  z.object({ template: z.string().min(1).max(MAX_SOURCE_TEXT) }).strict(),
  z
    .object({
      lookup: z
        .object({
          path: z.string().min(1).max(200),
          table: z.record(z.string().max(200), ScalarSchema).refine((t) => Object.keys(t).length <= 200, 'at most 200 entries'),
          /** When the value is missing or not in the table; without it the field is left out. */
          default: ScalarSchema.optional(),
        })
        .strict(),
    })
    .strict(),
  z.object({ expression: z.string().min(1).max(MAX_SOURCE_TEXT) }).strict(),
]);
export type FieldSource = z.infer<typeof FieldSourceSchema>;
export type SourceKind = 'path' | 'value' | 'template' | 'lookup' | 'expression';

const ZohoFieldName = z.string().regex(/^[a-z_][a-z0-9_]*$/, 'must be a Zoho field name such as customer_id');

/** A standard Zoho field of the document (`customer_id`, `notes`) or of each line. */
export const StandardRowSchema = z
  .object({
    zoho: ZohoFieldName,
    source: FieldSourceSchema,
    required: z.boolean().optional(),
  })
  .strict();

/** One of the organization's custom fields, sent as `custom_fields: [{ api_name | customfield_id, value }]`. */
export const CustomFieldRowSchema = z
  .object({
    /** Never set: lets code read `row.zoho` on any row (undefined for a custom field). */
    zoho: z.undefined().optional(),
    customField: z.union([
      z.object({ api_name: z.string().regex(/^cf_[a-z0-9_]+$/i, 'must be a custom field api_name such as cf_payment_method') }).strict(),
      z.object({ customfield_id: z.string().regex(/^\d{1,30}$/, 'must be a Zoho customfield_id (digits)') }).strict(),
    ]),
    source: FieldSourceSchema,
    required: z.boolean().optional(),
  })
  .strict();

export const FieldRowSchema = z.union([StandardRowSchema, CustomFieldRowSchema]);
export type StandardRow = z.infer<typeof StandardRowSchema>;
export type CustomFieldRow = z.infer<typeof CustomFieldRowSchema>;
export type FieldRow = z.infer<typeof FieldRowSchema>;

export const isCustomFieldRow = (row: FieldRow): row is CustomFieldRow => 'customField' in row;

/** How errors and the console name a row's Zoho field: `notes`, or `custom_fields.cf_payment_method`. */
export function rowField(row: FieldRow): string {
  if (!isCustomFieldRow(row)) return row.zoho;
  return `custom_fields.${'api_name' in row.customField ? row.customField.api_name : row.customField.customfield_id}`;
}

export const MappingSchema = z
  .object({
    target: MappingTargetSchema,
    description: z.string().max(500).optional(),
    /** Leave the document a draft, or confirm (Inventory) / open (Books) it after creation. Quotes never are. */
    status: z.enum(['draft', 'confirmed']).default('draft'),
    fields: z.array(FieldRowSchema).min(1).max(200),
    /** One row per field of each line item (documents); a contact has none. */
    lineFields: z.array(StandardRowSchema).max(100).default([]),
  })
  .strict()
  .superRefine((m, ctx) => {
    if (isDocumentTarget(m.target) && m.lineFields.length === 0) {
      ctx.addIssue({ code: 'custom', path: ['lineFields'], message: 'a document mapping needs at least one line field' });
    }
    if (!isDocumentTarget(m.target) && m.lineFields.length > 0) {
      ctx.addIssue({ code: 'custom', path: ['lineFields'], message: 'a contact has no line items' });
    }
  });
export type Mapping = z.infer<typeof MappingSchema>;
/** A mapping as the console or a file writes it (before defaults). */
export type MappingInput = z.input<typeof MappingSchema>;

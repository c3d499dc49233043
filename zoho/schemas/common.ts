/**
 * Zoho's envelopes and the small shapes every resource shares, written from Zoho's own descriptions
 * (api-evangelist/zoho-inventory, openapi/zoho-inventory-*-api-openapi.yml; Books: zoho.com/books/api/v3),
 * not from our sandbox or connector: the schemas in this folder are the third party both are held to.
 * Answers are loose (Zoho adds fields as it likes); requests are strict (a field Zoho does not document,
 * or a documented field of the wrong type, is a mistake on our side).
 */
import * as z from 'zod';

/** Ids are `type: string` in every description (their examples print them as bare numbers). */
export const zohoId = z.string().min(1);

/** `yyyy-mm-dd`, the date format every description gives. */
export const zohoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a yyyy-mm-dd date');

/**
 * A discount: the sales order description types it `number` but its example is `"20.00%"`, and the
 * Books docs say "amount or percentage": both readings are accepted (a number, or a `12.5%` string).
 */
export const discount = z.union([z.number(), z.string().regex(/^\d+(\.\d+)?%$/, 'a percentage like "10%"')]);

/** `page_context` of a list answer (Books and the taxes description show it; every paged list carries it). */
export const pageContext = z.looseObject({
  page: z.number().int().min(1),
  per_page: z.number().int().min(1),
  has_more_page: z.boolean(),
  report_name: z.string().optional(),
  applied_filter: z.string().optional(),
  sort_column: z.string().optional(),
  sort_order: z.enum(['A', 'D']).optional(),
});

/** `{code: 0, message, <key>: entity}`: the success answer of a create, a read or an update. */
export function entityAnswer<K extends string, S extends z.ZodType>(key: K, entity: S) {
  return z.looseObject({ code: z.literal(0), message: z.string(), ...({ [key]: entity } as Record<K, S>) });
}

/**
 * `{code: 0, message, <key>: [...], page_context}`: a paged list. `pageContext: 'optional'` where the
 * description shows the list without one (currencies, contact persons): both readings accepted there.
 */
export function listAnswer<K extends string, S extends z.ZodType>(key: K, entity: S, opts: { pageContext?: 'required' | 'optional' } = {}) {
  return z.looseObject({
    code: z.literal(0),
    message: z.string(),
    ...({ [key]: z.array(entity) } as Record<K, z.ZodArray<S>>),
    page_context: opts.pageContext === 'optional' ? pageContext.optional() : pageContext,
  });
}

/** `{code: 0, message}`: a status change, a delete, a mark-as-active. */
export const messageAnswer = z.looseObject({ code: z.literal(0), message: z.string().min(1) });

/** `{code, message}` with a non-zero code: every error Zoho answers (docs: "Errors" page of both APIs). */
export const errorAnswer = z.looseObject({
  code: z
    .number()
    .int()
    .refine((c) => c !== 0, 'an error has a non-zero code'),
  message: z.string().min(1),
});

/** The known error codes (shared/zoho-api.md §2, §6): what a check expects for a given fault. */
export const ERROR_CODES = {
  invalidValue: 2,
  invalidUrl: 5,
  rateLimitPerMinute: 44,
  rateLimitDaily: 45,
  unauthorized: 57,
  internal: 1000,
  notFound: 1002,
  malformedJson: 1038,
  concurrency: 1070,
  organization: 6041,
} as const;

/** A custom field value on a document or contact: `customfield_id` or `api_name` (Books), and its value (`string` in the descriptions). */
export const customFieldValueRequest = z.strictObject({
  customfield_id: zohoId.optional(),
  api_name: z.string().min(1).optional(),
  label: z.string().optional(),
  /** Contacts' description identifies a field by its position instead. */
  index: z.number().int().optional(),
  value: z.string(),
});

export const customFieldValue = z.looseObject({
  customfield_id: zohoId.optional(),
  api_name: z.string().optional(),
  label: z.string().optional(),
  index: z.number().int().optional(),
  value: z.unknown(),
});

/** An address as the contacts description gives it (a sales order carries one inline in answers only). */
export const addressFields = {
  attention: z.string().optional(),
  address: z.string().optional(),
  street2: z.string().optional(),
  city: z.string().optional(),
  state: z.string().optional(),
  state_code: z.string().optional(),
  zip: z.string().optional(),
  country: z.string().optional(),
  country_code: z.string().optional(),
  phone: z.string().optional(),
  fax: z.string().optional(),
};
export const addressRequest = z.strictObject(addressFields);
export const address = z.looseObject({ address_id: zohoId.optional(), ...addressFields });

/** Query values arrive as strings: an `integer`, `number` or `boolean` parameter is checked for that form. */
export const queryInteger = z.string().regex(/^\d+$/, 'an integer');
export const queryNumber = z.string().regex(/^-?\d+(\.\d+)?$/, 'a number');
export const queryBoolean = z.enum(['true', 'false']);

/** `organization_id` goes on every call but `GET /organizations` (shared/zoho-api.md §2). */
export const organizationQuery = { organization_id: zohoId };

/** The paging parameters every documented list takes (`page` from 1, `per_page` up to 200). */
export const pagingQuery = {
  ...organizationQuery,
  page: queryInteger.refine((v) => Number(v) >= 1, 'page starts at 1').optional(),
  per_page: queryInteger.refine((v) => Number(v) >= 1 && Number(v) <= 200, 'per_page is 1..200').optional(),
};

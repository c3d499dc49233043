/**
 * Taxes and tax groups (`/settings/taxes`, `/settings/taxgroups/{id}`). Read from
 * api-evangelist/zoho-inventory `openapi/zoho-inventory-taxes-api-openapi.yml` (list_taxes, get_tax,
 * get_tax_group, create_tax_group). The description shows get_tax's `tax` as an array (flattened,
 * by the look of list_taxes' entries): one object or a one-element array is accepted. A tax group's
 * `taxes` request field is a comma-separated string of tax ids; its answer lists the taxes.
 */
import * as z from 'zod';
import { entityAnswer, listAnswer, zohoId } from './common';
import { listQuerySchema, TAXES_LIST } from './filters';

export const tax = z.looseObject({
  tax_id: zohoId,
  tax_name: z.string().min(1),
  tax_percentage: z.number(),
  tax_type: z.string().optional(),
  tax_factor: z.string().optional(),
  tax_specific_type: z.string().optional(),
  tax_authority_id: z.string().optional(),
  tax_authority_name: z.string().optional(),
  is_value_added: z.boolean().optional(),
  is_default_tax: z.boolean().optional(),
  is_editable: z.boolean().optional(),
});

export const taxListAnswer = listAnswer('taxes', tax);
export const taxAnswer = entityAnswer('tax', z.union([tax, z.array(tax).length(1)]));
export const taxListQuery = listQuerySchema(TAXES_LIST);

export const taxGroup = z.looseObject({
  tax_group_id: zohoId,
  tax_group_name: z.string().min(1),
  tax_group_percentage: z.number(),
  taxes: z.array(tax.partial({ tax_name: true, tax_percentage: true })),
});
export const taxGroupAnswer = entityAnswer('tax_group', taxGroup);
export const taxGroupCreate = z.strictObject({ tax_group_name: z.string().min(1), taxes: z.string().regex(/^[^,]+(,[^,]+)*$/, 'tax ids separated by commas') });

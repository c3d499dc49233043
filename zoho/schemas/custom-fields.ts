/**
 * The organization's custom field settings per module. Zoho's published references (neither the
 * Inventory descriptions in api-evangelist/zoho-inventory nor Books' pages) document no list of
 * custom field settings; the two readings in use by working clients are described in
 * zoho/connector/resources/custom-fields.ts (`GET /settings/customfields?module=<entity>` answering
 * `customfields`, and `GET /settings/preferences/<entity>s` answering
 * `preferences_<entity>s.custom_fields`). Field names come from Zoho's documents: a document's
 * `custom_fields[]` carries `customfield_id`, `label`, `value`; Books adds `api_name` and
 * `data_type` (string, number, date, dropdown, check_box, email, ...).
 */
import * as z from 'zod';
import { organizationQuery, zohoId } from './common';

export const customFieldSetting = z.looseObject({
  customfield_id: zohoId,
  label: z.string().min(1),
  api_name: z.string().min(1).optional(),
  data_type: z.string().optional(),
  is_mandatory: z.boolean().optional(),
  is_active: z.boolean().optional(),
  entity: z.string().optional(),
  values: z.array(z.looseObject({ name: z.string(), order: z.number().optional() })).optional(),
});

const fields = z.array(customFieldSetting);
export const customFieldListAnswer = z.union([
  z.looseObject({ code: z.literal(0), message: z.string(), customfields: fields }),
  z.looseObject({ code: z.literal(0), message: z.string(), custom_fields: fields }),
]);
export function customFieldPreferencesAnswer(entity: 'salesorder' | 'estimate' | 'contact') {
  return z.looseObject({ code: z.literal(0), message: z.string(), [`preferences_${entity}s`]: z.looseObject({ custom_fields: fields }) });
}
export const customFieldListQuery = z.strictObject({ ...organizationQuery, module: z.enum(['salesorder', 'estimate', 'contact', 'item']) });

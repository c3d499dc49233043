/**
 * The organization's custom fields of one entity (sales orders, estimates, contacts): what the
 * console offers as mapping rows and what a saved mapping is checked against.
 *
 * Zoho's published API reference has no page for listing custom field settings; two readings are
 * in use by working clients, and the connector speaks both:
 * 1. `GET /settings/customfields?module=<entity>` answered with `customfields` (or `custom_fields`):
 *    [{ customfield_id, label, api_name, data_type, is_mandatory, is_active, entity }] — as an
 *    Inventory client calls it (public GitHub code: fetchCustomFieldsForItems, `module=item`,
 *    reading `payload.customfields ?? payload.custom_fields`).
 * 2. `GET /settings/preferences/<entity>s` answered with `preferences_<entity>s.custom_fields` — as
 *    the `zoho-inventory` npm package lists them (github.com/indexzero/zoho-inventory,
 *    custom-fields.js, tested against Zoho; it creates them with `POST /settings/preferences/customfields`,
 *    `{ entity, label, data_type, is_mandatory }`).
 * Zoho's help (Settings → Preferences → Sales Orders → Custom Fields) places them per module, as both do.
 * The first is asked first; an "invalid URL" answer (404) falls back to the second.
 */
import type { CustomFieldEntity } from '../../../domain';
import { ZohoNotFoundError, ZohoValidationError } from '../errors';
import type { Envelope, ZohoHttp } from '../http';
import type { ZohoCustomFieldSetting } from '../types';

const ENTITIES: readonly CustomFieldEntity[] = ['salesorder', 'estimate', 'contact'];

function fieldsIn(value: unknown, entity: CustomFieldEntity): ZohoCustomFieldSetting[] | undefined {
  if (Array.isArray(value)) return value as ZohoCustomFieldSetting[];
  // Some answers group the fields by entity: { salesorder: [...], contact: [...] }.
  if (value && typeof value === 'object') {
    const grouped = (value as Record<string, unknown>)[entity];
    if (Array.isArray(grouped)) return grouped as ZohoCustomFieldSetting[];
  }
  return undefined;
}

function normalise(rows: ZohoCustomFieldSetting[], entity: CustomFieldEntity): ZohoCustomFieldSetting[] {
  return rows
    .filter((f) => f && typeof f === 'object' && (f.entity === undefined || f.entity === entity || (f as { module?: string }).module === entity))
    .map((f) => ({
      ...f,
      customfield_id: String(f.customfield_id ?? (f as { field_id?: string }).field_id ?? ''),
      label: String(f.label ?? (f as { field_label?: string }).field_label ?? ''),
      api_name: String(f.api_name ?? ''),
    }))
    .filter((f) => f.customfield_id !== '' || f.api_name !== '');
}

export function customFields(http: ZohoHttp) {
  return {
    async list(entity: CustomFieldEntity): Promise<ZohoCustomFieldSetting[]> {
      if (!ENTITIES.includes(entity)) throw new ZohoValidationError(`custom fields: unknown entity ${entity}`, { code: 'invalid_query', httpStatus: 0 });
      let body: Envelope;
      try {
        body = await http.call({ method: 'GET', path: '/settings/customfields', query: { module: entity } });
      } catch (err) {
        if (!(err instanceof ZohoNotFoundError) && !(err instanceof ZohoValidationError && err.httpStatus === 404)) throw err;
        const preferences = await http.call({ method: 'GET', path: `/settings/preferences/${entity}s` });
        const section = preferences[`preferences_${entity}s`] as Record<string, unknown> | undefined;
        return normalise(fieldsIn(section?.custom_fields, entity) ?? [], entity);
      }
      return normalise(fieldsIn(body.customfields, entity) ?? fieldsIn(body.custom_fields, entity) ?? [], entity);
    },
  };
}

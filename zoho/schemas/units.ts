/**
 * Units of measurement (Inventory). Read from api-evangelist/zoho-inventory
 * `openapi/zoho-inventory-unit-of-measurement-api-openapi.yml` (list_units, `GET /units`): each unit
 * has its short code (`unit`, "kg" as items name it) and `quantity_decimal_place`, the decimal
 * places a quantity in it may have; `include_unit_conversions` is the one documented parameter.
 * Books describes no units: its items name a unit as free text.
 */
import * as z from 'zod';
import { organizationQuery, queryBoolean, zohoId } from './common';

export const unitOfMeasure = z.looseObject({
  unit_id: zohoId,
  name: z.string().optional(),
  unit: z.string().min(1),
  uqc: z.string().optional(),
  quantity_decimal_place: z.number().int().min(0).optional(),
  unit_conversions: z.array(z.looseObject({})).optional(),
});

/** The list: `units`, no paging described. */
export const unitListAnswer = z.looseObject({ code: z.literal(0), message: z.string(), units: z.array(unitOfMeasure) });
export const unitListQuery = z.strictObject({ ...organizationQuery, include_unit_conversions: queryBoolean.optional() });

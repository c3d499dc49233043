/**
 * Locations (Inventory), and the legacy warehouses they replaced. Read from api-evangelist/zoho-inventory
 * `openapi/zoho-inventory-locations-api-openapi.yml` (list_locations, get_location, create_location).
 * The list entry shows no `is_primary`; the create answer shows `is_primary`, get_location
 * `is_primary_location`: all optional, both names accepted. Warehouses (`GET /settings/warehouses`)
 * have no description in that repository; the shape is the one shared/zoho-api.md §6 and Zoho's
 * older Inventory pages give (`warehouses: [{warehouse_id, warehouse_name, is_primary, status, address...}]`).
 */
import * as z from 'zod';
import { entityAnswer, listAnswer, zohoId } from './common';
import { listQuerySchema, LOCATIONS_LIST } from './filters';

export const location = z.looseObject({
  location_id: zohoId,
  location_name: z.string().min(1),
  type: z.string().optional(),
  is_primary: z.boolean().optional(),
  is_primary_location: z.boolean().optional(),
  status: z.string().optional(),
  parent_location_id: z.string().optional(),
  email: z.string().optional(),
  phone: z.string().optional(),
  address: z.looseObject({}).optional(),
});

/**
 * The list: `locations` with or without `page_context` (the description shows none; the other
 * Inventory lists carry one).
 */
export const locationListAnswer = z.union([
  listAnswer('locations', location),
  z.looseObject({ code: z.literal(0), message: z.string(), locations: z.array(location) }),
]);
export const locationAnswer = entityAnswer('location', location);
export const locationListQuery = listQuerySchema(LOCATIONS_LIST);

export const warehouse = z.looseObject({
  warehouse_id: zohoId,
  warehouse_name: z.string().min(1),
  is_primary: z.boolean().optional(),
  status: z.string().optional(),
  attention: z.string().optional(),
  address: z.string().optional(),
  city: z.string().optional(),
  state: z.string().optional(),
  zip: z.string().optional(),
  country: z.string().optional(),
  phone: z.string().optional(),
  email: z.string().optional(),
});
export const warehouseListAnswer = z.looseObject({ code: z.literal(0), message: z.string(), warehouses: z.array(warehouse) });

/**
 * Items and item groups (variants). Read from api-evangelist/zoho-inventory
 * `openapi/zoho-inventory-items-api-openapi.yml` (list_items, get_item) and
 * `openapi/zoho-inventory-itemgroups-api-openapi.yml` (create/list/get/update item group).
 * Ambiguities, both readings accepted:
 * - per-location stock (`locations[].location_stock_on_hand`, `_available_stock`,
 *   `_actual_available_stock`) is typed `string` with `''` as example; clients read numbers.
 * - "Retrieve an item group" shows the group's fields at the top level of the answer and its
 *   `items` as one object (machine-flattened); Zoho's pages show `item_group: {..., items: [...]}`.
 * - `attribute_option_name1` is typed `integer` with `'Small'` as example: a string.
 */
import * as z from 'zod';
import { customFieldValue, entityAnswer, listAnswer, zohoId } from './common';
import { BOOKS_ITEMS_LIST, ITEMGROUPS_LIST, ITEMS_LIST, listQuerySchema } from './filters';

const stock = z.union([z.number(), z.string()]);

export const itemLocation = z.looseObject({
  location_id: zohoId,
  location_name: z.string().optional(),
  status: z.string().optional(),
  is_primary: z.boolean().optional(),
  location_stock_on_hand: stock.optional(),
  location_available_stock: stock.optional(),
  location_actual_available_stock: stock.optional(),
});

const itemFields = {
  item_id: zohoId,
  name: z.string().min(1),
  group_id: z.string().optional(),
  group_name: z.string().optional(),
  status: z.enum(['active', 'inactive']),
  item_type: z.string().optional(),
  product_type: z.string().optional(),
  description: z.string().optional(),
  rate: z.number(),
  purchase_rate: z.number().optional(),
  pricebook_rate: z.number().optional(),
  unit: z.string().optional(),
  is_taxable: z.boolean().optional(),
  tax_id: z.string().optional(),
  tax_name: z.string().optional(),
  /** `number` in Inventory's description, `string` in Books' ("70%" as example): both accepted. */
  tax_percentage: z.union([z.number(), z.string()]).optional(),
  sku: z.string().optional(),
  reorder_level: z.number().optional(),
  stock_on_hand: z.number().optional(),
  available_stock: z.number().optional(),
  actual_available_stock: z.number().optional(),
  attribute_id1: z.string().optional(),
  attribute_name1: z.string().optional(),
  attribute_option_id1: z.string().optional(),
  attribute_option_name1: z.string().optional(),
  image_id: z.string().optional(),
  image_name: z.string().optional(),
  image_type: z.string().optional(),
  category_id: z.string().optional(),
  category_name: z.string().optional(),
  locations: z.array(itemLocation).optional(),
  custom_fields: z.array(customFieldValue).optional(),
  created_time: z.string().optional(),
  last_modified_time: z.string().optional(),
};

export const item = z.looseObject(itemFields);
export const itemAnswer = entityAnswer('item', item);
export const itemListAnswer = listAnswer('items', item);
export const itemListQuery = listQuerySchema(ITEMS_LIST);
export const booksItemListQuery = listQuerySchema(BOOKS_ITEMS_LIST);

const attribute = z.looseObject({ id: z.string().optional(), name: z.string().optional(), options: z.unknown().optional() });

const itemGroupFields = {
  group_id: zohoId,
  group_name: z.string().min(1),
  product_type: z.string().optional(),
  brand: z.string().optional(),
  manufacturer: z.string().optional(),
  unit: z.string().optional(),
  description: z.string().optional(),
  is_taxable: z.boolean().optional(),
  tax_id: z.string().optional(),
  tax_name: z.string().optional(),
  tax_percentage: z.number().optional(),
  attribute_id1: z.string().optional(),
  attribute_name1: z.string().optional(),
  status: z.enum(['active', 'inactive']).optional(),
  image_name: z.string().optional(),
  custom_fields: z.array(customFieldValue).optional(),
  /** The group's items (variants): an array in Zoho's pages, one object in the flattened description. */
  items: z.union([z.array(item.partial({ status: true, rate: true })), item.partial({ status: true, rate: true })]).optional(),
  attributes: z.union([z.array(attribute), attribute]).optional(),
  created_time: z.string().optional(),
  last_modified_time: z.string().optional(),
};
export const itemGroup = z.looseObject(itemGroupFields);

/** Either reading of a single group: under `item_group`, or its fields at the top level. */
export const itemGroupAnswer = z.union([entityAnswer('item_group', itemGroup), z.looseObject({ code: z.literal(0), message: z.string(), ...itemGroupFields })]);
export const itemGroupListAnswer = listAnswer('itemgroups', itemGroup);
export const itemGroupListQuery = listQuerySchema(ITEMGROUPS_LIST);

/** `POST /itemgroups`: group_name and unit required; each item name, rate and purchase_rate. */
export const itemGroupCreate = z.strictObject({
  group_name: z.string().min(1),
  brand: z.string().optional(),
  manufacturer: z.string().optional(),
  unit: z.string().min(1),
  description: z.string().optional(),
  tax_id: zohoId.optional(),
  attribute_name1: z.string().optional(),
  items: z
    .array(
      z.strictObject({
        name: z.string().min(1),
        rate: z.number(),
        purchase_rate: z.number(),
        reorder_level: z.number().optional(),
        initial_stock: z.number().optional(),
        initial_stock_rate: z.number().optional(),
        vendor_id: zohoId.optional(),
        sku: z.string().optional(),
        upc: z.union([z.number().int(), z.string()]).optional(),
        ean: z.union([z.number().int(), z.string()]).optional(),
        isbn: z.string().optional(),
        part_number: z.string().optional(),
        attribute_option_name1: z.string().optional(),
        custom_fields: z.array(customFieldValue).optional(),
      }),
    )
    .optional(),
  attributes: z.array(z.strictObject({ id: z.string().optional(), name: z.string(), options: z.array(z.looseObject({})).optional() })).optional(),
});

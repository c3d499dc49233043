/**
 * Price lists (`/pricebooks`). Read from api-evangelist/zoho-inventory
 * `openapi/zoho-inventory-pricelists-api-openapi.yml` (create_pricebook, list_pricebooks,
 * update_pricebook): `pricebook_type` per_item | fixed_percentage, `sales_or_purchase_type`
 * sales | purchases (a rep must never be shown a purchase list), `pricing_scheme` unit | volume,
 * and per item `price_brackets` of quantity ranges, each with a rate or a `"5%"` discount.
 * The description has no "retrieve a price list" (GET /pricebooks/{id}); Satchel reads one, and
 * its answer is held to the list entry's shape under `pricebook`.
 */
import * as z from 'zod';
import { entityAnswer, listAnswer, zohoId } from './common';
import { listQuerySchema, PRICEBOOKS_LIST } from './filters';

const percent = z.string().regex(/^\d+(\.\d+)?%$/, 'a percentage with its % sign');

export const priceBracket = z.looseObject({
  pricebook_item_id: z.string().optional(),
  start_quantity: z.number(),
  end_quantity: z.number().optional(),
  pricebook_rate: z.number().optional(),
  pricebook_discount: percent.optional(),
});

export const priceBookItem = z.looseObject({
  item_id: zohoId,
  pricebook_item_id: z.string().optional(),
  pricebook_rate: z.number().optional(),
  pricebook_discount: percent.optional(),
  pricing_scheme: z.enum(['unit', 'volume']).optional(),
  price_brackets: z.array(priceBracket).optional(),
});

export const priceBook = z.looseObject({
  pricebook_id: zohoId,
  name: z.string().min(1),
  description: z.string().optional(),
  currency_id: z.string().optional(),
  currency_code: z.string().optional(),
  decimal_place: z.number().int().optional(),
  is_default: z.boolean().optional(),
  is_increase: z.boolean().optional(),
  percentage: z.number().optional(),
  pricebook_type: z.enum(['per_item', 'fixed_percentage']),
  pricing_scheme: z.enum(['unit', 'volume']).optional(),
  rounding_type: z.enum(['no_rounding', 'round_to_dollor', 'round_to_dollar_minus_01', 'round_to_half_dollar', 'round_to_half_dollar_minus_01']).optional(),
  sales_or_purchase_type: z.enum(['sales', 'purchases']).optional(),
  status: z.enum(['active', 'inactive']).optional(),
  pricebook_items: z.array(priceBookItem).optional(),
});

export const priceBookListAnswer = listAnswer('pricebooks', priceBook);
export const priceBookAnswer = entityAnswer('pricebook', priceBook);
export const priceBookListQuery = listQuerySchema(PRICEBOOKS_LIST);

/** `POST /pricebooks`, `PUT /pricebooks/{id}`: name, pricebook_type and sales_or_purchase_type required. */
export const priceBookCreate = z.strictObject({
  name: z.string().min(1),
  description: z.string().optional(),
  currency_id: zohoId.optional(),
  pricebook_type: z.enum(['per_item', 'fixed_percentage']),
  percentage: z.number().optional(),
  pricebook_rate: z.number().optional(),
  pricing_scheme: z.enum(['unit', 'volume']).optional(),
  is_increase: z.boolean().optional(),
  rounding_type: z.string().optional(),
  decimal_place: z.union([z.literal(1), z.literal(2), z.literal(3)]).optional(),
  pricebook_items: z
    .array(
      z.strictObject({
        item_id: zohoId,
        pricebook_item_id: zohoId.optional(),
        pricebook_rate: z.number().optional(),
        pricebook_discount: percent.optional(),
        pricing_scheme: z.enum(['unit', 'volume']).optional(),
        price_brackets: z
          .array(
            z.strictObject({
              pricebook_item_id: zohoId.optional(),
              start_quantity: z.number(),
              end_quantity: z.number().optional(),
              pricebook_rate: z.number().optional(),
              pricebook_discount: percent.optional(),
            }),
          )
          .optional(),
      }),
    )
    .optional(),
  sales_or_purchase_type: z.enum(['sales', 'purchases']),
});

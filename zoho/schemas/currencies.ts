/**
 * Currencies (`/settings/currencies`) and their exchange rates. Read from api-evangelist/zoho-inventory
 * `openapi/zoho-inventory-currency-api-openapi.yml` (list_currencies, get_currency): each currency
 * carries its current `exchange_rate` and `effective_date`. get_currency shows `currency` as an array
 * (flattened): one object or a one-element array is accepted. Exchange-rate history
 * (`/settings/currencies/{id}/exchangerates`, Books) answers `exchange_rates: [{exchange_rate_id,
 * currency_id, currency_code, effective_date, rate}]` (zoho.com/books/api/v3/currency).
 */
import * as z from 'zod';
import { entityAnswer, listAnswer, zohoId } from './common';
import { CURRENCIES_LIST, listQuerySchema } from './filters';

export const currency = z.looseObject({
  currency_id: zohoId,
  currency_code: z.string().min(3),
  currency_name: z.string().optional(),
  currency_symbol: z.string().optional(),
  price_precision: z.number().int().optional(),
  currency_format: z.string().optional(),
  is_base_currency: z.boolean(),
  exchange_rate: z.number().optional(),
  effective_date: z.string().optional(),
});

/** list_currencies shows no page_context: with or without one. */
export const currencyListAnswer = listAnswer('currencies', currency, { pageContext: 'optional' });
export const currencyAnswer = entityAnswer('currency', z.union([currency, z.array(currency).length(1)]));
export const currencyListQuery = listQuerySchema(CURRENCIES_LIST);

export const exchangeRate = z.looseObject({
  exchange_rate_id: zohoId,
  currency_id: z.string().optional(),
  currency_code: z.string().optional(),
  effective_date: z.string(),
  rate: z.number(),
});
export const exchangeRateListAnswer = z.looseObject({ code: z.literal(0), message: z.string(), exchange_rates: z.array(exchangeRate) });

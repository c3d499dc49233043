/**
 * Sales orders, Inventory and Books: what Zoho accepts (create, update, status changes, list query)
 * and what it answers. Read from api-evangelist/zoho-inventory
 * `openapi/zoho-inventory-salesorders-api-openapi.yml` (create_sales_order, update_sales_order,
 * get_sales_order, list_sales_orders, mark_sales_order_as_confirmed / _void, bulk_confirm_sales_orders,
 * delete_sales_order) and, for Books, zoho.com/books/api/v3/sales-order (create/update add
 * `salesperson_name`, line `discount`, `is_inclusive_tax`; status `open` instead of `confirmed`).
 * Regional fields (GST, VAT treatment, place of supply, CFDI) are left out: Satchel never sends them,
 * and a strict request schema refusing them is the point.
 */
import * as z from 'zod';
import {
  customFieldValue,
  customFieldValueRequest,
  discount,
  entityAnswer,
  listAnswer,
  messageAnswer,
  organizationQuery,
  queryBoolean,
  zohoDate,
  zohoId,
} from './common';
import { listQuerySchema, SALESORDERS_LIST } from './filters';

const lineItemRequestFields = {
  line_item_id: zohoId.optional(),
  item_id: zohoId.optional(),
  name: z.string().optional(),
  description: z.string().optional(),
  item_order: z.number().int().optional(),
  rate: z.number().optional(),
  quantity: z.number().optional(),
  unit: z.string().optional(),
  tax_id: zohoId.optional(),
  tds_tax_id: zohoId.optional(),
  tax_name: z.string().optional(),
  tax_type: z.string().optional(),
  tax_percentage: z.number().optional(),
  item_total: z.number().optional(),
  location_id: zohoId.optional(),
  item_custom_fields: z.array(customFieldValueRequest).optional(),
  /**
   * Books documents a line `discount`; of Inventory's two stored descriptions, `salesorders` has
   * none and `sales-orders` documents it with `discount_type: item_level`. Accepted for both: the
   * sandbox can play either reading (`inventoryLineDiscounts`), and the workflow notes on the
   * timeline a Zoho total that differs from the device's.
   */
  discount: discount.optional(),
};
const booksLineItemRequestFields = lineItemRequestFields;

const salesOrderRequestFields = {
  customer_id: zohoId,
  /** Required by the description; Zoho generates one unless `ignore_auto_number_generation=true`. */
  salesorder_number: z.string().min(1).optional(),
  date: zohoDate.optional(),
  shipment_date: zohoDate.optional(),
  custom_fields: z.array(customFieldValueRequest).optional(),
  reference_number: z.string().optional(),
  location_id: zohoId.optional(),
  contact_persons_associated: z.array(z.strictObject({ contact_person_id: zohoId, communication_preference: z.looseObject({}).optional() })).optional(),
  notes: z.string().optional(),
  terms: z.string().optional(),
  discount: discount.optional(),
  is_discount_before_tax: z.boolean().optional(),
  discount_type: z.enum(['entity_level', 'item_level']).optional(),
  shipping_charge: z.number().optional(),
  delivery_method: z.string().optional(),
  adjustment: z.number().optional(),
  adjustment_description: z.string().optional(),
  pricebook_id: zohoId.optional(),
  salesperson_id: zohoId.optional(),
  is_inclusive_tax: z.boolean().optional(),
  exchange_rate: z.number().optional(),
  template_id: zohoId.optional(),
  billing_address_id: zohoId.optional(),
  shipping_address_id: zohoId.optional(),
  line_items: z.array(z.strictObject(lineItemRequestFields)).min(1),
};

/** `POST /salesorders` (Inventory). */
export const inventorySalesOrderCreate = z.strictObject(salesOrderRequestFields);

/** `POST /salesorders` (Books): the same, plus `salesperson_name` (Books names the salesperson) and line discounts. */
export const booksSalesOrderCreate = z.strictObject({
  ...salesOrderRequestFields,
  salesperson_name: z.string().optional(),
  line_items: z.array(z.strictObject(booksLineItemRequestFields)).min(1),
});

/** `PUT /salesorders/{id}`: the update takes the create's fields (and `salesperson_name` in both descriptions). */
export const inventorySalesOrderUpdate = z.strictObject({ ...salesOrderRequestFields, salesperson_name: z.string().optional() });
export const booksSalesOrderUpdate = booksSalesOrderCreate;

/** Query of a create or update: `ignore_auto_number_generation` (boolean). */
export const salesOrderCreateQuery = z.strictObject({ ...organizationQuery, ignore_auto_number_generation: queryBoolean.optional() });

/** `GET /salesorders` query: paging and the documented filters (see filters.ts for the sources). */
export const salesOrderListQuery = listQuerySchema(SALESORDERS_LIST);

/** `POST /salesorders/status/confirmed?salesorder_ids=a,b` (bulk confirm). */
export const salesOrderBulkConfirmQuery = z.strictObject({
  ...organizationQuery,
  salesorder_ids: z.string().regex(/^[^,]+(,[^,]+)*$/, 'ids separated by commas'),
});

/** Statuses the descriptions name: Inventory draft → confirmed → (fulfilled, ...) / void; Books draft → open → ... / void. */
export const SALES_ORDER_STATUSES = [
  'draft',
  'confirmed',
  'open',
  'void',
  'closed',
  'fulfilled',
  'invoiced',
  'partially_invoiced',
  'overdue',
  'pending_approval',
  'approved',
  'rejected',
  'onhold',
] as const;

export const salesOrderLineItem = z.looseObject({
  line_item_id: zohoId,
  item_id: zohoId.optional(),
  name: z.string().optional(),
  description: z.string().optional(),
  item_order: z.number().int().optional(),
  bcy_rate: z.number().optional(),
  rate: z.number(),
  quantity: z.number(),
  quantity_invoiced: z.number().optional(),
  quantity_packed: z.number().optional(),
  quantity_shipped: z.number().optional(),
  unit: z.string().optional(),
  tax_id: z.string().optional(),
  tax_name: z.string().optional(),
  tax_type: z.string().optional(),
  tax_percentage: z.number().optional(),
  item_total: z.number(),
  discount: discount.optional(),
  location_id: z.string().optional(),
  location_name: z.string().optional(),
});

const salesOrderFields = {
  salesorder_id: zohoId,
  salesorder_number: z.string().min(1),
  date: zohoDate.optional(),
  status: z.enum(SALES_ORDER_STATUSES),
  shipment_date: z.string().optional(),
  reference_number: z.string().optional(),
  customer_id: zohoId,
  customer_name: z.string().optional(),
  currency_id: z.string().optional(),
  currency_code: z.string().optional(),
  currency_symbol: z.string().optional(),
  exchange_rate: z.number().optional(),
  discount_amount: z.number().optional(),
  discount: discount.optional(),
  is_discount_before_tax: z.boolean().optional(),
  discount_type: z.string().optional(),
  is_inclusive_tax: z.boolean().optional(),
  /**
   * Not in the descriptions; Zoho's sales order and invoice answers in use carry it (the
   * organization's tax rounding as applied: per line or per document). Optional.
   */
  tax_rounding: z.enum(['item_level', 'entity_level']).optional(),
  delivery_method: z.string().optional(),
  location_id: z.string().optional(),
  shipping_charge: z.number().optional(),
  adjustment: z.number().optional(),
  adjustment_description: z.string().optional(),
  sub_total: z.number().optional(),
  tax_total: z.number().optional(),
  total: z.number(),
  taxes: z.array(z.looseObject({ tax_name: z.string().optional(), tax_amount: z.number().optional() })).optional(),
  price_precision: z.number().int().optional(),
  pricebook_id: z.string().optional(),
  notes: z.string().optional(),
  terms: z.string().optional(),
  salesperson_id: z.string().optional(),
  salesperson_name: z.string().optional(),
  custom_fields: z.array(customFieldValue).optional(),
  created_time: z.string().optional(),
  last_modified_time: z.string().optional(),
  line_items: z.array(salesOrderLineItem),
};

export const salesOrder = z.looseObject(salesOrderFields);

/** A list entry (list_sales_orders): a summary, no lines. */
export const salesOrderSummary = z.looseObject({
  salesorder_id: zohoId,
  salesorder_number: z.string().min(1),
  customer_id: zohoId,
  customer_name: z.string().optional(),
  status: z.enum(SALES_ORDER_STATUSES),
  reference_number: z.string().optional(),
  date: zohoDate.optional(),
  shipment_date: z.string().optional(),
  currency_code: z.string().optional(),
  total: z.number().optional(),
  created_time: z.string().optional(),
  last_modified_time: z.string().optional(),
});

/**
 * A create's (and an update's) answer: the description names the order `sales_order`, while
 * get_sales_order and the clients in use read `salesorder` (shared/zoho-api.md §2): both are accepted,
 * one of them must be there.
 */
export const salesOrderWritten = z.union([entityAnswer('salesorder', salesOrder), entityAnswer('sales_order', salesOrder)]);
export const salesOrderAnswer = entityAnswer('salesorder', salesOrder);
export const salesOrderListAnswer = listAnswer('salesorders', salesOrderSummary);
export const salesOrderStatusAnswer = messageAnswer;
export const salesOrderDeleteAnswer = messageAnswer;

/** Bulk confirm: `{code: 0, message, data: {email_success_info, email_error_info}}`; `data` optional (the message alone is what clients read). */
export const salesOrderBulkConfirmAnswer = messageAnswer.extend({
  data: z.looseObject({ email_success_info: z.array(z.looseObject({})).optional(), email_error_info: z.array(z.looseObject({})).optional() }).optional(),
});

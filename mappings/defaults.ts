/** The default mapping of each Zoho target, shipped as JSON files in mappings/defaults/ (version 0). */
import inventorySalesOrder from './defaults/inventory-salesorder.json';
import booksSalesOrder from './defaults/books-salesorder.json';
import booksEstimate from './defaults/books-estimate.json';
import contact from './defaults/contact.json';
import { MappingSchema, type Mapping, type MappingTarget } from './schema';

const DEFAULTS: Record<MappingTarget, unknown> = {
  'inventory.salesorder': inventorySalesOrder,
  'books.salesorder': booksSalesOrder,
  'books.estimate': booksEstimate,
  contact,
};

/** What the default mappings take from the hub's configuration. */
export interface DefaultMappingOptions {
  /**
   * The sales order / estimate custom field (api_name, ORDER_PAYMENT_METHOD_FIELD) the payment
   * method goes to: Zoho's sales orders and estimates have no payment field of their own.
   */
  paymentMethodField?: string;
}

export function defaultMapping(target: MappingTarget, options: DefaultMappingOptions = {}): Mapping {
  const mapping = MappingSchema.parse(DEFAULTS[target]);
  if (target === 'contact' || !options.paymentMethodField) return mapping;
  return MappingSchema.parse({
    ...mapping,
    fields: [...mapping.fields, { customField: { api_name: options.paymentMethodField }, source: { path: 'paymentMethod' } }],
  });
}

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

export function defaultMapping(target: MappingTarget): Mapping {
  return MappingSchema.parse(DEFAULTS[target]);
}

import type { DocumentKind } from './order';

const PREFIX: Record<DocumentKind | 'customer', string> = { order: 'SO', quote: 'QT', customer: 'CU' };

/**
 * The Zoho document number of an order, derived from the device's UUID alone. Creating with
 * this number (and `ignore_auto_number_generation`) is what makes a retried create detectable:
 * Zoho refuses the second one, and we look the first one up by number.
 * 16 hex digits = 64 bits of the UUID: collisions are out of reach for any real order volume.
 */
export function documentNumber(kind: DocumentKind, id: string): string {
  const hex = id.replace(/-/g, '').toUpperCase();
  if (!/^[0-9A-F]{32}$/.test(hex)) throw new RangeError(`not a UUID: ${id}`);
  return `${PREFIX[kind]}-${hex.slice(0, 16)}`;
}

/** Temporal workflow id of a document: the same id can never run twice at once. */
export function workflowId(kind: DocumentKind | 'customer', id: string): string {
  return `${kind}-${id}`;
}

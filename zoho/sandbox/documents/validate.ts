/**
 * The checks a new sales order or estimate must pass before anything is priced: a known, active
 * customer, at least one line, a free number when the client picks its own, a known price list and
 * location. Each throws the error Zoho gives.
 */
import { CODES, invalid, SandboxError } from '../errors';
import type { Contact, Json, Location, PriceBook } from '../types';
import { lc, str } from '../values';

/** The document's customer: it must exist, and a customer put on hold (marked inactive) in Zoho takes no new documents. */
export function customerFor(p: Json, contacts: ReadonlyMap<string, Contact>, label: string): Contact {
  const customerId = str(p.customer_id);
  if (!customerId) throw new SandboxError(400, CODES.invalidValue, 'Invalid value passed for customer_id');
  const customer = contacts.get(customerId);
  if (!customer) throw new SandboxError(400, CODES.invalidValue, 'Invalid value passed for customer_id');
  if ((customer.status as string) === 'inactive') {
    throw new SandboxError(
      400,
      CODES.invalidValue,
      `The customer "${customer.contact_name}" is inactive. Mark the customer as active to create a ${label.toLowerCase()}.`,
    );
  }
  return customer;
}

/** The body's line items, unread: Zoho refuses a document without any. */
export function lineItemsOf(p: Json): unknown[] {
  if (!Array.isArray(p.line_items) || p.line_items.length === 0) {
    throw new SandboxError(400, CODES.lineItemsEmpty, 'Line items cannot be empty.');
  }
  return p.line_items;
}

/** The number the client chose (auto-numbering off): it must be there and not taken, whatever its case. */
export function givenNumber(p: Json, numberKey: string, label: string, taken: ReadonlyMap<string, string>): string {
  const number = str(p[numberKey]).trim();
  if (!number) throw new SandboxError(400, CODES.invalidValue, `Invalid value passed for ${numberKey}`);
  if (taken.has(lc(number))) throw new SandboxError(400, CODES.duplicateNumber, `${label} number "${number}" already exists.`);
  return number;
}

/** The price list the document names, if it names one: it must exist. */
export function priceBookFor(p: Json, pricebooks: readonly PriceBook[]): { pricebookId: string; pricebook: PriceBook | undefined } {
  const pricebookId = str(p.pricebook_id);
  const pricebook = pricebookId ? pricebooks.find((pb) => pb.pricebook_id === pricebookId) : undefined;
  // A purchase list prices what the organization buys: Zoho does not take it on a sales document.
  if (pricebookId && (!pricebook || pricebook.sales_or_purchase_type === 'purchases')) throw invalid('pricebook_id');
  return { pricebookId, pricebook };
}

/** A location id of the document or of a line: empty (none), or one of the organization's. */
export function knownLocation(locationId: string, locations: readonly Location[]): string {
  if (locationId && !locations.some((l) => l.location_id === locationId)) throw invalid('location_id');
  return locationId;
}

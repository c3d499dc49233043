/** Checks on what the connector is about to send: a bad payload fails here, before any HTTP call. */
import { ZohoValidationError } from './errors';
import type { ContactPayload, DocumentPayload } from './types';

function invalid(message: string): ZohoValidationError {
  return new ZohoValidationError(message, { code: 'invalid_payload', httpStatus: 0 });
}

export function requireId(what: string, id: unknown): string {
  if (typeof id !== 'string' || id.trim() === '') throw invalid(`${what} is required`);
  return id;
}

export function validateDocument(kind: string, payload: DocumentPayload, number: string): void {
  if (!payload || typeof payload !== 'object') throw invalid(`${kind}: payload is required`);
  requireId(`${kind}: customer_id`, payload.customer_id);
  requireId(`${kind}: document number`, number);
  if (!Array.isArray(payload.line_items) || payload.line_items.length === 0) {
    throw invalid(`${kind}: line_items must not be empty`);
  }
  payload.line_items.forEach((line, i) => {
    if (!line || (typeof line.item_id !== 'string' && typeof line.name !== 'string')) {
      throw invalid(`${kind}: line ${i + 1} needs an item_id or a name`);
    }
    if (typeof line.quantity !== 'number' || !Number.isFinite(line.quantity) || line.quantity <= 0) {
      throw invalid(`${kind}: line ${i + 1} needs a positive quantity`);
    }
    if (line.rate !== undefined && (typeof line.rate !== 'number' || !Number.isFinite(line.rate) || line.rate < 0)) {
      throw invalid(`${kind}: line ${i + 1} has an invalid rate`);
    }
  });
}

export function validateContact(payload: ContactPayload): void {
  if (!payload || typeof payload !== 'object') throw invalid('contact: payload is required');
  if (typeof payload.contact_name !== 'string' || payload.contact_name.trim() === '') {
    throw invalid('contact: contact_name is required');
  }
}

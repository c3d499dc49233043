/**
 * Contract §5: create with a caller-chosen number; when Zoho says the number exists, or the outcome
 * is unknown (timeout, reset, 5xx), look the number up and adopt what is there. Zoho's refusal of a
 * second document with the same number is what makes the whole path duplicate-free.
 */
import { ZohoDuplicateNumberError, ZohoRateLimitError, ZohoTransientError } from '../errors';

export interface CreateOnce<T> {
  number: string;
  what: string;
  create(): Promise<T>;
  findByNumber(): Promise<T | undefined>;
}

export async function createOnce<T>(op: CreateOnce<T>): Promise<{ doc: T; adopted: boolean }> {
  try {
    return { doc: await op.create(), adopted: false };
  } catch (err) {
    const duplicate = err instanceof ZohoDuplicateNumberError;
    const unknown = err instanceof ZohoTransientError && err.outcomeUnknown;
    if (!duplicate && !unknown) throw err;
    let found: T | undefined;
    try {
      found = await op.findByNumber();
    } catch (lookupErr) {
      // A rate limit says when to come back; anything else, the create's own error says more.
      throw lookupErr instanceof ZohoRateLimitError || !unknown ? lookupErr : err;
    }
    if (found) return { doc: found, adopted: true };
    if (duplicate) {
      // The number is taken but not visible yet (Zoho's search can lag): looking again later will find it.
      throw new ZohoTransientError(`${op.what} ${op.number} already exists in Zoho but could not be found by number yet`, {
        code: 'duplicate_not_found',
        httpStatus: err.httpStatus,
      });
    }
    throw err; // not created: the next attempt creates it
  }
}

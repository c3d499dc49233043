/**
 * Connector errors become Temporal failures the workflow can act on: rate limits retry after
 * Zoho's window resets, transient faults retry with backoff, and what retrying cannot fix
 * (validation, credentials) is non-retryable, which parks the order in needs_attention.
 */
import { ApplicationFailure } from '@temporalio/activity';
import {
  ZohoAuthError,
  ZohoError,
  ZohoNotFoundError,
  ZohoRateLimitError,
  ZohoValidationError,
} from '../../zoho/connector/errors';

export function toActivityFailure(err: unknown): Error {
  if (err instanceof ApplicationFailure) return err;
  if (err instanceof ZohoRateLimitError) {
    return ApplicationFailure.create({
      type: `ZohoRateLimited:${err.kind}`,
      message: err.message,
      nextRetryDelay: Math.max(1000, err.retryAfterMs),
    });
  }
  if (err instanceof ZohoValidationError) return ApplicationFailure.nonRetryable(`Zoho rejected the document: ${err.message}`, 'ZohoValidation');
  if (err instanceof ZohoAuthError) return ApplicationFailure.nonRetryable(`Zoho refused our credentials: ${err.message}`, 'ZohoAuth');
  if (err instanceof ZohoNotFoundError) return ApplicationFailure.nonRetryable(`Zoho says: ${err.message}`, 'ZohoNotFound');
  if (err instanceof ZohoError) return ApplicationFailure.retryable(err.message, 'ZohoTransient');
  return err instanceof Error ? err : new Error(String(err));
}

/**
 * The one place errors become Temporal failures the workflow can act on. Application errors
 * (server/errors.ts) by their kind; connector errors by what Zoho said: rate limits retry after
 * Zoho's window resets, transient faults retry with backoff, and what retrying cannot fix
 * (validation, credentials, a missing order) is non-retryable, which parks the document in
 * needs_attention. `asActivities` applies it to every activity of a factory.
 */
import { ApplicationFailure } from '@temporalio/activity';
import { AppError, type AppErrorKind } from '../../server/errors';
import { ZohoAuthError, ZohoError, ZohoNotFoundError, ZohoRateLimitError, ZohoValidationError } from '../../zoho/connector/errors';
import { FailureType, zohoRateLimitedType } from '../failure-types';

const BY_KIND: Record<AppErrorKind, { type: FailureType; retryable: boolean }> = {
  invalid: { type: FailureType.Invalid, retryable: false },
  unauthenticated: { type: FailureType.Forbidden, retryable: false },
  forbidden: { type: FailureType.Forbidden, retryable: false },
  not_found: { type: FailureType.NotFound, retryable: false },
  conflict: { type: FailureType.Conflict, retryable: false },
  too_large: { type: FailureType.Invalid, retryable: false },
  rate_limited: { type: FailureType.Unavailable, retryable: true },
  upstream_failed: { type: FailureType.Unavailable, retryable: true },
  unavailable: { type: FailureType.Unavailable, retryable: true },
};

export function toActivityFailure(err: unknown): Error {
  if (err instanceof ApplicationFailure) return err;
  if (err instanceof AppError) {
    const { type, retryable } = BY_KIND[err.kind];
    return ApplicationFailure.create({ type, message: err.message, nonRetryable: !retryable });
  }
  if (err instanceof ZohoRateLimitError) {
    return ApplicationFailure.create({ type: zohoRateLimitedType(err.kind), message: err.message, nextRetryDelay: Math.max(1000, err.retryAfterMs) });
  }
  if (err instanceof ZohoValidationError) return ApplicationFailure.nonRetryable(`Zoho rejected the document: ${err.message}`, FailureType.ZohoValidation);
  if (err instanceof ZohoAuthError) return ApplicationFailure.nonRetryable(`Zoho refused our credentials: ${err.message}`, FailureType.ZohoAuth);
  if (err instanceof ZohoNotFoundError) return ApplicationFailure.nonRetryable(`Zoho says: ${err.message}`, FailureType.ZohoNotFound);
  if (err instanceof ZohoError) return ApplicationFailure.retryable(err.message, FailureType.ZohoTransient);
  return err instanceof Error ? err : new Error(String(err));
}

/**
 * A mapping the sandbox had to stop (deadline, memory, output: `mapping_stopped`) as the same
 * non-retryable failure as a row that fails: the document waits in needs_attention, naming the
 * row, until the mapping is fixed. Anything else (the pool busy: `unavailable`) goes on as it is.
 */
export function mappingFailure(which: string, what: string): (err: unknown) => never {
  return (err) => {
    if (err instanceof AppError && err.code === 'mapping_stopped') {
      throw ApplicationFailure.nonRetryable(`${which} cannot build this ${what}: ${err.message}. Fix the mapping, then retry`, FailureType.MappingInvalid);
    }
    throw err;
  };
}

type AsyncFunctions = Record<string, (...args: never[]) => Promise<unknown>>;

/** The same activities, each raising its errors as Temporal failures (toActivityFailure). */
export function asActivities<T extends AsyncFunctions>(activities: T): T {
  const wrapped: Record<string, unknown> = {};
  for (const [name, run] of Object.entries(activities)) {
    wrapped[name] = async (...args: never[]) => {
      try {
        return await run(...args);
      } catch (err) {
        throw toActivityFailure(err);
      }
    };
  }
  return wrapped as T;
}

/**
 * The one application error. Services, stores and repositories throw it with a kind that says what
 * went wrong in the caller's terms, never in a transport's: the hub maps kinds to HTTP statuses in
 * one place (hub/errors.ts), the worker maps them to Temporal failures in one place
 * (workflows/activities/failures.ts). So the same service can sit behind a route or an activity.
 */
import type { ZodError } from 'zod';

export const APP_ERROR_KINDS = [
  /** The input is wrong: fix it and send it again (names the fields). */
  'invalid',
  /** Nobody is signed in, or the session ended. */
  'unauthenticated',
  /** Signed in, but not allowed. */
  'forbidden',
  'not_found',
  /** The state does not allow it now (a duplicate, a document already final). */
  'conflict',
  /** The input is larger than we accept. */
  'too_large',
  /** Too many attempts: wait, then try again. */
  'rate_limited',
  /** A service we depend on (Zoho) refused or failed. */
  'upstream_failed',
  /** A service we depend on (database, Temporal) cannot be reached now: retry later. */
  'unavailable',
] as const;
export type AppErrorKind = (typeof APP_ERROR_KINDS)[number];

export interface FieldProblem {
  path: string;
  message: string;
}

export interface AppErrorOptions {
  /** Which fields of the input are wrong, and why. */
  fields?: FieldProblem[];
  /** A machine-readable reason the client acts on (e.g. `session_expired`: keep the outbox, ask to sign in). */
  code?: string;
  /** `rate_limited`, `unavailable`: when to try again (the hub sends it as Retry-After). */
  retryAfterSeconds?: number;
  cause?: unknown;
}

export class AppError extends Error {
  readonly fields?: FieldProblem[];
  readonly code?: string;
  readonly retryAfterSeconds?: number;

  constructor(
    readonly kind: AppErrorKind,
    message: string,
    options: AppErrorOptions = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.fields = options.fields;
    this.code = options.code;
    this.retryAfterSeconds = options.retryAfterSeconds;
  }
}

export const isAppError = (err: unknown, kind?: AppErrorKind): err is AppError => err instanceof AppError && (kind === undefined || err.kind === kind);

/** A zod failure as an `invalid` error naming every field, the first one in the message. */
export function fromZodError(err: ZodError, what: string): AppError {
  const fields = err.issues.map((i) => ({ path: i.path.join('.') || '(body)', message: i.message }));
  const first = fields[0];
  const summary = first ? `${first.path}: ${first.message}` : 'invalid';
  return new AppError('invalid', `Invalid ${what}: ${summary}${fields.length > 1 ? ` (and ${fields.length - 1} more)` : ''}`, { fields });
}

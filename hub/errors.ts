/**
 * The HTTP face of errors: the one place application errors (server/errors.ts) become statuses,
 * and the one error handler that turns whatever reached Express into a JSON answer.
 */
import type { ErrorRequestHandler, RequestHandler } from 'express';
import { ConnectionError } from 'sequelize';
import { ZodError } from 'zod';
import { AppError, fromZodError, type AppErrorKind } from '../server/errors';

export const HTTP_STATUS: Record<AppErrorKind, number> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  too_large: 413,
  rate_limited: 429,
  upstream_failed: 502,
  unavailable: 503,
};

export const notFound: RequestHandler = (req, _res, next) => next(new AppError('not_found', `No such endpoint: ${req.method} ${req.path}`));

/** What Express's own parts (body-parser, the router) throw, as an application error; else undefined. */
function fromExpress(err: unknown): AppError | undefined {
  if (err instanceof ZodError) return fromZodError(err, 'request');
  // body-parser: malformed JSON, too large, wrong charset
  const bodyError = err as { type?: string; status?: number; expose?: boolean; message?: string };
  if (bodyError.type === 'entity.parse.failed') return new AppError('invalid', 'Malformed JSON in the request body');
  if (bodyError.type === 'entity.too.large') return new AppError('too_large', 'The request body is too large');
  // The router's bad %-escape in a path, body-parser's unsupported charset or encoding, an aborted upload: the client's fault.
  if (err instanceof URIError) return new AppError('invalid', 'Malformed percent-encoding in the URL');
  if (typeof bodyError.status === 'number' && bodyError.status >= 400 && bodyError.status < 500) {
    return new AppError('invalid', bodyError.expose ? String(bodyError.message) : 'The request could not be read');
  }
  return undefined;
}

export function errorHandler(log: (msg: string, err: unknown) => void): ErrorRequestHandler {
  return (err, _req, res, _next) => {
    if (!(err instanceof AppError)) err = fromExpress(err) ?? err;
    // The database is gone for a moment (failover, dropped connections): say so, and that a retry will do.
    if (isDatabaseUnavailable(err)) {
      err = new AppError('unavailable', 'The hub cannot reach its database right now; retry in a moment.', { code: 'database_unavailable' });
    }
    if (err instanceof AppError) {
      if (err.retryAfterSeconds !== undefined) res.set('Retry-After', String(Math.max(1, Math.ceil(err.retryAfterSeconds))));
      else if (err.kind === 'unavailable') res.set('Retry-After', '1');
      res.status(HTTP_STATUS[err.kind]).json({
        error: { message: err.message, ...(err.code ? { code: err.code } : {}), ...(err.fields ? { fields: err.fields } : {}) },
      });
      return;
    }
    log('unhandled error', err);
    res.status(500).json({ error: { message: 'Something went wrong on the hub; the request can be retried.' } });
  };
}

/**
 * A lost, refused or (SQLite) locked database (not a bad query): PostgreSQL classes 08 and 57P, a
 * socket that died under a query (ECONNRESET, EPIPE, ...), or pg's own words for a dead client (pg
 * throws those as plain Errors, e.g. from a transaction's rollback). Sequelize wraps the driver's
 * error (`parent`/`original`), so the whole chain is read.
 */
const UNAVAILABLE_CODE = /^(08|57P|ECONNRESET$|EPIPE$|ECONNREFUSED$|ETIMEDOUT$|ENOTCONN$|ECONNABORTED$|SQLITE_BUSY$)/;
const UNAVAILABLE_WORDS = /Connection terminated|not queryable|terminating connection|server closed the connection|socket has been ended|SQLITE_BUSY/i;

export function isDatabaseUnavailable(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e instanceof Error && depth < 5; depth++) {
    if (e instanceof ConnectionError) return true;
    const code = String((e as { code?: unknown }).code ?? '');
    if (UNAVAILABLE_CODE.test(code) || UNAVAILABLE_WORDS.test(e.message)) return true;
    const next = e as { parent?: unknown; original?: unknown; cause?: unknown };
    e = next.parent ?? next.original ?? next.cause;
  }
  return false;
}

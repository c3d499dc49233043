/** Errors the API answers with, and the one error handler that turns them into JSON. */
import type { ErrorRequestHandler, RequestHandler } from 'express';
import { ConnectionError, DatabaseError } from 'sequelize';
import { ZodError } from 'zod';

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly fields?: Array<{ path: string; message: string }>,
    /** A machine-readable reason the client acts on (e.g. `session_expired`: keep the outbox, ask to sign in). */
    readonly code?: string,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

export function fromZodError(err: ZodError, what: string): HttpError {
  const fields = err.issues.map((i) => ({ path: i.path.join('.') || '(body)', message: i.message }));
  const first = fields[0];
  const summary = first ? `${first.path}: ${first.message}` : 'invalid';
  return new HttpError(400, `Invalid ${what}: ${summary}${fields.length > 1 ? ` (and ${fields.length - 1} more)` : ''}`, fields);
}

export const notFound: RequestHandler = (req, _res, next) => next(new HttpError(404, `No such endpoint: ${req.method} ${req.path}`));

export function errorHandler(log: (msg: string, err: unknown) => void): ErrorRequestHandler {
  return (err, _req, res, _next) => {
    if (err instanceof ZodError) err = fromZodError(err, 'request');
    // body-parser: malformed JSON, too large, wrong charset
    const bodyError = err as { type?: string; status?: number };
    if (bodyError.type === 'entity.parse.failed') err = new HttpError(400, 'Malformed JSON in the request body');
    else if (bodyError.type === 'entity.too.large') err = new HttpError(413, 'The request body is too large');
    // The router's bad %-escape in a path, body-parser's unsupported charset or encoding, an aborted upload: the client's fault.
    else if (err instanceof URIError) err = new HttpError(400, 'Malformed percent-encoding in the URL');
    else if (!(err instanceof HttpError) && typeof bodyError.status === 'number' && bodyError.status >= 400 && bodyError.status < 500) {
      err = new HttpError(bodyError.status, (err as { expose?: boolean }).expose ? (err as Error).message : 'The request could not be read');
    }
    // The database is gone for a moment (failover, dropped connections): say so, and that a retry will do.
    if (isDatabaseUnavailable(err)) {
      res.set('Retry-After', '1');
      err = new HttpError(503, 'The hub cannot reach its database right now; retry in a moment.', undefined, 'database_unavailable');
    }
    if (err instanceof HttpError) {
      res.status(err.status).json({
        error: { message: err.message, ...(err.code ? { code: err.code } : {}), ...(err.fields ? { fields: err.fields } : {}) },
      });
      return;
    }
    log('unhandled error', err);
    res.status(500).json({ error: { message: 'Something went wrong on the hub; the request can be retried.' } });
  };
}

/**
 * A lost, refused or (SQLite) locked database (not a bad query): PostgreSQL classes 08 and 57P, or
 * pg's own words for a dead socket (pg throws those as plain Errors, e.g. from a transaction's rollback).
 */
function isDatabaseUnavailable(err: unknown): boolean {
  if (err instanceof ConnectionError) return true;
  if (!(err instanceof Error)) return false;
  const code = String((err as { code?: unknown }).code ?? (err instanceof DatabaseError ? (err.parent as { code?: unknown }).code : '') ?? '');
  // SQLITE_BUSY past the busy timeout and Sequelize's retries: the other process holds the file for now.
  return /^(08|57P)/.test(code) || /Connection terminated|not queryable|terminating connection|SQLITE_BUSY/i.test(err.message);
}

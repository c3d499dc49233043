/**
 * Every failure the connector reports. Plain Error subclasses with plain fields, so an activity can
 * turn one into a Temporal ApplicationFailure (type = name, nonRetryable = !retryable, details = toJSON()).
 */

export interface ZohoErrorFields {
  /** Zoho's numeric error code when Zoho sent one; a connector-side string otherwise. */
  code: number | string;
  /** HTTP status of the answer, 0 when there was no answer (timeout, reset, not sent). */
  httpStatus: number;
  retryable: boolean;
}

export class ZohoError extends Error implements ZohoErrorFields {
  code: number | string;
  httpStatus: number;
  retryable: boolean;

  constructor(message: string, fields: Partial<ZohoErrorFields> = {}) {
    super(message);
    this.name = 'ZohoError';
    this.code = fields.code ?? 'zoho_error';
    this.httpStatus = fields.httpStatus ?? 0;
    this.retryable = fields.retryable ?? false;
  }

  /** Everything but the stack: safe to log and to put in a Temporal failure's details. */
  toJSON(): Record<string, unknown> {
    const out: Record<string, unknown> = { name: this.name, message: this.message };
    for (const [k, v] of Object.entries(this)) if (v !== undefined) out[k] = v;
    return out;
  }
}

export type RateLimitKind = 'per_minute' | 'daily' | 'concurrency' | 'token';

/** 429 (codes 44 per minute, 45 daily, 1070 concurrency) or the OAuth token throttle. Retry after `retryAfterMs`. */
export class ZohoRateLimitError extends ZohoError {
  kind: RateLimitKind;
  retryAfterMs: number;

  constructor(message: string, fields: Partial<ZohoErrorFields> & { kind: RateLimitKind; retryAfterMs: number }) {
    super(message, { httpStatus: 429, ...fields, retryable: true });
    this.name = 'ZohoRateLimitError';
    this.kind = fields.kind;
    this.retryAfterMs = Math.max(0, Math.ceil(fields.retryAfterMs));
  }
}

/**
 * Zoho refused the credentials (code 57 / 401) even after one fresh token, or the refresh itself was
 * refused (revoked refresh token, wrong client). A person has to fix the connection: not retryable.
 */
export class ZohoAuthError extends ZohoError {
  constructor(message: string, fields: Partial<ZohoErrorFields> = {}) {
    super(message, { code: 57, httpStatus: 401, ...fields, retryable: fields.retryable ?? false });
    this.name = 'ZohoAuthError';
  }
}

/** Zoho (400) or the connector itself refused the payload. Retrying the same payload cannot help. */
export class ZohoValidationError extends ZohoError {
  constructor(message: string, fields: Partial<ZohoErrorFields> = {}) {
    super(message, { httpStatus: 400, ...fields, retryable: false });
    this.name = 'ZohoValidationError';
  }
}

/** 404 / code 1002: the record does not exist (or not in this organization). */
export class ZohoNotFoundError extends ZohoError {
  constructor(message: string, fields: Partial<ZohoErrorFields> = {}) {
    super(message, { code: 1002, httpStatus: 404, ...fields, retryable: false });
    this.name = 'ZohoNotFoundError';
  }
}

/**
 * 5xx, timeout, connection reset, unreadable answer. `outcomeUnknown` is true when the request was a
 * create that Zoho may have committed: the caller must look the document up before creating again.
 */
export class ZohoTransientError extends ZohoError {
  outcomeUnknown: boolean;

  constructor(message: string, fields: Partial<ZohoErrorFields> & { outcomeUnknown?: boolean } = {}) {
    super(message, { code: 'transient', ...fields, retryable: true });
    this.name = 'ZohoTransientError';
    this.outcomeUnknown = fields.outcomeUnknown ?? false;
  }
}

/** Zoho says the document number is taken: the create already happened. Used internally to adopt it. */
export class ZohoDuplicateNumberError extends ZohoError {
  number?: string;

  constructor(message: string, fields: Partial<ZohoErrorFields> & { number?: string } = {}) {
    super(message, { httpStatus: 400, ...fields, retryable: false });
    this.name = 'ZohoDuplicateNumberError';
    this.number = fields.number;
  }
}

export function isZohoError(err: unknown): err is ZohoError {
  return err instanceof ZohoError;
}

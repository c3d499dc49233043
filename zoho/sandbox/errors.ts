/**
 * Zoho's error answers, as the sandbox gives them. The duplicate-number code is undocumented at
 * Zoho; the sandbox uses 1001 and the message style clients match ("... number ... already exists").
 */
export const CODES = {
  /** "Invalid value passed for <field>" (Zoho: code 2). */
  invalidValue: 2,
  /** "JSON is not well formed" (a body that does not parse). */
  malformedJson: 1038,
  invalidUrl: 5,
  lineItemsEmpty: 15,
  unauthorized: 57,
  perMinute: 44,
  daily: 45,
  internal: 1000,
  duplicateNumber: 1001,
  notFound: 1002,
  concurrency: 1070,
  contactExists: 3062,
  organization: 6041,
} as const;

/** Thrown by the store; turned into `{code, message}` with `status` by the routes. */
export class SandboxError extends Error {
  constructor(
    readonly status: number,
    readonly code: number,
    message: string,
  ) {
    super(message);
    this.name = 'SandboxError';
  }
}

export const invalid = (field: string) => new SandboxError(400, CODES.invalidValue, `Invalid value passed for ${field}`);
export const notFound = (what: string) => new SandboxError(404, CODES.notFound, `${what} does not exist.`);

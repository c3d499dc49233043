/**
 * The type names of the Temporal failures our activities raise: one set, so the activity that
 * raises one, the mapping of errors to failures and whoever reads them (tests, support in the Web
 * UI) agree on the spelling. Workflow-safe: plain constants.
 */
export const FailureType = {
  /** The order or customer is not in the hub database (an application error of kind not_found). */
  NotFound: 'NotFound',
  /** The input cannot be used as it is (kind invalid). */
  Invalid: 'Invalid',
  /** Not allowed (kind forbidden). */
  Forbidden: 'Forbidden',
  /** The state does not allow it (kind conflict). */
  Conflict: 'Conflict',
  /** A service we depend on is down for now (kind unavailable, upstream_failed, rate_limited): retried. */
  Unavailable: 'Unavailable',
  /** A step's input is not there yet (the PDF before the email): retried. */
  NotReady: 'NotReady',
  /** The active mapping cannot build this document: fix the mapping or the document, then retry. */
  MappingInvalid: 'MappingInvalid',
  /** The device's prices differ from the hub's (price check policy `ask`): retry accepts them. */
  PriceDifference: 'PriceDifference',
  /** The hub's pre-flight found a rule at `block` (an inactive customer...): fix the cause, then retry, or cancel. */
  PreflightBlocked: 'PreflightBlocked',
  /** The hub's pre-flight found a rule at `approve` (a discount above the rep's limit): waits for a support or admin approval. */
  AwaitingApproval: 'AwaitingApproval',
  /** A Zoho step on an order that has no Zoho document. */
  NotInZoho: 'NotInZoho',
  /** The mail server refused the message for good (5xx). */
  MailRefused: 'MailRefused',
  /** The mail server could not be reached or deferred: retried. */
  MailTransient: 'MailTransient',
  ZohoValidation: 'ZohoValidation',
  ZohoAuth: 'ZohoAuth',
  ZohoNotFound: 'ZohoNotFound',
  /** Zoho failed in a way a retry may fix (5xx, network). */
  ZohoTransient: 'ZohoTransient',
} as const;
export type FailureType = (typeof FailureType)[keyof typeof FailureType];

/** Zoho's rate limit, per kind (`per_minute`, `daily`, `concurrency`): retried when Zoho's window resets. */
export const zohoRateLimitedType = (kind: string) => `ZohoRateLimited:${kind}`;

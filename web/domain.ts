/**
 * The slice of the shared domain model (`/domain`) the browser apps (client/, console/) use; each
 * re-exports it as its own `domain.ts`.
 *
 * Values come from the zod-free modules only: the schemas would add ~27 KB gzip to the rep's shell.
 * The device checks its own input with small hand-written checks (client/src/order-checks.ts) built
 * on the same constants; the hub validates everything again with the schemas. esbuild leaves out
 * whatever an app does not use.
 */
export * from '../domain/lifecycle';
export * from '../domain/money';
export * from '../domain/limits';
export * from '../domain/totals';
export * from '../domain/pricing';
export * from '../domain/document-number';
export * from '../domain/catalogue';
export * from '../domain/zoho';
export * from '../domain/preflight';
export * from '../domain/discount-rules';
export * from '../domain/editability';
export { discountConflict } from '../domain/discount-fold';
export { ROLES } from '../domain/user';
export type {
  DocumentKind,
  Order,
  OrderLine,
  OrderFee,
  OrderCustomerRef,
  Customer,
  Address,
  CustomerSummary,
  OrderSummary,
  RevisionRequest,
  OrderDetail,
  TimelineEntry,
  PublicUser,
  Role,
  AuditEntry,
  AuditPage,
} from '../domain';

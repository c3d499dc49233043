/**
 * The slice of the shared domain model (`/domain`) that the client uses: import it from here.
 *
 * Values come from the zod-free modules only: the schemas would add ~27 KB gzip to the shell.
 * The device checks its own input with small hand-written checks (order-checks.ts) built on the
 * same constants; the hub validates everything again with the schemas.
 */
export * from '../../domain/lifecycle';
export * from '../../domain/money';
export * from '../../domain/totals';
export * from '../../domain/pricing';
export * from '../../domain/document-number';
export * from '../../domain/catalogue';
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
  OrderDetail,
  TimelineEntry,
  PublicUser,
  Role,
} from '../../domain';

/**
 * The slice of the shared domain model (`/domain`) the console uses: import it from here.
 * Values only from the zod-free modules, to keep the schemas out of the bundle.
 */
export * from '../../domain/lifecycle';
export * from '../../domain/money';
export * from '../../domain/totals';
export * from '../../domain/document-number';
export { ROLES } from '../../domain/user';
export type {
  DocumentKind,
  Order,
  OrderLine,
  OrderFee,
  OrderCustomerRef,
  Customer,
  CustomerSummary,
  OrderSummary,
  OrderDetail,
  TimelineEntry,
  PublicUser,
  Role,
} from '../../domain';

/**
 * The slice of the shared domain model (`/domain`) that the client uses: import it from here.
 *
 * Values come from the zod-free modules only. The schemas (OrderSchema, ...) are left out for now
 * because `domain/*.ts` does `import { z } from 'zod'`, which bundlers cannot tree-shake: it would
 * put all of zod, locales included, into the app (~450 KB minified). With `import * as z from 'zod'`
 * in domain/ they cost ~90 KB (27 KB gzip); then re-export from '../../domain' here instead.
 */
export * from '../../domain/lifecycle';
export * from '../../domain/money';
export type { DocumentKind, Order, OrderLine, OrderCustomerRef, Customer, OrderSummary, OrderDetail, TimelineEntry, PublicUser, Role } from '../../domain';

/**
 * The Zoho connector: used by Temporal activities and by the hub, never by workflow code.
 *
 *   const zoho = createZohoClient(config.zoho, { tokenStore: new SequelizeTokenStore(sequelize) });
 *   const so = await zoho.salesOrders.create(payload, { number: documentNumber('order', order.id) });
 */
export { createZohoClient, type ZohoClient, type ZohoClientDeps } from './client';
export * from './errors';
export { InProcessRateLimiter, unlimited, type InProcessRateLimiterOptions, type RateLimiter, type Release } from './limiter';
export { MemoryTokenStore, EMPTY_TOKEN_STATE, type TokenState, type TokenStore } from './token-store';
export { SequelizeTokenStore } from './sequelize-token-store';
export type { AccessToken, TokenProvider } from './auth';
export type { ItemListOptions, ItemPage } from './resources/items';
export { zohoTimestamp } from './resources/items';
export type { ContactSearch, ContactListOptions, ContactPage } from './resources/contacts';
export type { SalesOrderCreated } from './resources/salesorders';
export type { EstimateCreated } from './resources/estimates';
export type { CustomFieldEntity } from '../../domain';
export * from './types';
export { SealedTokenStore, type Sealer } from './sealed-token-store';
export { revokeRefreshToken, type RevokeOutcome } from './revoke';
export { readRateHeaders, type RateReading } from './rate-headers';

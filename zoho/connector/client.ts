/** `createZohoClient`: wires token manager, limiter and HTTP layer under the typed resources. */
import type { RateReading } from './rate-headers';
import type { ZohoSettings } from '../../config';
import { TokenManager } from './auth';
import { ZohoHttp, type HttpOptions } from './http';
import { InProcessRateLimiter, type RateLimiter } from './limiter';
import { contacts } from './resources/contacts';
import { customFields } from './resources/custom-fields';
import { estimates } from './resources/estimates';
import { items } from './resources/items';
import { organizations } from './resources/organizations';
import { salesOrders } from './resources/salesorders';
import { currencies, locations, priceBooks, taxes, units } from './resources/settings';
import type { TokenStore } from './token-store';

export interface ZohoClientDeps {
  tokenStore: TokenStore;
  fetch?: typeof fetch;
  /** Per call (and per token request). Default 30 s. */
  timeoutMs?: number;
  /** Default: an in-process limiter at the settings' budget (requestsPerMinute, maxConcurrent; else 100/min, 10). */
  limiter?: RateLimiter;
  now?: () => number;
  /** Told of every API call's outcome (endpoint family, status): the worker's Zoho metrics. */
  observe?: HttpOptions['observe'];
  /** Called as each API call goes out (a counter for the daily quota); must not throw. */
  onCall?: () => void;
  /** Called with what each answer's rate headers say; must not throw. */
  onRateReading?: (reading: RateReading) => void;
  /** Token throttle and refresh-ahead tuning (defaults: Zoho's 10 per 10 min; refresh 10 min early). */
  auth?: { refreshAheadMs?: number; maxTokenRequests?: number; tokenWindowMs?: number; leaseWaitMs?: number };
}

export type ZohoClient = ReturnType<typeof buildClient>;

function buildClient(settings: ZohoSettings, http: ZohoHttp, tokens: TokenManager) {
  return {
    product: settings.product,
    organizationId: settings.organizationId,
    organizations: organizations(http),
    items: items(http),
    priceBooks: priceBooks(http),
    locations: locations(http),
    units: units(http),
    currencies: currencies(http),
    taxes: taxes(http),
    contacts: contacts(http),
    salesOrders: salesOrders(http),
    estimates: estimates(http),
    /** The organization's custom field settings per entity (sales order, estimate, contact). */
    customFields: customFields(http),
    /** A valid access token (cached/refreshed): for diagnostics such as a connection test. */
    getAccessToken: () => tokens.getToken(),
  };
}

export function createZohoClient(settings: ZohoSettings, deps: ZohoClientDeps): ZohoClient {
  const now = deps.now ?? Date.now;
  const fetchImpl = deps.fetch ?? globalThis.fetch;
  const timeoutMs = deps.timeoutMs ?? 30_000;
  const tokens = new TokenManager({ settings, store: deps.tokenStore, fetch: fetchImpl, now, timeoutMs, ...deps.auth });
  const http = new ZohoHttp({
    product: settings.product,
    organizationId: settings.organizationId,
    auth: tokens,
    fetch: fetchImpl,
    limiter: deps.limiter ?? new InProcessRateLimiter({ perWindow: settings.requestsPerMinute, concurrency: settings.maxConcurrent, now }),
    timeoutMs,
    now,
    observe: deps.observe,
    onCall: deps.onCall,
    onRateReading: deps.onRateReading,
  });
  return buildClient(settings, http, tokens);
}

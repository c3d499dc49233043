/**
 * The process's one Zoho connector: the access token cached in the database (shared by every hub
 * and worker process), calls paced to our share of the organization's rate budget.
 */
import type { Config } from '../config';
import { createZohoClient, InProcessRateLimiter, SequelizeTokenStore, type ZohoClient } from '../zoho/connector';
import type { Database } from './db/connect';

export function createZoho(config: Config, db: Database): ZohoClient {
  return createZohoClient(config.zoho, {
    tokenStore: new SequelizeTokenStore(db.sequelize),
    limiter: new InProcessRateLimiter({ perWindow: config.zoho.requestsPerMinute, windowMs: 60_000, concurrency: config.zoho.maxConcurrent }),
  });
}

/**
 * Readiness: does Zoho's accounts server answer at all? Any HTTP answer counts; no token is asked
 * for and no API call is spent, so probes never eat into the daily quota.
 */
export async function zohoReachable(settings: Config['zoho'], timeoutMs = 3000): Promise<void> {
  await fetch(`${settings.accountsUrl}/oauth/v2/token`, { method: 'HEAD', signal: AbortSignal.timeout(timeoutMs) });
}

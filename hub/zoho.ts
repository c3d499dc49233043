/**
 * The process's one Zoho connector: the access token cached in the database (shared by every hub
 * and worker process), calls paced to this process's share of the organization's rate budget.
 */
import type { Config } from '../config';
import { createZohoClient, InProcessRateLimiter, SealedTokenStore, SequelizeTokenStore, type ZohoClient } from '../zoho/connector';
import { secretBox } from './auth/secret-key';
import type { Database } from './db/connect';

/**
 * Our per-minute budget (ZOHO_REQUESTS_PER_MINUTE) is split: the hub's own calls (connection
 * test, demo) get a small slice; order pushes and catalogue pulls in the workers get the rest,
 * which the Zoho task queue's server-side rate enforces across every worker process.
 */
const HUB_SHARE = 0.1;

export function zohoBudget(config: Config, role: 'hub' | 'worker'): number {
  const total = config.zoho.requestsPerMinute;
  const hub = Math.max(1, Math.floor(total * HUB_SHARE));
  return role === 'hub' ? hub : Math.max(1, total - hub);
}

export function createZoho(config: Config, db: Database, role: 'hub' | 'worker'): ZohoClient {
  return createZohoClient(config.zoho, {
    tokenStore: new SealedTokenStore(new SequelizeTokenStore(db.sequelize), secretBox(config)),
    limiter: new InProcessRateLimiter({ perWindow: zohoBudget(config, role), windowMs: 60_000, concurrency: config.zoho.maxConcurrent }),
  });
}

/**
 * Readiness: does Zoho's accounts server answer at all? Any HTTP answer counts; no token is asked
 * for and no API call is spent, so probes never eat into the daily quota.
 */
export async function zohoReachable(settings: Config['zoho'], timeoutMs = 3000): Promise<void> {
  await fetch(`${settings.accountsUrl}/oauth/v2/token`, { method: 'HEAD', signal: AbortSignal.timeout(timeoutMs) });
}

/**
 * The process's one Zoho connector: the access token cached in the database (shared by every hub
 * and worker process), calls paced to this process's share of the organization's rate budget.
 */
import type { Config, ZohoSettings } from '../../config';
import { createZohoClient, InProcessRateLimiter, SealedTokenStore, SequelizeTokenStore } from '../../zoho/connector';
import { secretBox } from '../secrets/secret-key';
import type { Database } from '../db/connect';
import { createConnectionStore } from './connection-store';
import { createFollowingZohoClient, type FollowingZohoClient } from './following-client';
import { createApiCallCounter, type ApiCallCounter } from './api-call-counter';

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

/**
 * The connection in force is the one an admin saved in the console, else the ZOHO_* environment:
 * the client follows it (rebuilt when its version moves) and counts every API call in the database.
 */
export function createZoho(config: Config, db: Database, role: 'hub' | 'worker', counter: ApiCallCounter = createApiCallCounter(db)): FollowingZohoClient {
  const box = secretBox(config);
  // One limiter for whichever connection is in force: the budget belongs to the process.
  const limiter = new InProcessRateLimiter({ perWindow: zohoBudget(config, role), windowMs: 60_000, concurrency: config.zoho.maxConcurrent });
  const build = (settings: ZohoSettings) =>
    createZohoClient(settings, {
      tokenStore: new SealedTokenStore(new SequelizeTokenStore(db.sequelize), box),
      limiter,
      onCall: counter.record,
      onRateReading: counter.recordReading,
    });
  return createFollowingZohoClient(createConnectionStore({ db, defaults: config.zoho, box }), build, config.zoho);
}

/**
 * Readiness: does Zoho's accounts server answer at all? Any HTTP answer counts; no token is asked
 * for and no API call is spent, so probes never eat into the daily quota.
 */
export async function zohoReachable(settings: Config['zoho'], timeoutMs = 3000): Promise<void> {
  await fetch(`${settings.accountsUrl}/oauth/v2/token`, { method: 'HEAD', signal: AbortSignal.timeout(timeoutMs) });
}

/** A two-activity workflow for test/observability.test.ts: one activity succeeds, one fails (no retries). */
import { log, proxyActivities } from '@temporalio/workflow';

export interface FixtureActivities {
  noteOrder(orderId: string): Promise<string>;
  failForOrder(orderId: string): Promise<void>;
}

const { noteOrder, failForOrder } = proxyActivities<FixtureActivities>({ startToCloseTimeout: '10 seconds', retry: { maximumAttempts: 1 } });

export async function observabilityFixture(orderId: string): Promise<string> {
  log.info('fixture workflow started', { step: 'start' });
  const noted = await noteOrder(orderId);
  try {
    await failForOrder(orderId);
  } catch {
    log.warn('the failing activity failed, as planned');
  }
  return noted;
}

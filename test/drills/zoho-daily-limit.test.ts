/**
 * Drill: Zoho's daily quota is used up (HTTP 429, code 45). Orders wait — visibly, not in
 * needs_attention — and resume the next day. The sandbox's day is compressed to seconds; the
 * activity's retry is scheduled for the day's reset through Temporal's `nextRetryDelay`
 * (workflows/activities/failures.ts), so Zoho sees very few refused calls and the retry comes
 * after the reset, not on a blind exponential schedule before it.
 */
import { SANDBOX_DEMO } from '../../config';
import { documentNumber } from '../../domain';
import type { Stack } from '../support/documents';
import { eventually } from '../support/temporal';
import { expectExactlyOnce, untilAllInZoho, useDrillStack } from './helpers';

jest.setTimeout(120_000);

/** One Zoho "day", compressed. */
const DAY_MS = 15_000;
const drillStack = useDrillStack({ dialect: 'sqlite', product: 'inventory', sandbox: { limits: { dayMs: DAY_MS, perDay: 10_000 } } });

const ms = (t: { seconds?: unknown; nanos?: number | null } | null | undefined) => Number(t?.seconds ?? 0) * 1000 + Math.floor((t?.nanos ?? 0) / 1e6);

/** The attempt numbers of an activity in a finished workflow's history. */
async function attemptsOf(stack: Stack, workflowId: string, activity: string): Promise<number[]> {
  const history = await stack.client.workflow.getHandle(workflowId).fetchHistory();
  const scheduled = new Set(
    (history.events ?? []).filter((e) => e.activityTaskScheduledEventAttributes?.activityType?.name === activity).map((e) => Number(e.eventId)),
  );
  return (history.events ?? [])
    .filter((e) => e.activityTaskStartedEventAttributes && scheduled.has(Number(e.activityTaskStartedEventAttributes.scheduledEventId)))
    .map((e) => e.activityTaskStartedEventAttributes!.attempt ?? 0);
}

it('waits for the next day with the quota gone, retrying at the reset, and lands every order once', async () => {
  const stack = drillStack();
  const { sandbox } = stack;
  // Early in a fresh day (so the wait is a long one), then the whole day's quota is gone.
  sandbox.clock.advance(DAY_MS - (sandbox.clock.now() % DAY_MS) + 100);
  const { resetsAt } = sandbox.limits.exhaustDay(SANDBOX_DEMO.organizationId);
  const resetRealTime = resetsAt - sandbox.clock.skewMs;
  const refusedBefore = sandbox.stats.rateLimited['45'] ?? 0;

  const inputs = Array.from({ length: 4 }, () => stack.order());
  const ids = inputs.map((i) => i.id);
  for (const input of inputs) await stack.rep.post('/api/orders').send(input).expect(201);

  // Each create is refused, then scheduled for the reset: its pending retry says so in Temporal.
  const waiting = await eventually(
    async () => {
      const pending = await Promise.all(
        ids.map(async (id) =>
          (await stack.client.workflow.getHandle(`order-${id}`).describe()).raw.pendingActivities?.find((a) => a.activityType?.name === 'createInZoho'),
        ),
      );
      return pending.every((p) => p?.lastFailure) ? pending : undefined;
    },
    { what: 'every create to have failed on the daily limit', timeoutMs: DAY_MS - 3000 },
  );
  expect(Date.now()).toBeLessThan(resetRealTime);
  for (const p of waiting) {
    expect(p!.lastFailure!.message).toMatch(/per day/);
    expect(p!.attempt).toBeLessThanOrEqual(2);
    // The next attempt is set for the reset (a second's rounding aside), not seconds from now.
    expect(ms(p!.scheduledTime)).toBeGreaterThanOrEqual(resetRealTime - 1000);
  }
  const rows = await stack.db.Order.findAll({ where: { id: ids } });
  for (const row of rows) {
    expect(row.stage).toBe('customer_ready');
    expect(row.attentionReason).toBeNull();
  }
  for (const id of ids) expect(stack.documentsNumbered(documentNumber('order', id))).toHaveLength(0);

  await untilAllInZoho(stack, ids, DAY_MS + 30_000);
  await expectExactlyOnce(stack, ids);

  // Zoho refused few calls (at most one per order: the connector stops asking once it knows)...
  const refused = (sandbox.stats.rateLimited['45'] ?? 0) - refusedBefore;
  expect(refused).toBeGreaterThanOrEqual(1);
  expect(refused).toBeLessThanOrEqual(ids.length);
  // ...every create that Zoho accepted came after the reset...
  const creates = sandbox.stats.recent.filter((r) => r.method === 'POST' && r.path === '/salesorders' && r.status === 201);
  expect(creates).toHaveLength(ids.length);
  for (const c of creates) expect(c.at).toBeGreaterThanOrEqual(resetsAt);
  // ...and no order needed more than a couple of attempts to get there.
  for (const id of ids) {
    await stack.untilStage(id, 'done', 60_000);
    const attempts = await attemptsOf(stack, `order-${id}`, 'createInZoho');
    expect(Math.max(...attempts)).toBeLessThanOrEqual(3);
  }
});

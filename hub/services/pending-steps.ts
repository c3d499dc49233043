/**
 * What a document's workflow is waiting on right now, read from Temporal: the step being retried,
 * its attempt, the last failure and when it tries again. The hub's timeline records stages; this
 * answers "why is it still at customer_ready?" during a Zoho outage or a used-up daily quota,
 * without support opening the Temporal Web UI.
 */
import type { Client } from '@temporalio/client';
import { optionalTsToDate } from '@temporalio/common/lib/time';
import type { PendingStep } from '../../domain';

/** Temporal unreachable or slow: the order page still answers, without this part. */
const DESCRIBE_TIMEOUT_MS = 1500;

export async function pendingSteps(temporal: Client, workflowId: string): Promise<PendingStep[] | undefined> {
  try {
    const description = await Promise.race([
      temporal.workflow.getHandle(workflowId).describe(),
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timeout')), DESCRIBE_TIMEOUT_MS).unref()),
    ]);
    return (description.raw.pendingActivities ?? []).map((a) => ({
      step: a.activityType?.name ?? 'unknown step',
      attempt: a.attempt ?? 1,
      lastFailure: a.lastFailure?.message || null,
      nextAttemptAt: optionalTsToDate(a.nextAttemptScheduleTime)?.toISOString() ?? null,
    }));
  } catch {
    return undefined;
  }
}

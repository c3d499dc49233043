/**
 * The catalogue sync's Temporal Schedule (`catalogue-sync`): created at start when missing,
 * updated when its interval or settings changed, overlap SKIP (a run still going makes the next
 * tick a no-op). "Sync from Zoho now" triggers it, so a manual run is an ordinary scheduled run:
 * it appears in the Temporal UI with its counts and never overlaps another.
 */
import { ScheduleAlreadyRunning, ScheduleNotFoundError, ScheduleOverlapPolicy, type Client, type ScheduleDescription } from '@temporalio/client';
import type { CatalogueSettings } from '../config';
import { catalogueProgressQuery, type CatalogueSyncInput, type CatalogueSyncProgress, type CatalogueSyncResult } from './catalogue-sync.workflow';

export const CATALOGUE_SCHEDULE_ID = 'catalogue-sync';

export interface CatalogueScheduleOptions {
  taskQueue: string;
  intervalMs: number;
  input: CatalogueSyncInput;
  scheduleId?: string;
}

function sameSettings(d: ScheduleDescription, o: CatalogueScheduleOptions): boolean {
  const every = d.spec.intervals?.[0]?.every;
  const everyMs = typeof every === 'number' ? every : undefined;
  const action = d.action.type === 'startWorkflow' ? d.action : undefined;
  return (
    (d.spec.intervals?.length ?? 0) === 1 &&
    everyMs === o.intervalMs &&
    action?.taskQueue === o.taskQueue &&
    JSON.stringify(action?.args?.[0] ?? null) === JSON.stringify(o.input)
  );
}

/** Create the schedule if missing, or bring its interval and input up to date. Returns what it did. */
export async function ensureCatalogueSchedule(client: Client, o: CatalogueScheduleOptions): Promise<'created' | 'updated' | 'unchanged'> {
  const id = o.scheduleId ?? CATALOGUE_SCHEDULE_ID;
  const handle = client.schedule.getHandle(id);
  let current: ScheduleDescription | undefined;
  try {
    current = await handle.describe();
  } catch (err) {
    if (!(err instanceof ScheduleNotFoundError)) throw err;
  }
  const action = {
    type: 'startWorkflow' as const,
    workflowType: 'catalogueSyncWorkflow',
    workflowId: id, // Temporal appends the tick's time: catalogue-sync-2026-…
    taskQueue: o.taskQueue,
    args: [o.input],
  };
  if (!current) {
    try {
      await client.schedule.create({
        scheduleId: id,
        spec: { intervals: [{ every: o.intervalMs }] },
        action,
        policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '1 minute' },
        memo: { description: 'Zoho → hub catalogue sync (Satchel)' },
      });
      return 'created';
    } catch (err) {
      // Another process created it between our describe and create.
      if (!(err instanceof ScheduleAlreadyRunning)) throw err;
      return 'unchanged';
    }
  }
  if (sameSettings(current, o)) return 'unchanged';
  await handle.update((prev) => ({
    ...prev,
    spec: { intervals: [{ every: o.intervalMs }] },
    action: { ...action },
    policies: { ...prev.policies, overlap: ScheduleOverlapPolicy.SKIP },
  }));
  return 'updated';
}

export interface CatalogueSyncStatus {
  /** The run going on now, with its progress. */
  running?: { workflowId: string; progress?: CatalogueSyncProgress };
  /** The latest finished runs (newest first) with their counts. */
  recent: Array<{ workflowId: string; startedAt?: string; result?: CatalogueSyncResult; status: string }>;
  nextRunAt?: string;
}

/**
 * "Sync from Zoho now": a run of the schedule, unless one is going already (then that one is it).
 * With `replaceRunning` (another Zoho organization is in force), a running sync is of no use any
 * more: it is terminated and a new run started in its place.
 */
export async function triggerCatalogueSync(
  client: Client,
  scheduleId = CATALOGUE_SCHEDULE_ID,
  { replaceRunning = false } = {},
): Promise<{ triggered: boolean; runningWorkflowId?: string; replacedWorkflowId?: string }> {
  const handle = client.schedule.getHandle(scheduleId);
  const d = await handle.describe();
  const running = d.info.runningActions[0];
  if (running && !replaceRunning) return { triggered: false, runningWorkflowId: running.workflow.workflowId };
  await handle.trigger(running ? ScheduleOverlapPolicy.TERMINATE_OTHER : ScheduleOverlapPolicy.SKIP);
  return running ? { triggered: true, replacedWorkflowId: running.workflow.workflowId } : { triggered: true };
}

/** Progress of the running sync (workflow query) and the counts of recent runs (their results). */
export async function catalogueSyncStatus(client: Client, scheduleId = CATALOGUE_SCHEDULE_ID): Promise<CatalogueSyncStatus> {
  const d = await client.schedule.getHandle(scheduleId).describe();
  const status: CatalogueSyncStatus = { recent: [], ...(d.info.nextActionTimes[0] ? { nextRunAt: d.info.nextActionTimes[0].toISOString() } : {}) };
  const running = d.info.runningActions[0];
  if (running) {
    const wf = client.workflow.getHandle(running.workflow.workflowId);
    status.running = { workflowId: running.workflow.workflowId, progress: await wf.query(catalogueProgressQuery).catch(() => undefined) };
  }
  for (const action of [...d.info.recentActions].reverse().slice(0, 5)) {
    const workflowId = action.action.workflow.workflowId;
    if (workflowId === running?.workflow.workflowId) continue;
    const wf = client.workflow.getHandle(workflowId);
    const desc = await wf.describe().catch(() => undefined);
    const entry: CatalogueSyncStatus['recent'][number] = { workflowId, status: desc?.status.name ?? 'UNKNOWN', startedAt: action.takenAt.toISOString() };
    if (desc?.status.name === 'COMPLETED') entry.result = (await wf.result().catch(() => undefined)) as CatalogueSyncResult | undefined;
    status.recent.push(entry);
  }
  return status;
}

/** The schedule as the configuration says (CATALOGUE_* variables). */
export function catalogueScheduleOptions(config: { temporal: { taskQueue: string }; catalogue: CatalogueSettings }): CatalogueScheduleOptions {
  const c = config.catalogue;
  return {
    taskQueue: config.temporal.taskQueue,
    intervalMs: c.intervalMs,
    input: { mode: 'auto', callsPerMinute: c.callsPerMinute, detailsPerRun: c.contactDetailsPerRun, fullEveryMs: c.fullEveryMs },
  };
}

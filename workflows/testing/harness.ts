/**
 * Harness of the fast workflow tests: the real workflow code (bundled once per file) on the Jest
 * run's Temporal dev server, with mocked activities on two per-test Workers (the main task queue
 * and its Zoho queue, as in production). Plus readers of a run's history (timers, signals, the
 * continue-as-new chain) so tests can assert what the workflow scheduled without waiting for it.
 */
import crypto from 'node:crypto';
import type { Client, WorkflowHandle } from '@temporalio/client';
import { defaultPayloadConverter } from '@temporalio/common';
import { tsToMs } from '@temporalio/common/lib/time';
import { DefaultLogger, Runtime, Worker, type NativeConnection, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { bundleWorkflows, connectTemporalForTest, eventually } from '../../test/support/temporal';
import { zohoTaskQueue } from '../task-queues';

export { eventually };

export interface WorkflowHarness {
  client: Client;
  /** A fresh task queue (and so a fresh pair of workers) per test. */
  taskQueue(prefix: string): string;
  /**
   * Run `fn` while a main worker (workflows + `main` activities) and a Zoho worker (`zoho`
   * activities on `<queue>-zoho`) poll `taskQueue`; both stop when `fn` settles, or fails after
   * `timeoutMs` (a workflow that never gets there fails the test in seconds, with the workers shut down).
   */
  withWorkers<T>(taskQueue: string, activities: { main: object; zoho: object }, fn: () => Promise<T>, timeoutMs?: number): Promise<T>;
  close(): Promise<void>;
}

export async function workflowHarness(): Promise<WorkflowHarness> {
  // The mocks fail on purpose; the worker's warning for each expected activity failure is noise.
  try {
    Runtime.install({ logger: new DefaultLogger('ERROR') });
  } catch {
    /* already installed in this process */
  }
  const [bundle, temporal] = await Promise.all([bundleWorkflows(), connectTemporalForTest()]);
  return {
    client: temporal.client,
    taskQueue: (prefix) => `${prefix}-${crypto.randomUUID()}`,
    withWorkers: (taskQueue, activities, fn, timeoutMs = 30_000) =>
      runWorkers(temporal.native, bundle, taskQueue, activities, () => deadline(fn(), timeoutMs, taskQueue)),
    close: () => temporal.close(),
  };
}

async function runWorkers<T>(
  connection: NativeConnection,
  workflowBundle: WorkflowBundleWithSourceMap,
  taskQueue: string,
  activities: { main: object; zoho: object },
  fn: () => Promise<T>,
): Promise<T> {
  const [main, zoho] = await Promise.all([
    Worker.create({ connection, namespace: 'default', taskQueue, workflowBundle, activities: activities.main }),
    Worker.create({ connection, namespace: 'default', taskQueue: zohoTaskQueue(taskQueue), activities: activities.zoho }),
  ]);
  return main.runUntil(zoho.runUntil(fn));
}

async function deadline<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: not done after ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** A fresh workflow id (`<kind>-<uuid>`, as the hub makes them) and its uuid. */
export function newId(kind: string): { id: string; uuid: string } {
  const uuid = crypto.randomUUID();
  return { id: `${kind}-${uuid}`, uuid };
}

// ---------------------------------------------------------------------------------------------
// History readers
// ---------------------------------------------------------------------------------------------

type Handle = WorkflowHandle;

/** `startToFireTimeout` (ms) of every timer the run started, in order (fired or not). */
export async function timersStarted(handle: Handle): Promise<number[]> {
  const { events } = await handle.fetchHistory();
  return (events ?? []).flatMap((e) => (e.timerStartedEventAttributes ? [tsToMs(e.timerStartedEventAttributes.startToFireTimeout)] : []));
}

/** Wait until the run has started at least `n` timers; their durations. */
export function untilTimers(handle: Handle, n: number, timeoutMs = 20_000): Promise<number[]> {
  return eventually(
    async () => {
      const timers = await timersStarted(handle);
      return timers.length >= n ? timers : undefined;
    },
    { timeoutMs, intervalMs: 50, what: `${n} timer(s) in ${handle.workflowId}` },
  );
}

/** How many timers of the run fired (rather than being cancelled by a signal). */
export async function timersFired(handle: Handle): Promise<number> {
  const { events } = await handle.fetchHistory();
  return (events ?? []).filter((e) => e.timerFiredEventAttributes).length;
}

/** Signals the run received: name and decoded arguments. */
export async function signalsReceived(handle: Handle): Promise<Array<{ name: string; args: unknown[] }>> {
  const { events } = await handle.fetchHistory();
  return (events ?? []).flatMap((e) => {
    const a = e.workflowExecutionSignaledEventAttributes;
    if (!a) return [];
    return [{ name: a.signalName ?? '', args: (a.input?.payloads ?? []).map((p) => defaultPayloadConverter.fromPayload(p)) }];
  });
}

/** Child workflows the run started: their workflow ids. */
export async function childrenStarted(handle: Handle): Promise<string[]> {
  const { events } = await handle.fetchHistory();
  return (events ?? []).flatMap((e) => {
    const a = e.childWorkflowExecutionStartedEventAttributes;
    return a?.workflowExecution?.workflowId ? [a.workflowExecution.workflowId] : [];
  });
}

/** The runs of one workflow id, first to last, following continue-as-new (each with its status). */
export async function runChain(client: Client, workflowId: string, firstRunId: string): Promise<Array<{ runId: string; status: string }>> {
  const runs: Array<{ runId: string; status: string }> = [];
  for (let runId: string | undefined = firstRunId; runId;) {
    const handle: Handle = client.workflow.getHandle(workflowId, runId);
    const [description, { events = [] }] = await Promise.all([handle.describe(), handle.fetchHistory()]);
    runs.push({ runId, status: description.status.name });
    runId = events?.at(-1)?.workflowExecutionContinuedAsNewEventAttributes?.newExecutionRunId ?? undefined;
  }
  return runs;
}

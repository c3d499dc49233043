/**
 * The part every document workflow shares: enter a stage (timeline + search attribute), run a step
 * that parks in needs_attention on a failure retries cannot fix, and honour `retry` and `cancel`.
 * Workflow code: deterministic, no I/O.
 */
import { ActivityFailure, ApplicationFailure, ChildWorkflowFailure, condition, setHandler, upsertSearchAttributes } from '@temporalio/workflow';
import type { Stage } from '../domain/lifecycle';
import { SA_STAGE } from './search-attributes';
import { cancelSignal, retrySignal, statusQuery, type DocumentStatus } from './signals';

/** Thrown inside a workflow when `cancel` arrived; the workflow catches it and cleans up. */
export class Cancelled extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'Cancelled';
  }
}

export function createStepper(record: (stage: Stage, note?: string) => Promise<void>) {
  const status: DocumentStatus = { stage: 'received' };
  let retryRequested = false;
  let cancelReason: string | undefined;
  setHandler(statusQuery, () => status);
  setHandler(retrySignal, () => {
    retryRequested = true;
  });
  setHandler(cancelSignal, (reason) => {
    cancelReason = reason?.trim() || 'cancelled on request';
  });

  function throwIfCancelled(): void {
    if (cancelReason !== undefined) throw new Cancelled(cancelReason);
  }

  async function enter(stage: Stage, note?: string): Promise<void> {
    status.stage = stage;
    upsertSearchAttributes([{ key: SA_STAGE, value: stage }]);
    await record(stage, note);
  }

  /** Run a step; on a failure retries cannot fix, wait in needs_attention until `retry` (or `cancel`). */
  async function step<T>(run: (attempt: number) => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      throwIfCancelled();
      try {
        return await run(attempt);
      } catch (err) {
        // A local activity's failure arrives as the ApplicationFailure itself, not wrapped in an ActivityFailure.
        if (!(err instanceof ActivityFailure || err instanceof ChildWorkflowFailure || err instanceof ApplicationFailure)) throw err;
        const stageBefore = status.stage;
        status.attentionReason = reasonOf(err);
        // Clear before announcing the stage: a retry sent as soon as support sees it must count.
        retryRequested = false;
        await enter('needs_attention', status.attentionReason);
        await condition(() => retryRequested || cancelReason !== undefined);
        status.attentionReason = undefined;
        throwIfCancelled();
        await enter(stageBefore, 'retry requested');
      }
    }
  }

  return {
    status,
    enter,
    step,
    throwIfCancelled,
    get cancelRequested() {
      return cancelReason !== undefined;
    },
  };
}

function reasonOf(err: ActivityFailure | ChildWorkflowFailure | ApplicationFailure): string {
  if (err instanceof ApplicationFailure) return err.message;
  const cause = err.cause;
  if (cause instanceof ApplicationFailure) return cause.message;
  return cause?.message ?? err.message;
}

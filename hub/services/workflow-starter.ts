/**
 * Starts the workflows of stored orders, apart from accepting them. A device's POST is answered
 * once its order row is committed (the durable promise); this loop then starts whatever is stored
 * and not yet started (`workflow_started` false), a few at a time, and marks each round started in
 * one UPDATE. A reconnect storm used to wait for Temporal inside every request (bench/reconnect-storm.ts:
 * the start was most of the latency). Safe to run anywhere, any number of times: the workflow id is
 * the order's, so a second start finds the first (workflows/client.ts) and two hubs never start one
 * twice; a hub that dies between the commit and the start leaves the row unstarted, and the next
 * run on any hub (an order's kick, the dispatcher's interval, the hub's own start) starts it.
 */
import type { Client } from '@temporalio/client';
import type { Database } from '../../server/db/connect';
import type { OrderRow } from '../../server/db/models';
import { startDocumentWorkflow } from '../../workflows/client';

export interface WorkflowStarterDeps {
  db: Database;
  temporal: Client;
  taskQueue: string;
  log: (msg: string, extra?: unknown) => void;
  /** Starts sent to Temporal at once: enough to keep up, few enough that acceptance keeps the CPU. */
  inFlight?: number;
  /** Rows read per round. */
  batch?: number;
  /**
   * True while orders are pouring in: then only STORM_IN_FLIGHT starts run at once, so Temporal
   * and the worker (whose work a start creates) leave the CPU to acceptance, and catch up after.
   */
  storming?: () => boolean;
}

export interface WorkflowStarter {
  /** Start every pending workflow now; resolves with how many this run started. A call during a run joins it and makes it look once more. */
  run(): Promise<number>;
  /** `run()` without waiting: called after each accepted order. */
  kick(): void;
}

const IN_FLIGHT = 32;
const STORM_IN_FLIGHT = 2;
const BATCH = 200;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function createWorkflowStarter({
  db,
  temporal,
  taskQueue,
  log,
  inFlight = IN_FLIGHT,
  batch = BATCH,
  storming = () => false,
}: WorkflowStarterDeps): WorkflowStarter {
  let running: Promise<number> | null = null;
  let lookAgain = false;

  async function start(row: OrderRow): Promise<boolean> {
    try {
      await startDocumentWorkflow(temporal, taskQueue, { id: row.id, kind: row.kind, number: row.number, customerName: row.customerName });
      return true;
    } catch (err) {
      // The order is stored; a later run (the dispatcher's interval) starts it when Temporal answers again.
      log(`could not start workflow ${row.workflowId} yet`, (err as Error).message);
      return false;
    }
  }

  /** One round: the oldest pending rows, `inFlight` starts at a time, then one UPDATE for those started. */
  async function round(): Promise<{ started: number; full: boolean; failed: boolean }> {
    const pending = await db.Order.findAll({
      where: { workflowStarted: false },
      attributes: ['id', 'kind', 'number', 'customerName', 'workflowId'],
      order: [['createdAt', 'ASC']],
      limit: batch,
    });
    const started: string[] = [];
    let failed = false;
    let next = 0;
    const lane = async (n: number) => {
      while (next < pending.length && !failed) {
        if (n >= STORM_IN_FLIGHT && storming()) {
          await sleep(100);
          continue;
        }
        const row = pending[next++]!;
        if (await start(row)) started.push(row.id);
        else failed = true; // Temporal refuses: stop here rather than hammer it with the rest.
      }
    };
    await Promise.all(Array.from({ length: Math.min(inFlight, pending.length) }, (_, n) => lane(n)));
    if (started.length) await db.Order.update({ workflowStarted: true }, { where: { id: started } });
    return { started: started.length, full: pending.length === batch, failed };
  }

  /** Rounds until nothing is left (or Temporal refuses). Clears `running` itself, in the same tick as its last look, so no kick falls between. */
  async function drain(): Promise<number> {
    let total = 0;
    try {
      for (;;) {
        lookAgain = false;
        const r = await round();
        total += r.started;
        // After a refusal, wait for the next run (the interval) instead of spinning on Temporal.
        if (r.failed || !(r.full || lookAgain)) break;
      }
    } finally {
      running = null;
    }
    return total;
  }

  const starter: WorkflowStarter = {
    run() {
      if (running) {
        lookAgain = true;
        return running;
      }
      running = drain();
      return running;
    },
    kick() {
      starter.run().catch((err: unknown) => log('workflow starter', (err as Error).message));
    },
  };
  return starter;
}

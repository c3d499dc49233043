/**
 * A small pool of child processes for code we do not trust to stop by itself. Each task runs alone
 * on a free process; past its deadline that process is killed (SIGKILL: nothing inside can refuse)
 * and replaced. Each process has its own V8 heap cap, so a task that allocates without bound kills
 * only its process. Why processes and not worker threads: one huge allocation in a worker thread
 * with `resourceLimits` (a 200 MB string) aborts the whole Node process; a child process dies alone.
 *
 * The child reports progress (which step it is in) by writing lines to fd 4, synchronously, so
 * that when it has to be stopped the pool can say where.
 */
import { fork, type ChildProcess } from 'node:child_process';
import os from 'node:os';
import { pathToFileURL } from 'node:url';
import type { Readable } from 'node:stream';

export interface ProcessPoolOptions {
  /** The child's entry module (.ts runs through tsx). */
  entry: string;
  size: number;
  /** Wall-clock budget of one task, from the moment a process starts it. */
  deadlineMs: number;
  /** V8 heap cap of each process, in MB. */
  memoryMb: number;
  /** How long a task may wait for a free process before it is refused as busy. */
  queueTimeoutMs?: number;
}

export type StopReason = 'timeout' | 'memory' | 'crashed';

/** The task's process had to be stopped (or died): `progress` is the last step it reported. */
export class TaskStopped extends Error {
  constructor(
    readonly reason: StopReason,
    readonly progress: string | undefined,
    message: string,
  ) {
    super(message);
    this.name = 'TaskStopped';
  }
}

/** Every process stayed busy for longer than the queue timeout. */
export class PoolBusy extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PoolBusy';
  }
}

/** What a child sends back: `{ id, ok: true, result }` or `{ id, ok: false, error }`; once, `{ ready: true }`. */
type Reply = { ready: true } | { id: number; ok: true; result: unknown } | { id: number; ok: false; error: string };

interface Task {
  id: number;
  request: unknown;
  resolve: (value: unknown) => void;
  reject: (err: Error) => void;
  queuedTimer?: NodeJS.Timeout;
}

interface Slot {
  child: ChildProcess;
  ready: boolean;
  task?: Task;
  deadline?: NodeJS.Timeout;
  /** The running task's last progress line. */
  progress?: string;
  stopping?: StopReason;
  stderrTail: string;
}

const TSX_LOADER = (): string => pathToFileURL(require.resolve('tsx')).href;

export function createProcessPool(options: ProcessPoolOptions) {
  const { entry, size, deadlineMs, memoryMb, queueTimeoutMs = 30_000 } = options;
  const slots: (Slot | undefined)[] = new Array(size).fill(undefined);
  const queue: Task[] = [];
  let nextId = 1;
  let closed = false;
  /** Callers of ready(), told when every process has started. */
  const readyWaiters: (() => void)[] = [];
  const allReady = () => slots.every((slot) => slot?.ready);

  function spawn(index: number): void {
    const execArgv = [...(entry.endsWith('.ts') ? ['--import', TSX_LOADER()] : []), `--max-old-space-size=${memoryMb}`, '--max-semi-space-size=4'];
    // Nothing of the parent's environment (secrets) reaches code written in the console.
    const env = { NODE_ENV: process.env.NODE_ENV ?? 'production', PATH: process.env.PATH ?? '', ...(process.env.TMPDIR ? { TMPDIR: process.env.TMPDIR } : {}) };
    const child = fork(entry, [], { execArgv, env, stdio: ['ignore', 'ignore', 'pipe', 'ipc', 'pipe'], serialization: 'json' });
    // Below the hub's or worker's own priority: a runaway burning its CPU until the deadline never starves the event loop.
    if (child.pid) {
      try {
        os.setPriority(child.pid, Math.min(19, os.getPriority(process.pid) + 10));
      } catch {
        // not allowed here: it runs at the parent's priority
      }
    }
    const slot: Slot = { child, ready: false, stderrTail: '' };
    slots[index] = slot;
    hold(slot, false);
    const stderr = child.stderr as Readable;
    stderr.on('data', (d: Buffer) => (slot.stderrTail = (slot.stderrTail + d.toString()).slice(-4000)));
    const progress = child.stdio[4] as Readable;
    let partial = '';
    progress.on('data', (d: Buffer) => {
      const lines = (partial + d.toString()).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) {
        const tab = line.indexOf('\t');
        if (slot.task && Number(line.slice(0, tab)) === slot.task.id) slot.progress = line.slice(tab + 1);
      }
    });
    child.on('message', (reply: Reply) => {
      if ('ready' in reply) {
        slot.ready = true;
        if (allReady()) for (const tell of readyWaiters.splice(0)) tell();
        dispatch();
        return;
      }
      const task = slot.task;
      if (!task || task.id !== reply.id || slot.stopping) return;
      finish(slot);
      if (reply.ok) task.resolve(reply.result);
      else task.reject(new Error(reply.error));
      dispatch();
    });
    child.on('error', () => undefined); // a failed kill or send; 'close' follows
    // After the process ended and its pipes are drained: every progress line it wrote has been read.
    child.on('close', (code, signal) => {
      const task = slot.task;
      const reason: StopReason = slot.stopping ?? (/heap out of memory|Allocation failed/i.test(slot.stderrTail) ? 'memory' : 'crashed');
      const wasReady = slot.ready;
      finish(slot);
      if (slots[index] === slot) {
        slots[index] = undefined;
        // A process that dies before it is ready (a broken install) is not respawned in a tight loop.
        if (!closed) setTimeout(() => !closed && !slots[index] && (spawn(index), undefined), wasReady ? 0 : 1000).unref();
      }
      if (task) task.reject(new TaskStopped(reason, slot.progress, describe(reason, code, signal)));
    });
  }

  /**
   * An idle pool never keeps its process alive (the hub or worker exits without closing it); a
   * process with a task, or being stopped, does until it has answered or closed.
   */
  function hold(slot: Slot, busy: boolean): void {
    const handles = [slot.child, slot.child.channel, slot.child.stdio[2], slot.child.stdio[4]] as (
      { ref?: () => void; unref?: () => void } | null | undefined
    )[];
    for (const h of handles) (busy ? h?.ref : h?.unref)?.call(h);
  }

  function describe(reason: StopReason, code: number | null, signal: NodeJS.Signals | null): string {
    if (reason === 'timeout') return `took longer than ${deadlineMs} ms`;
    if (reason === 'memory') return `used more than ${memoryMb} MB of memory`;
    return `stopped its process (${signal ?? `exit code ${code}`})`;
  }

  function finish(slot: Slot): void {
    if (slot.deadline) clearTimeout(slot.deadline);
    slot.deadline = undefined;
    if (!slot.stopping) {
      slot.task = undefined;
      hold(slot, false);
    }
  }

  /** Stops a runaway: its slot gets a fresh process at once; the task is answered when the old one has closed. */
  function stop(index: number, slot: Slot, reason: StopReason): void {
    slot.stopping = reason;
    slot.child.kill('SIGKILL');
    slots[index] = undefined;
    if (!closed) spawn(index);
  }

  function dispatch(): void {
    for (let i = 0; i < size && queue.length; i++) {
      const slot = slots[i];
      if (!slot) {
        if (!closed) spawn(i);
        continue;
      }
      if (!slot.ready || slot.task || slot.stopping) continue;
      const task = queue.shift()!;
      if (task.queuedTimer) clearTimeout(task.queuedTimer);
      slot.task = task;
      slot.progress = undefined;
      hold(slot, true);
      slot.deadline = setTimeout(() => stop(i, slot, 'timeout'), deadlineMs);
      slot.child.send({ id: task.id, request: task.request }, (err) => {
        if (err && slot.task === task && !slot.stopping) stop(i, slot, 'crashed');
      });
    }
  }

  return {
    /** Runs `request` on a free process; rejects with TaskStopped (deadline, memory, crash), PoolBusy, or the child's own error. */
    run<T>(request: unknown): Promise<T> {
      if (closed) return Promise.reject(new PoolBusy('the evaluator pool is closed'));
      return new Promise<T>((resolve, reject) => {
        const task: Task = { id: nextId++, request, resolve: resolve as (v: unknown) => void, reject };
        task.queuedTimer = setTimeout(() => {
          const at = queue.indexOf(task);
          if (at >= 0) queue.splice(at, 1);
          reject(new PoolBusy(`every evaluator process stayed busy for ${queueTimeoutMs} ms`));
        }, queueTimeoutMs);
        queue.push(task);
        dispatch();
      });
    },

    /** Starts the processes now rather than at the first task. */
    warm(): void {
      for (let i = 0; i < size; i++) if (!slots[i] && !closed) spawn(i);
    },

    /** Resolves once every process has started and waits for work (a replaced one included). */
    ready(): Promise<void> {
      this.warm();
      return allReady() ? Promise.resolve() : new Promise<void>((resolve) => readyWaiters.push(resolve));
    },

    /** How many processes are alive (tests, the bench). */
    alive: () => slots.filter(Boolean).length,

    async close(): Promise<void> {
      closed = true;
      for (const task of queue.splice(0)) {
        if (task.queuedTimer) clearTimeout(task.queuedTimer);
        task.reject(new PoolBusy('the evaluator pool is closed'));
      }
      await Promise.all(
        slots.map(
          (slot) =>
            slot &&
            new Promise<void>((done) => {
              slot.child.once('close', () => done());
              slot.stopping ??= 'crashed';
              slot.child.kill('SIGKILL');
            }),
        ),
      );
      slots.fill(undefined);
    },
  };
}

export type ProcessPool = ReturnType<typeof createProcessPool>;

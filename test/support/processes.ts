/** Child processes for fault tests: a worker or hub to SIGKILL, a Temporal dev server of our own to restart. */
import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { searchAttributeCliArgs } from '../../workflows/search-attributes';

const ROOT = path.resolve(__dirname, '../..');

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

export async function waitForPort(port: number, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const open = await new Promise<boolean>((resolve) => {
      const sock = net.connect(port, '127.0.0.1');
      sock.once('connect', () => {
        sock.destroy();
        resolve(true);
      });
      sock.once('error', () => resolve(false));
    });
    if (open) return;
    if (Date.now() > deadline) throw new Error(`port ${port} did not open within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

export function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

const workerMarks = new WeakMap<ChildProcess, string>();

/** `node --import tsx test/support/worker-process.ts`; resolves once it polls. */
export function startWorkerProcess(env: Record<string, string>): Promise<ChildProcess> {
  return startNodeProcess('worker-process.ts', env, 'worker ready');
}

/** `node --import tsx test/support/hub-process.ts`: the hub's API in a process of its own; resolves once it listens. */
export function startHubProcess(env: Record<string, string>): Promise<ChildProcess> {
  return startNodeProcess('hub-process.ts', env, 'hub ready');
}

/** A TypeScript entry point of test/support in a child process; resolves once it prints `readyText`. */
async function startNodeProcess(script: string, env: Record<string, string>, readyText: string): Promise<ChildProcess> {
  // A mark every process it starts inherits (Chromium too, which Puppeteer puts in a group of its own).
  const mark = crypto.randomUUID();
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, script)], {
    cwd: ROOT,
    env: { ...process.env, ...env, SATCHEL_TEST_WORKER: mark },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group, so `killWorker` can take it down whole, as a crash would.
    detached: true,
  });
  workerMarks.set(child, mark);
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${script} not ready after 60 s:\n${output}`)), 60_000);
    child.stdout!.on('data', (d: Buffer) => {
      output += d.toString();
      if (output.includes(readyText)) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${script} exited (${code}) before it was ready:\n${output}`));
    });
  });
  return child;
}

/** Peak resident memory of a live process in MB (VmHWM), for the benchmarks; undefined once it is gone. */
export function peakRssMb(pid: number): number | undefined {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** `temporal server start-dev` on a port and database file of our own (restartable with the same state). */
export async function startTemporalServer(port: number, dbFile: string): Promise<ChildProcess> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { findTemporalCli } = require('../../scripts/lib/toolchain.cjs') as { findTemporalCli(): string | undefined };
  const cli = findTemporalCli();
  if (!cli) throw new Error('no Temporal CLI (see scripts/lib/toolchain.cjs)');
  const child = spawn(
    cli,
    [
      'server',
      'start-dev',
      '--ip',
      '127.0.0.1',
      '--port',
      String(port),
      '--db-filename',
      dbFile,
      '--log-level',
      'error',
      '--headless',
      ...searchAttributeCliArgs(),
    ],
    { stdio: 'ignore' },
  );
  await waitForPort(port);
  return child;
}

/** SIGKILL a worker (or hub) process and everything it started (its Chromium): a crashed container. */
export function killWorker(child: ChildProcess): void {
  const mark = workerMarks.get(child);
  for (const pid of mark ? fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d)) : []) {
    try {
      if (fs.readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0').includes(`SATCHEL_TEST_WORKER=${mark}`)) process.kill(Number(pid), 'SIGKILL');
    } catch {
      /* gone meanwhile, or not ours */
    }
  }
  try {
    process.kill(-child.pid!, 'SIGKILL');
  } catch {
    /* already gone */
  }
}

// A small supervisor: children in their own process groups, output prefixed with their name,
// and a shutdown that stops each group (grandchildren such as Chromium included) in reverse order.
import { spawn } from 'node:child_process';
import net from 'node:net';
import readline from 'node:readline';

const COLORS = [36, 35, 33, 32, 34, 31];

export class Supervisor {
  children = [];
  stopping = false;

  constructor({ onUnexpectedExit }) {
    this.onUnexpectedExit = onUnexpectedExit;
  }

  start(name, command, args, { env = {}, cwd, oneShot = false } = {}) {
    const color = COLORS[this.children.length % COLORS.length];
    const prefix = process.stdout.isTTY ? `\x1b[${color}m[${name}]\x1b[0m ` : `[${name}] `;
    const child = spawn(command, args, { cwd, env: { ...process.env, ...env }, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    for (const stream of [child.stdout, child.stderr]) {
      readline.createInterface({ input: stream }).on('line', (line) => process.stdout.write(`${prefix}${line}\n`));
    }
    const entry = { name, child, exited: new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal }))) };
    entry.exited.then(({ code, signal }) => {
      if (oneShot) this.children.splice(this.children.indexOf(entry), 1);
      else if (!this.stopping) this.onUnexpectedExit(name, code ?? signal);
    });
    this.children.push(entry);
    return entry;
  }

  async stop(graceMs = 10_000) {
    this.stopping = true;
    for (const { child, exited } of [...this.children].reverse()) {
      if (child.exitCode !== null || child.signalCode !== null) continue;
      signalGroup(child.pid, 'SIGTERM');
      const timer = setTimeout(() => signalGroup(child.pid, 'SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
      signalGroup(child.pid, 'SIGKILL'); // anything the child left behind in its group
    }
  }
}

function signalGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
  } catch {
    /* already gone */
  }
}

/** Resolve when something accepts TCP connections on host:port, or reject after timeoutMs. */
export async function waitForPort(port, { host = '127.0.0.1', timeoutMs = 60_000, what = `port ${port}` } = {}) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const open = await new Promise((resolve) => {
      const socket = net.connect({ port, host }, () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${what} did not open within ${Math.round(timeoutMs / 1000)} s`);
}

export async function portInUse(port, host = '127.0.0.1') {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host }, () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

export async function waitForHttp(url, { timeoutMs = 120_000, ok = (r) => r.ok } = {}) {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    try {
      const r = await fetch(url);
      if (ok(r)) return r;
      last = `HTTP ${r.status}: ${await r.text()}`;
    } catch (err) {
      last = err.message;
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`${url} not ready within ${Math.round(timeoutMs / 1000)} s (${last})`);
}

/**
 * The whole system as `npm start` runs it (own Temporal dev server, Zoho sandbox, mail catcher,
 * worker, hub) on ports of its own, for the end-to-end tests; `stop()` takes it all down.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eventually } from '../../support/temporal';

export interface StackPorts {
  hub: number;
  sandbox: number;
  smtp: number;
  mailWeb: number;
  temporal: number;
  temporalUi: number;
}

export interface RunningStack {
  hubUrl: string;
  sandboxUrl: string;
  mailUrl: string;
  dataDir: string;
  output(): string;
  stop(): Promise<void>;
}

export async function startStack(ports: StackPorts, extraEnv: Record<string, string> = {}): Promise<RunningStack> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'satchel-e2e-'));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATA_DIR: dataDir,
    PORT: String(ports.hub),
    ZOHO_SANDBOX_PORT: String(ports.sandbox),
    MAIL_CATCHER_SMTP_PORT: String(ports.smtp),
    MAIL_CATCHER_WEB_PORT: String(ports.mailWeb),
    TEMPORAL_UI_PORT: String(ports.temporalUi),
    TEMPORAL_PORT: String(ports.temporal),
    ...extraEnv,
  };
  delete env.TEMPORAL_ADDRESS; // its own dev server, like `npm start`
  const child = spawn(process.execPath, ['scripts/start.mjs'], { cwd: path.resolve(__dirname, '../../..'), env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    await eventually(
      async () => {
        if (child.exitCode !== null) throw new Error(`the stack exited:\n${output}`);
        return output.includes('Satchel is running') ? true : undefined;
      },
      { timeoutMs: 180_000, intervalMs: 300, what: 'the stack to start' },
    );
  } catch (err) {
    child.kill('SIGKILL');
    throw err;
  }
  return {
    hubUrl: `http://127.0.0.1:${ports.hub}`,
    sandboxUrl: `http://127.0.0.1:${ports.sandbox}`,
    mailUrl: `http://127.0.0.1:${ports.mailWeb}`,
    dataDir,
    output: () => output,
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGINT');
        const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
        await exited;
        clearTimeout(timer);
      }
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A signed-in API session (cookie + CSRF header) for the test's own look at the hub. */
export async function apiSession(hubUrl: string, email: string, password: string) {
  const login = await fetch(`${hubUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-requested-with': 'satchel' },
    body: JSON.stringify({ email, password }),
  });
  if (login.status !== 200) throw new Error(`sign-in as ${email} failed: ${login.status}`);
  const headers = { cookie: login.headers.getSetCookie()[0]!.split(';')[0]!, 'x-requested-with': 'satchel' };
  return {
    get: async <T>(p: string): Promise<T> => {
      const res = await fetch(`${hubUrl}${p}`, { headers });
      if (!res.ok) throw new Error(`GET ${p}: ${res.status} ${await res.text()}`);
      return (await res.json()) as T;
    },
    post: (p: string, body?: unknown) =>
      fetch(`${hubUrl}${p}`, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      }),
    text: async (p: string) => (await fetch(`${hubUrl}${p}`, { headers })).text(),
  };
}

/**
 * Ask for a catalogue sync from the sandbox and wait until the data set holds items and customers
 * (and, when given, a record containing `mustContain`).
 */
export async function syncCatalogue(hubUrl: string, mustContain?: string): Promise<{ items: number; customers: number }> {
  const admin = await apiSession(hubUrl, 'admin@satchel.local', 'satchel-admin-demo');
  const rep = await apiSession(hubUrl, 'rep@satchel.local', 'satchel-rep-demo');
  await eventually(async () => ((await admin.post('/api/catalogue/sync')).status === 202 ? true : undefined), {
    timeoutMs: 60_000,
    intervalMs: 1000,
    what: 'the catalogue sync to start',
  });
  return eventually(
    async () => {
      const status = await admin.get<{ running?: unknown; recent: Array<{ status: string }> }>('/api/catalogue/sync');
      if (status.running || !status.recent.some((r) => /completed/i.test(r.status))) return undefined;
      const body = await rep.text('/api/catalogue/dataset?since=0&limit=5000');
      const items = (body.match(/"k":"item"/g) ?? []).length;
      const customers = (body.match(/"k":"customer"/g) ?? []).length;
      if (mustContain && !body.includes(mustContain)) return undefined;
      return items > 0 && customers > 0 ? { items, customers } : undefined;
    },
    { timeoutMs: 120_000, intervalMs: 1000, what: 'the catalogue to reach the hub' },
  );
}

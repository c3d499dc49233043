/**
 * The whole system the way `npm start` runs it (Temporal dev server, Zoho sandbox, mail catcher,
 * worker, hub), on ports of its own, driven through HTTP; then Ctrl-C, and nothing may be left.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { OrderDetail } from '../domain';
import { eventually } from './support/temporal';

jest.setTimeout(240_000);

const PORTS = { hub: 3310, sandbox: 3410, smtp: 1135, mailWeb: 8135, temporal: 7343, temporalUi: 8343 };
const hub = `http://127.0.0.1:${PORTS.hub}`;

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: '127.0.0.1' }, () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** Every live process that got this DATA_DIR in its environment, i.e. anything the stack started. */
function processesUsing(dataDir: string): number[] {
  const marker = `DATA_DIR=${dataDir}`;
  return fs
    .readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .filter((pid) => {
      try {
        return fs.readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0').includes(marker);
      } catch {
        return false; // gone meanwhile, or not ours to read
      }
    })
    .map(Number);
}

describe('npm start', () => {
  let dataDir: string;
  let stack: ChildProcess;
  let output = '';

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'satchel-smoke-'));
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      DATA_DIR: dataDir,
      PORT: String(PORTS.hub),
      ZOHO_SANDBOX_PORT: String(PORTS.sandbox),
      MAIL_CATCHER_SMTP_PORT: String(PORTS.smtp),
      MAIL_CATCHER_WEB_PORT: String(PORTS.mailWeb),
      TEMPORAL_UI_PORT: String(PORTS.temporalUi),
      TEMPORAL_PORT: String(PORTS.temporal),
    };
    delete env.TEMPORAL_ADDRESS; // the stack runs its own dev server
    stack = spawn(process.execPath, ['scripts/start.mjs'], { cwd: path.resolve(__dirname, '..'), env, stdio: ['ignore', 'pipe', 'pipe'] });
    stack.stdout!.on('data', (d) => (output += d));
    stack.stderr!.on('data', (d) => (output += d));
    await eventually(async () => (output.includes('Satchel is running') ? true : undefined), {
      timeoutMs: 180_000,
      intervalMs: 500,
      what: `the stack to start. Output:\n${output}`,
    });
  });

  afterAll(async () => {
    if (stack && stack.exitCode === null) stack.kill('SIGKILL');
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('prints the URLs of everything it started', () => {
    expect(output).toContain(`http://localhost:${PORTS.hub}`);
    expect(output).toContain(`http://localhost:${PORTS.temporalUi}`);
    expect(output).toContain(`http://localhost:${PORTS.sandbox}/`);
    expect(output).toContain(`http://localhost:${PORTS.mailWeb}/`);
  });

  it('is ready, and serves the client', async () => {
    const ready = await fetch(`${hub}/readyz`);
    expect(ready.status).toBe(200);
    expect(((await ready.json()) as { checks: unknown }).checks).toEqual({ database: 'ok', temporal: 'ok', zoho: 'ok' });
    const page = await fetch(`${hub}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toMatch(/<title>[^<]*Satchel/i);
  });

  it('takes a demo order from the demo rep through to Zoho, once', async () => {
    const login = await fetch(`${hub}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-requested-with': 'satchel' },
      body: JSON.stringify({ email: 'rep@satchel.local', password: 'satchel-rep-demo' }),
    });
    expect(login.status).toBe(200);
    const headers = { cookie: login.headers.getSetCookie()[0]!.split(';')[0]!, 'x-requested-with': 'satchel' };
    expect((await fetch(`${hub}/api/orders`)).status).toBe(401); // nothing without signing in

    const sample = (await (await fetch(`${hub}/api/dev/sample-order`, { headers })).json()) as { id: string };
    const post = () =>
      fetch(`${hub}/api/orders`, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify(sample) });
    expect((await post()).status).toBe(201);
    const done = await eventually(
      async () => {
        const { order } = (await (await fetch(`${hub}/api/orders/${sample.id}`, { headers })).json()) as { order: OrderDetail };
        return order.stage === 'done' ? order : undefined;
      },
      { timeoutMs: 90_000, what: 'the demo order to be done' },
    );
    expect(done.zohoId).toEqual(expect.any(String));
    expect((await post()).status).toBe(200);

    // The sandbox's page shows the order "in Zoho", exactly once.
    const page = await (await fetch(`http://127.0.0.1:${PORTS.sandbox}/`)).text();
    expect(page.split(done.number).length - 1).toBe(1);
    // State lives under DATA_DIR: the SQLite file and Temporal's database.
    expect(fs.existsSync(path.join(dataDir, 'satchel.db'))).toBe(true);
    expect(fs.existsSync(path.join(dataDir, 'temporal.db'))).toBe(true);
  });

  it('stops everything on Ctrl-C and leaves no process or port behind', async () => {
    const exited = new Promise<number | null>((resolve) => stack.once('exit', (code) => resolve(code)));
    stack.kill('SIGINT');
    expect(await exited).toBe(0);
    await eventually(async () => (processesUsing(dataDir).length === 0 ? true : undefined), { timeoutMs: 15_000, what: 'no processes left' });
    for (const port of Object.values(PORTS)) expect(await portOpen(port)).toBe(false);
  });
});

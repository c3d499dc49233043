/** The entry point the start command runs: listens on ZOHO_SANDBOX_PORT, prints its URL, persists, stops on SIGTERM. */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(__dirname, '../..');

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

function start(env: Record<string, string>): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [path.join(root, 'node_modules/tsx/dist/cli.mjs'), path.join(root, 'zoho/sandbox/server.ts')], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`sandbox did not start: ${out}`)), 30_000);
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ child, url: m[1]! });
      }
    });
    child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    child.on('exit', (code) => reject(new Error(`sandbox exited with ${code}: ${out}`)));
  });
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

test('server.ts listens on ZOHO_SANDBOX_PORT, serves the demo, and keeps documents across a restart', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'satchel-sandbox-server-'));
  const stateFile = path.join(dir, 'zoho-sandbox.json');
  const port = await freePort();
  const env = { ZOHO_SANDBOX_PORT: String(port), ZOHO_SANDBOX_STATE_FILE: stateFile, ZOHO_SANDBOX_ITEMS: '30', ZOHO_SANDBOX_CUSTOMERS: '4' };
  let running: ChildProcess | undefined;
  try {
    const first = await start(env);
    running = first.child;
    expect(first.url).toBe(`http://127.0.0.1:${port}`);
    const state = (await fetch(`${first.url}/__sandbox/state`).then((r) => r.json())) as { counts: Record<string, number> };
    expect(state.counts).toMatchObject({ items: 30, contacts: 4 });
    const created = await fetch(`${first.url}/__sandbox/mutate`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"add":1,"count":0}',
    });
    expect(((await created.json()) as { changed: number }).changed).toBe(1);
    await stop(first.child);
    expect(fs.existsSync(stateFile)).toBe(true);

    const second = await start(env);
    running = second.child;
    const again = (await fetch(`${second.url}/__sandbox/state`).then((r) => r.json())) as { counts: Record<string, number> };
    expect(again.counts.items).toBe(31);
    expect(await fetch(`${second.url}/`).then((r) => r.text())).toContain('Zoho sandbox');
  } finally {
    if (running) await stop(running);
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

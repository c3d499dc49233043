/**
 * What a careless start must not do: production with no Zoho credentials refuses to start (it
 * would take orders into the local sandbox and serve /api/dev), the sandbox's /__sandbox/* test
 * controls are off outside development and test, and the hub listens on loopback unless HOST says.
 */
import { spawn, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import type { Server } from 'node:http';
import net, { type AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import express from 'express';
import { ConfigError, loadConfig } from '../../config';
import { listenOn } from '../../hub/listen';
import { demoHelpersAllowed } from '../../hub/services/sample-order';
import { createSandbox, testControlsByDefault } from '../../zoho/sandbox';

const ROOT = path.resolve(__dirname, '../..');
const KEY = crypto.randomBytes(32).toString('base64');
const ZOHO_VARS = ['ZOHO_CLIENT_ID', 'ZOHO_CLIENT_SECRET', 'ZOHO_REFRESH_TOKEN', 'ZOHO_ORGANIZATION_ID'];

function start(entry: string, env: Record<string, string>) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'satchel-hardening-'));
  try {
    const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('ZOHO_')));
    const r = spawnSync(process.execPath, ['--import', 'tsx', entry], {
      cwd: ROOT,
      env: { ...clean, DATA_DIR: dataDir, TEMPORAL_ADDRESS: '127.0.0.1:1', ...env },
      encoding: 'utf8',
      timeout: 30_000,
    });
    return { status: r.status, stderr: r.stderr.trim() };
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

async function freePort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  const { port } = s.address() as net.AddressInfo;
  await new Promise((resolve) => s.close(resolve));
  return port;
}

describe('production without Zoho credentials', () => {
  it('is refused by the configuration, naming the variables', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', SATCHEL_SECRET_KEY: KEY })).toThrow(ConfigError);
    try {
      loadConfig({ NODE_ENV: 'production', SATCHEL_SECRET_KEY: KEY });
    } catch (err) {
      for (const v of ZOHO_VARS) expect((err as ConfigError).problems[0]).toContain(v);
    }
    // Development and tests keep the sandbox; production with credentials starts.
    expect(loadConfig({}).zoho.sandbox).toBe(true);
    const real = Object.fromEntries(ZOHO_VARS.map((v) => [v, v === 'ZOHO_ORGANIZATION_ID' ? '123' : 'x']));
    expect(loadConfig({ NODE_ENV: 'production', SATCHEL_SECRET_KEY: KEY, ...real }).zoho.sandbox).toBe(false);
  });

  it.each(['hub/server.ts', 'workflows/main.ts'])('%s stops with one plain line naming them', (entry) => {
    const { status, stderr } = start(entry, { NODE_ENV: 'production', SATCHEL_SECRET_KEY: KEY });
    expect(status).toBe(1);
    expect(stderr.split('\n')).toHaveLength(1);
    expect(stderr).toMatch(/^Cannot start: ZOHO_CLIENT_ID, ZOHO_CLIENT_SECRET, ZOHO_REFRESH_TOKEN and ZOHO_ORGANIZATION_ID are required in production/);
    expect(stderr).toMatch(/sandbox/);
  });
});

describe('the demo helpers (/api/dev)', () => {
  it('are mounted with the sandbox outside production only', () => {
    const real = Object.fromEntries(ZOHO_VARS.map((v) => [v, v === 'ZOHO_ORGANIZATION_ID' ? '123' : 'x']));
    expect(demoHelpersAllowed(loadConfig({}))).toBe(true);
    expect(demoHelpersAllowed(loadConfig({ ...real }))).toBe(false);
    // Real credentials pointed at a local sandbox still count as the sandbox: production never serves the helpers.
    const local = { ...real, ZOHO_ACCOUNTS_URL: 'http://127.0.0.1:3100', ZOHO_API_URL: 'http://127.0.0.1:3100' };
    expect(demoHelpersAllowed(loadConfig(local))).toBe(true);
    expect(demoHelpersAllowed(loadConfig({ ...local, NODE_ENV: 'production', SATCHEL_SECRET_KEY: KEY }))).toBe(false);
  });
});

describe("the sandbox's test controls", () => {
  it('answer in development and test only', () => {
    expect([undefined, 'development', 'test', 'production', 'staging'].map((e) => testControlsByDefault(e))).toEqual([true, true, true, false, false]);
  });

  it('are not served when switched off: reset, faults, clock and state answer 404', async () => {
    const sandbox = createSandbox({ testControls: false });
    const { url } = await sandbox.listen(0, '127.0.0.1');
    try {
      expect((await fetch(`${url}/__sandbox/state`)).status).toBe(404);
      expect((await fetch(`${url}/__sandbox/reset`, { method: 'POST' })).status).toBe(404);
      const faults = await fetch(`${url}/__sandbox/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"errors5xx":5}' });
      expect(faults.status).toBe(404);
      expect(sandbox.faults.fired.errors5xx).toBe(0);
      // Zoho itself still answers.
      expect((await fetch(`${url}/oauth/v2/token`, { method: 'POST' })).status).toBeLessThan(500);
    } finally {
      await sandbox.close();
    }
  });

  it('are off in the sandbox process started with NODE_ENV=production', async () => {
    const port = await freePort();
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'satchel-sandbox-prod-'));
    const real = Object.fromEntries(ZOHO_VARS.map((v) => [v, v === 'ZOHO_ORGANIZATION_ID' ? '123' : 'x']));
    const child = spawn(process.execPath, ['--import', 'tsx', 'zoho/sandbox/server.ts'], {
      cwd: ROOT,
      env: {
        ...process.env,
        ...real,
        NODE_ENV: 'production',
        SATCHEL_SECRET_KEY: KEY,
        DATA_DIR: dataDir,
        ZOHO_SANDBOX_PORT: String(port),
        ZOHO_SANDBOX_STATE_FILE: 'none',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      await new Promise<void>((resolve, reject) => {
        let out = '';
        child.stdout!.on('data', (d: Buffer) => {
          out += d.toString();
          if (out.includes('listening')) resolve();
        });
        child.once('exit', (code) => reject(new Error(`sandbox exited ${code}`)));
      });
      expect((await fetch(`http://127.0.0.1:${port}/__sandbox/state`)).status).toBe(404);
      expect((await fetch(`http://127.0.0.1:${port}/__sandbox/limits/exhaust-day`, { method: 'POST' })).status).toBe(404);
    } finally {
      child.kill('SIGTERM');
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('where the hub listens', () => {
  // Checked on the listening socket, not by connecting from outside: tests send traffic only to loopback.
  const boundTo = (server: Server) => (server.address() as AddressInfo).address;

  it('defaults to loopback (HOST=127.0.0.1)', () => {
    expect(loadConfig({}).host).toBe('127.0.0.1');
    expect(loadConfig({ HOST: '0.0.0.0' }).host).toBe('0.0.0.0');
  });

  it('binds loopback only unless HOST says so', async () => {
    const app = express().get('/', (_req, res) => res.send('hub'));
    const port = await freePort();
    const loopback = await listenOn(app, { ...loadConfig({}), port });
    try {
      expect(boundTo(loopback)).toBe('127.0.0.1');
      expect((await fetch(`http://127.0.0.1:${port}/`)).status).toBe(200);
    } finally {
      await new Promise((resolve) => loopback.close(resolve));
    }
    const open = await listenOn(app, { ...loadConfig({ HOST: '0.0.0.0' }), port });
    try {
      expect(boundTo(open)).toBe('0.0.0.0');
    } finally {
      await new Promise((resolve) => open.close(resolve));
    }
  });
});

/** A missing service or a bad setting at start: one plain line saying what and how to fix it, no stack trace. */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..');

function start(entry: string, env: Record<string, string>) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'satchel-start-'));
  try {
    const r = spawnSync(process.execPath, ['--import', 'tsx', entry], {
      cwd: ROOT,
      env: { ...process.env, DATA_DIR: dataDir, TEMPORAL_ADDRESS: '127.0.0.1:1', ...env },
      encoding: 'utf8',
      timeout: 30_000,
    });
    return { status: r.status, stderr: r.stderr.trim() };
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

describe('start-up errors', () => {
  it.each(['hub/server.ts', 'workflows/main.ts'])('%s names a missing Temporal server and the fix', (entry) => {
    const { status, stderr } = start(entry, {});
    expect(status).toBe(1);
    expect(stderr).toMatch(/^Cannot start: Temporal is not reachable at 127\.0\.0\.1:1 .*set TEMPORAL_ADDRESS/);
    expect(stderr.split('\n')).toHaveLength(1);
  });

  it('names an unreachable database and the fix', () => {
    const { status, stderr } = start('hub/server.ts', { DATABASE_URL: 'postgres://satchel@127.0.0.1:1/satchel' });
    expect(status).toBe(1);
    expect(stderr).toBe(
      'Cannot start: PostgreSQL at 127.0.0.1:1/satchel is not reachable: connect ECONNREFUSED 127.0.0.1:1. Start the database, or unset DATABASE_URL to use the embedded SQLite file.',
    );
  });

  it('lists every bad setting by name', () => {
    const { status, stderr } = start('hub/server.ts', { PORT: 'eighty', ZOHO_PRODUCT: 'crm' });
    expect(status).toBe(1);
    expect(stderr).toMatch(/PORT/);
    expect(stderr).toMatch(/ZOHO_PRODUCT/);
    expect(stderr).not.toMatch(/^\s+at /m);
  });
});

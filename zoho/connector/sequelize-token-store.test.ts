/**
 * SequelizeTokenStore on real SQLite (a temp file) and real PostgreSQL (a database of its own,
 * dropped afterwards). Separate Sequelize instances stand in for separate processes.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Sequelize } from 'sequelize';
import { down, up } from '../../server/db/migrations/0002-zoho-tokens';
import { createZohoClient, SequelizeTokenStore, unlimited } from '.';
import { countingFetch, startSandbox, type RunningSandbox } from '../testing';
import type { TokenState } from './token-store';

const PG_ADMIN_URL = process.env.SATCHEL_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

interface Dialect {
  name: string;
  /** A new connection to the same database (another "process"). */
  connect(): Sequelize;
  cleanup(): Promise<void>;
}

async function sqlite(): Promise<Dialect> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'satchel-zoho-tokens-'));
  const file = path.join(dir, 'tokens.db');
  return {
    name: 'sqlite',
    connect: () => new Sequelize({ dialect: 'sqlite', storage: file, logging: false, retry: { max: 10, match: [/SQLITE_BUSY/] } }),
    cleanup: async () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

async function postgres(): Promise<Dialect> {
  const name = `satchel_test_zoho_${crypto.randomBytes(5).toString('hex')}`;
  const admin = new Sequelize(PG_ADMIN_URL, { logging: false });
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    name: 'postgres',
    connect: () => new Sequelize(url.toString(), { logging: false, pool: { max: 3 } }),
    cleanup: async () => {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.close();
    },
  };
}

const state = (over: Partial<TokenState> = {}): TokenState => ({
  accessToken: 'tok-1',
  apiDomain: 'http://api.example',
  expiresAt: 1_800_000_000_000,
  refreshAt: 1_799_999_000_000,
  requestLog: [1, 2, 3],
  blockedUntil: 0,
  ...over,
});

describe.each([
  ['sqlite', sqlite],
  ['postgres', postgres],
] as const)('SequelizeTokenStore on %s', (_name, make) => {
  let dialect: Dialect;
  const open: Sequelize[] = [];
  const connect = () => {
    const s = dialect.connect();
    open.push(s);
    return s;
  };

  beforeAll(async () => {
    dialect = await make();
    await up({ context: connect().getQueryInterface() });
  });
  afterAll(async () => {
    await Promise.all(open.map((s) => s.close()));
    await dialect.cleanup();
  });

  test('the migration creates zoho_tokens with snake_case columns and timestamps', async () => {
    const columns = Object.keys(await connect().getQueryInterface().describeTable('zoho_tokens')).sort();
    expect(columns).toEqual(
      [
        'access_token',
        'api_domain',
        'blocked_until',
        'created_at',
        'expires_at',
        'key',
        'lease_holder',
        'lease_until',
        'refresh_at',
        'request_log',
        'updated_at',
      ].sort(),
    );
  });

  test('get/put round-trip, only while holding the lease', async () => {
    const a = new SequelizeTokenStore(connect());
    const b = new SequelizeTokenStore(connect());
    const key = `k-${crypto.randomUUID()}`;
    expect(await a.get(key)).toBeUndefined();
    expect(await a.acquireLease(key, 'A', 1000, 5000)).toBe(true);
    expect(await a.put(key, state(), 'A')).toBe(true);
    expect(await b.put(key, state({ accessToken: 'intruder' }), 'B')).toBe(false);
    expect(await b.get(key)).toEqual(state()); // BIGINT comes back as a number on PostgreSQL too
    await a.releaseLease(key, 'A');
    expect(await a.put(key, state({ accessToken: 'late' }), 'A')).toBe(false);
    expect((await b.get(key))?.accessToken).toBe('tok-1');
  });

  test('the lease: one holder at a time, re-entrant, free again after release or expiry', async () => {
    const a = new SequelizeTokenStore(connect());
    const b = new SequelizeTokenStore(connect());
    const key = `k-${crypto.randomUUID()}`;
    expect(await a.acquireLease(key, 'A', 1000, 5000)).toBe(true);
    expect(await b.acquireLease(key, 'B', 2000, 5000)).toBe(false);
    expect(await a.acquireLease(key, 'A', 2000, 5000)).toBe(true);
    await a.releaseLease(key, 'A');
    expect(await b.acquireLease(key, 'B', 3000, 5000)).toBe(true);
    expect(await a.acquireLease(key, 'A', 7999, 5000)).toBe(false); // B's lease runs to 8000
    expect(await a.acquireLease(key, 'A', 8001, 5000)).toBe(true); // expired: taken over
  });

  test('many "processes" racing for the lease: exactly one wins', async () => {
    const key = `k-${crypto.randomUUID()}`;
    const stores = Array.from({ length: 8 }, () => new SequelizeTokenStore(connect()));
    const won = await Promise.all(stores.map((s, i) => s.acquireLease(key, `P${i}`, 1000, 60_000)));
    expect(won.filter(Boolean)).toHaveLength(1);
  });

  describe('with the connector and a sandbox', () => {
    let zs: RunningSandbox;
    beforeAll(async () => {
      zs = await startSandbox({ seed: { items: 10, customers: 3 } });
    });
    afterAll(async () => {
      await zs.close();
    });

    test('five processes on one database refresh once between them, and a sixth reuses the token', async () => {
      const counting = countingFetch();
      const processes = Array.from({ length: 5 }, () =>
        createZohoClient(zs.settings(), { tokenStore: new SequelizeTokenStore(connect()), fetch: counting.fetch, limiter: unlimited }),
      );
      await Promise.all(processes.flatMap((p) => [p.organizations.list(), p.items.list()]));
      expect(counting.token()).toHaveLength(1);
      const late = createZohoClient(zs.settings(), { tokenStore: new SequelizeTokenStore(connect()), fetch: counting.fetch, limiter: unlimited });
      await late.organizations.list();
      expect(counting.token()).toHaveLength(1);
      expect(counting.api()).toHaveLength(11);
    });

    test('the stored row holds a hash key, never the refresh token or client secret', async () => {
      const rows = (await connect().query('SELECT * FROM zoho_tokens', { type: 'SELECT' })) as Array<Record<string, unknown>>;
      const text = JSON.stringify(rows);
      expect(rows.length).toBeGreaterThan(0);
      expect(text).not.toContain(zs.settings().refreshToken);
      expect(text).not.toContain(zs.settings().clientSecret);
      expect(rows.some((r) => /^[0-9a-f]{64}$/.test(String(r.key)) && typeof r.access_token === 'string')).toBe(true);
    });
  });

  test('down() drops the table', async () => {
    const s = connect();
    await down({ context: s.getQueryInterface() });
    await expect(s.getQueryInterface().describeTable('zoho_tokens')).rejects.toThrow();
    await up({ context: s.getQueryInterface() }); // leave it as found for any test after this one
  });
});

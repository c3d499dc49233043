/**
 * Migrations, run by umzug. Listed explicitly (not globbed) so that the list is plain code that
 * works the same under tsx, Jest and a compiled build.
 */
import fs from 'node:fs';
import type { QueryInterface, Sequelize } from 'sequelize';
import { SequelizeStorage, Umzug } from 'umzug';
import * as m0001 from './migrations/0001-orders';
import * as m0002 from './migrations/0002-zoho-tokens';
import * as m0003 from './migrations/0003-accounts';
import * as m0004 from './migrations/0004-catalogue';
import * as m0005 from './migrations/0005-customers';
import * as m0006 from './migrations/0006-mapping-versions';
import * as m0007 from './migrations/0007-zoho-connection';
import * as m0008 from './migrations/0008-sign-in-buckets';
import * as m0009 from './migrations/0009-zoho-quota';
import * as m0010 from './migrations/0010-order-policies';
import * as m0011 from './migrations/0011-order-revisions';

type Step = { up(p: { context: QueryInterface }): Promise<void>; down(p: { context: QueryInterface }): Promise<void> };

export const MIGRATIONS: Array<[name: string, step: Step]> = [
  ['0001-orders', m0001],
  ['0002-zoho-tokens', m0002],
  ['0003-accounts', m0003],
  ['0004-catalogue', m0004],
  ['0005-customers', m0005],
  ['0006-mapping-versions', m0006],
  ['0007-zoho-connection', m0007],
  ['0008-sign-in-buckets', m0008],
  ['0009-zoho-quota', m0009],
  ['0010-order-policies', m0010],
  ['0011-order-revisions', m0011],
];

function umzug(sequelize: Sequelize, log: (msg: string) => void) {
  return new Umzug<QueryInterface>({
    migrations: MIGRATIONS.map(([name, step]) => ({
      name,
      up: ({ context }) => step.up({ context }),
      down: ({ context }) => step.down({ context }),
    })),
    context: sequelize.getQueryInterface(),
    storage: new SequelizeStorage({ sequelize, tableName: 'satchel_migrations' }),
    logger: {
      info: (e) => log(`migration ${JSON.stringify(e)}`),
      warn: (e) => log(JSON.stringify(e)),
      error: (e) => log(JSON.stringify(e)),
      debug: () => undefined,
    },
  });
}

/**
 * Apply pending migrations. Concurrent starts (several hubs, a hub and a worker) take turns: on
 * PostgreSQL through an advisory lock, on SQLite (one host) through a lock file beside the database.
 */
export async function migrate(sequelize: Sequelize, log: (msg: string) => void = () => undefined): Promise<string[]> {
  if (sequelize.getDialect() === 'sqlite') {
    const storage = (sequelize as unknown as { options: { storage?: string } }).options.storage ?? ':memory:';
    return withFileLock(`${storage}.migrate-lock`, storage === ':memory:', async () => (await umzug(sequelize, log).up()).map((m) => m.name));
  }
  // A session-level lock must be taken and released on the same connection, not via the pool.
  const manager = (sequelize as unknown as { connectionManager: PgConnectionManager }).connectionManager;
  const connection = await manager.getConnection({ type: 'write' });
  await connection.query(`SELECT pg_advisory_lock(${MIGRATION_LOCK_KEY})`);
  try {
    return (await umzug(sequelize, log).up()).map((m) => m.name);
  } finally {
    await connection.query(`SELECT pg_advisory_unlock(${MIGRATION_LOCK_KEY})`).catch(() => undefined);
    manager.releaseConnection(connection);
  }
}

const MIGRATION_LOCK_KEY = 7_243_901; // any constant shared by every Satchel process
interface PgConnection {
  query(sql: string): Promise<unknown>;
}
interface PgConnectionManager {
  getConnection(opts: { type: 'write' }): Promise<PgConnection>;
  releaseConnection(c: PgConnection): void;
}

export async function rollback(sequelize: Sequelize, to: string | 0 = 0): Promise<string[]> {
  const reverted = await umzug(sequelize, () => undefined).down({ to });
  return reverted.map((m) => m.name);
}

/** An exclusive lock file holding our pid; a lock whose process is gone is taken over. */
async function withFileLock<T>(file: string, skip: boolean, run: () => Promise<T>): Promise<T> {
  if (skip) return run();
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      fs.writeFileSync(file, String(process.pid), { flag: 'wx' });
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const holder = Number(fs.readFileSync(file, 'utf8')) || 0;
      if (holder && !processAlive(holder)) fs.rmSync(file, { force: true });
      else if (Date.now() > deadline) throw new Error(`another process (pid ${holder}) holds ${file}; remove it if that process is gone`, { cause: err });
      else await new Promise((r) => setTimeout(r, 100));
    }
  }
  try {
    return await run();
  } finally {
    fs.rmSync(file, { force: true });
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

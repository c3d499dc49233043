/**
 * Real databases for tests: a fresh SQLite file, or a fresh PostgreSQL database created on the
 * local server (TEST_POSTGRES_URL, default postgres://postgres@127.0.0.1:5432/test) and dropped after.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Sequelize } from 'sequelize';
import type { Config } from '../../config';
import { openDatabase, type Database } from '../../server/db/connect';
import { migrate } from '../../server/db/migrate';

export type Dialect = 'sqlite' | 'postgres';
export const DIALECTS: Dialect[] = ['sqlite', 'postgres'];

export const POSTGRES_ADMIN_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface TestDatabase {
  config: Config['database'];
  /** Removes the file or drops the database. */
  destroy(): Promise<void>;
}

export async function createTestDatabase(dialect: Dialect): Promise<TestDatabase> {
  if (dialect === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'satchel-db-'));
    return {
      config: { url: `sqlite:${path.join(dir, 'satchel.db')}`, dialect, logging: false },
      destroy: async () => fs.rmSync(dir, { recursive: true, force: true }),
    };
  }
  const name = `satchel_test_${crypto.randomBytes(6).toString('hex')}`;
  const admin = new Sequelize(POSTGRES_ADMIN_URL, { logging: false });
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.close();
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    config: { url: url.toString(), dialect, logging: false },
    destroy: async () => {
      const a = new Sequelize(POSTGRES_ADMIN_URL, { logging: false });
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.close();
    },
  };
}

/** A migrated database, opened, plus a cleanup that closes and destroys it. */
export async function openTestDatabase(dialect: Dialect): Promise<{ db: Database; cleanup(): Promise<void> }> {
  const target = await createTestDatabase(dialect);
  const db = await openDatabase(target.config);
  await migrate(db.sequelize);
  return {
    db,
    cleanup: async () => {
      await db.close();
      await target.destroy();
    },
  };
}

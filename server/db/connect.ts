/**
 * Opens the database: SQLite (a file under data/, the default) or PostgreSQL (DATABASE_URL).
 * Both the hub and the worker open it; SQLite runs in WAL mode with a busy timeout so the two
 * processes can write to one file without "database is locked" errors.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Sequelize, type Options } from 'sequelize';
import type { Config } from '../../config';
import { defineModels, type Models } from './models';
import { guardedPg } from './pg-guard';
import { oneTransactionAtATime, sharedFileSqlite3 } from './sqlite-driver';

export interface Database extends Models {
  sequelize: Sequelize;
  dialect: 'sqlite' | 'postgres';
  close(): Promise<void>;
}

export class DatabaseUnavailableError extends Error {
  constructor(
    readonly url: string,
    cause: unknown,
  ) {
    super(`${describe(url)} is not reachable: ${(cause as Error)?.message ?? cause}`);
    this.name = 'DatabaseUnavailableError';
  }
}

/** The URL without its password, for messages. */
export function describe(url: string): string {
  if (url.startsWith('sqlite:')) return `SQLite database ${url.slice('sqlite:'.length)}`;
  try {
    const u = new URL(url);
    return `PostgreSQL at ${u.hostname}:${u.port || 5432}${u.pathname}`;
  } catch {
    return 'the database';
  }
}

export async function openDatabase(db: Config['database']): Promise<Database> {
  const common: Options = {
    logging: db.logging ? (sql: string) => console.log(sql) : false,
    define: { underscored: true },
  };
  let sequelize: Sequelize;
  if (db.dialect === 'sqlite') {
    const file = db.url.slice('sqlite:'.length);
    if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    sequelize = new Sequelize({
      ...common,
      dialect: 'sqlite',
      storage: file,
      pool: { max: 1, min: 0, idle: 60_000 }, // one connection: SQLite serializes writes anyway
      // The hub and the worker share the file: WAL and a busy timeout on every connection
      // (sqlite-driver.ts; Sequelize runs no connect hooks for SQLite), and past the timeout, retry.
      dialectModule: sharedFileSqlite3,
      retry: { match: [/SQLITE_BUSY/], max: 5 },
    });
    oneTransactionAtATime(sequelize);
  } else {
    sequelize = new Sequelize(db.url, { ...common, dialect: 'postgres', dialectModule: guardedPg, pool: { max: 10, min: 0, idle: 10_000 } });
  }
  try {
    await sequelize.authenticate();
  } catch (err) {
    await sequelize.close().catch(() => undefined);
    throw new DatabaseUnavailableError(db.url, err);
  }
  return {
    sequelize,
    dialect: db.dialect,
    ...defineModels(sequelize),
    close: () => sequelize.close(),
  };
}

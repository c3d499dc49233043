/**
 * The `sqlite3` module Sequelize uses, with every connection set up for a file shared by the hub
 * and the worker: write-ahead logging, so readers never block the writer, and a busy timeout.
 * Sequelize's SQLite dialect runs no connect hooks and opens a fresh connection for each
 * transaction, so this has to happen where connections are made. (Without it the file stayed in
 * rollback-journal mode, where every reader blocks the writer: a hub and a worker under load spent
 * most of their time in SQLITE_BUSY — found by bench/reconnect-storm.ts.)
 */
type Callback = (err: Error | null) => void;
interface SqliteDatabase {
  configure(option: 'busyTimeout', ms: number): void;
  run(sql: string, callback?: Callback): unknown;
}
type DatabaseClass = new (file: string, mode?: number, callback?: Callback) => SqliteDatabase;

// eslint-disable-next-line @typescript-eslint/no-require-imports
const sqlite3 = require('sqlite3') as { Database: DatabaseClass } & Record<string, unknown>;

/**
 * Short on purpose: SQLite waits for a lock on one of libuv's four threads, and one process has a
 * connection per open transaction; long waits there can hold every thread while the connection
 * that has the lock needs one to commit. Past the timeout, Sequelize's retry tries again.
 */
export const BUSY_TIMEOUT_MS = 1000;

class SharedFileDatabase extends sqlite3.Database {
  constructor(file: string, mode?: number, callback?: Callback) {
    super(file, mode, callback);
    // Queued until the file is open, ahead of anything Sequelize sends.
    this.configure('busyTimeout', BUSY_TIMEOUT_MS);
    // Persistent in the file once set; a connection that cannot switch (another holds it) still reads it.
    this.run('PRAGMA journal_mode = WAL', () => undefined);
  }
}

export const sharedFileSqlite3 = { ...sqlite3, Database: SharedFileDatabase };

/**
 * One transaction at a time in this process. Sequelize gives each SQLite transaction a connection
 * of its own, without limit; SQLite lets one of them write at a time, and the others wait for the
 * lock on libuv's four threads, so a thousand devices at once starved the hub (bench/reconnect-storm.ts:
 * 15 of 5,000 orders accepted in 9 minutes). Queued here, they wait as promises instead. Only the
 * managed form (`transaction(fn)`) is queued; nothing in the hub nests transactions.
 */
export function oneTransactionAtATime(sequelize: { transaction: (...args: never[]) => unknown }): void {
  const original = sequelize.transaction.bind(sequelize) as (...args: unknown[]) => Promise<unknown>;
  let queue: Promise<unknown> = Promise.resolve();
  sequelize.transaction = ((...args: unknown[]) => {
    if (typeof args[args.length - 1] !== 'function') return original(...args);
    const turn = queue.then(() => original(...args));
    queue = turn.catch(() => undefined);
    return turn;
  }) as typeof sequelize.transaction;
}

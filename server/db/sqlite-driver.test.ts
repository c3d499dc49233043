/** The SQLite file shared by hub and worker: every connection, a transaction's own too, in WAL with the busy timeout. */
import { openTestDatabase } from '../../test/support/databases';
import { BUSY_TIMEOUT_MS } from './sqlite-driver';

it('opens every SQLite connection in WAL mode with the busy timeout', async () => {
  const { db, cleanup } = await openTestDatabase('sqlite');
  try {
    expect(await db.sequelize.query('PRAGMA journal_mode', { plain: true })).toEqual({ journal_mode: 'wal' });
    expect(await db.sequelize.query('PRAGMA busy_timeout', { plain: true })).toEqual({ timeout: BUSY_TIMEOUT_MS });
    expect(await db.sequelize.query('PRAGMA foreign_keys', { plain: true })).toEqual({ foreign_keys: 1 });
    // Sequelize opens a separate connection for each transaction.
    const inTransaction = await db.sequelize.transaction((transaction) => db.sequelize.query('PRAGMA busy_timeout', { plain: true, transaction }));
    expect(inTransaction).toEqual({ timeout: BUSY_TIMEOUT_MS });
  } finally {
    await cleanup();
  }
});

it('runs one SQLite transaction at a time in a process, in the order asked, and goes on after one fails', async () => {
  const { db, cleanup } = await openTestDatabase('sqlite');
  try {
    const log: string[] = [];
    const step = (name: string, fail = false) =>
      db.sequelize.transaction(async () => {
        log.push(`${name} begin`);
        await new Promise((r) => setTimeout(r, 20));
        log.push(`${name} end`);
        if (fail) throw new Error(`${name} failed`);
        return name;
      });
    const results = await Promise.allSettled([step('a'), step('b', true), step('c')]);
    expect(log).toEqual(['a begin', 'a end', 'b begin', 'b end', 'c begin', 'c end']);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
  } finally {
    await cleanup();
  }
});

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

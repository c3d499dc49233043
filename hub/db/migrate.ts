/**
 * Migrations, run by umzug. Listed explicitly (not globbed) so that the list is plain code that
 * works the same under tsx, Jest and a compiled build.
 */
import type { QueryInterface, Sequelize } from 'sequelize';
import { SequelizeStorage, Umzug } from 'umzug';
import * as m0001 from './migrations/0001-orders';

type Step = { up(p: { context: QueryInterface }): Promise<void>; down(p: { context: QueryInterface }): Promise<void> };

export const MIGRATIONS: Array<[name: string, step: Step]> = [['0001-orders', m0001]];

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
 * Apply pending migrations. On PostgreSQL an advisory lock makes concurrent starts (several
 * hubs) take turns; SQLite runs on one host where the start command migrates before anything else.
 */
export async function migrate(sequelize: Sequelize, log: (msg: string) => void = () => undefined): Promise<string[]> {
  if (sequelize.getDialect() !== 'postgres') return (await umzug(sequelize, log).up()).map((m) => m.name);
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

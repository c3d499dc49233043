import fs from 'node:fs';
import path from 'node:path';
import { openDatabase } from './connect';
import { MIGRATIONS, migrate, rollback } from './migrate';
import { createTestDatabase, DIALECTS } from '../../test/support/databases';

describe.each(DIALECTS)('migrations on %s', (dialect) => {
  it('lists every migration file, applies them all, is idempotent, and rolls back cleanly', async () => {
    const files = fs
      .readdirSync(path.join(__dirname, 'migrations'))
      .filter((f) => /^\d{4}-.*\.ts$/.test(f))
      .map((f) => f.replace(/\.ts$/, ''))
      .sort();
    expect(MIGRATIONS.map(([name]) => name)).toEqual(files);

    const target = await createTestDatabase(dialect);
    const db = await openDatabase(target.config);
    try {
      expect(await migrate(db.sequelize)).toEqual(files);
      expect(await migrate(db.sequelize)).toEqual([]); // a second start applies nothing
      const tables = (await db.sequelize.getQueryInterface().showAllTables()).map(String);
      expect(tables).toEqual(expect.arrayContaining(['orders', 'order_events', 'zoho_tokens']));

      expect(await rollback(db.sequelize)).toEqual([...files].reverse());
      const left = (await db.sequelize.getQueryInterface().showAllTables()).map(String);
      expect(left).not.toContain('orders');
    } finally {
      await db.close();
      await target.destroy();
    }
  });

  it('lets concurrent starts migrate without tripping over each other', async () => {
    const target = await createTestDatabase(dialect);
    const a = await openDatabase(target.config);
    const b = await openDatabase(target.config);
    try {
      const [first, second] = await Promise.all([migrate(a.sequelize), migrate(b.sequelize)]);
      expect([...first, ...second].sort()).toEqual(MIGRATIONS.map(([n]) => n).sort());
    } finally {
      await a.close();
      await b.close();
      await target.destroy();
    }
  });
});

/** `npm run migrate`: apply pending migrations to the configured database and say what was done. */
import { loadConfig } from '../../config';
import { describe, openDatabase } from './connect';
import { migrate } from './migrate';
import { runMain } from '../startup';

runMain(async () => {
  const config = loadConfig();
  const db = await openDatabase(config.database);
  try {
    const applied = await migrate(db.sequelize);
    console.log(applied.length ? `Applied ${applied.join(', ')} to ${describe(config.database.url)}` : `${describe(config.database.url)} is up to date`);
  } finally {
    await db.close();
  }
});

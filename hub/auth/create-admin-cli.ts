/**
 * First run: `npm run create-admin -- --email you@example.com --name "Your Name"`.
 * The password comes from SATCHEL_ADMIN_PASSWORD, or is asked for on the terminal.
 */
import readline from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { loadConfig } from '../../config';
import { PlainError, runMain } from '../../server/startup';
import { describe, openDatabase } from '../../server/db/connect';
import { migrate } from '../../server/db/migrate';
import { createAuth } from '.';
import { AppError } from '../../server/errors';

async function askPassword(): Promise<string> {
  if (!process.stdin.isTTY) throw new PlainError('Set SATCHEL_ADMIN_PASSWORD, or run this in a terminal to be asked for the password.');
  const rl = readline.createInterface({ input: process.stdin, output: process.stdout });
  try {
    return await rl.question('Password for the new admin (10+ characters): ');
  } finally {
    rl.close();
  }
}

runMain(async () => {
  const { values } = parseArgs({ options: { email: { type: 'string' }, name: { type: 'string' } } });
  if (!values.email || !values.name) throw new PlainError('Usage: npm run create-admin -- --email you@example.com --name "Your Name"');
  const config = loadConfig();
  const db = await openDatabase(config.database);
  try {
    await migrate(db.sequelize);
    const auth = createAuth(db, config.auth);
    const password = process.env.SATCHEL_ADMIN_PASSWORD ?? (await askPassword());
    const user = await auth.users.create({ email: values.email, name: values.name, role: 'admin', password }, null);
    await auth.audit.record({ id: null, email: null, address: 'command line' }, 'user.create', user.email, { role: 'admin', via: 'create-admin' });
    console.log(`Created admin ${user.email} in ${describe(config.database.url)}.`);
  } catch (err) {
    if (err instanceof AppError) throw new PlainError(err.message);
    throw err;
  } finally {
    await db.close();
  }
}, 'Could not create the admin');

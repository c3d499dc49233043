/**
 * Sign-in throttling that holds under parallel guesses: one counter row per key (an account, an
 * address, an account at an address its owner used before, the whole installation), reserved by a
 * single conditional UPDATE before any password is checked; and the addresses each account signed
 * in from. Times are epoch milliseconds in BIGINT columns, which compare alike on both databases.
 * Replaces login_failures (read, verify, then record: nothing reserved the attempt).
 */
import { DataTypes, type QueryInterface } from 'sequelize';

export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.createTable('sign_in_buckets', {
    // `account:<email>`, `address:<ip>`, `known:<sha256 of email and ip>`, `global`
    key: { type: DataTypes.STRING(300), primaryKey: true },
    // Attempts reserved in the current window (a success gives its reservation back).
    count: { type: DataTypes.INTEGER, allowNull: false },
    window_started_ms: { type: DataTypes.BIGINT, allowNull: false },
  });
  await qi.createTable('sign_in_known_addresses', {
    // sha256 of `<email> <address>`: the pair, without a second copy of either.
    key: { type: DataTypes.STRING(64), primaryKey: true },
    last_success_ms: { type: DataTypes.BIGINT, allowNull: false },
  });
  await qi.dropTable('login_failures');
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.createTable('login_failures', {
    key: { type: DataTypes.STRING(300), primaryKey: true },
    count: { type: DataTypes.INTEGER, allowNull: false },
    window_started_at: { type: DataTypes.DATE, allowNull: false },
    locked_until: { type: DataTypes.DATE, allowNull: true },
  });
  await qi.dropTable('sign_in_known_addresses');
  await qi.dropTable('sign_in_buckets');
}

/**
 * The last daily quota Zoho reported in its rate headers (limit, remaining, when it resets), one
 * row per window read, so the console shows Zoho's own count beside ours whichever process made
 * the call. Times are epoch milliseconds in BIGINT columns (alike on both databases).
 */
import { DataTypes, type QueryInterface } from 'sequelize';

export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.createTable('zoho_quota_readings', {
    quota_window: { type: DataTypes.STRING(16), primaryKey: true },
    quota_limit: { type: DataTypes.INTEGER, allowNull: false },
    remaining: { type: DataTypes.INTEGER, allowNull: false },
    resets_at_ms: { type: DataTypes.BIGINT, allowNull: true },
    seen_at_ms: { type: DataTypes.BIGINT, allowNull: false },
  });
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.dropTable('zoho_quota_readings');
}

/**
 * The Zoho access-token cache shared by every hub and worker process (see zoho/connector/token-store.ts).
 * Times are epoch milliseconds in BIGINT columns: the lease is compared across processes with a
 * conditional UPDATE, and plain integers compare the same way on SQLite and PostgreSQL.
 */
import { DataTypes, type QueryInterface } from 'sequelize';

export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.createTable('zoho_tokens', {
    // sha256 of accounts URL + client id + refresh token: never the secret itself.
    key: { type: DataTypes.STRING(64), primaryKey: true, allowNull: false },
    access_token: { type: DataTypes.TEXT, allowNull: true },
    api_domain: { type: DataTypes.STRING(255), allowNull: true },
    expires_at: { type: DataTypes.BIGINT, allowNull: false, defaultValue: 0 },
    refresh_at: { type: DataTypes.BIGINT, allowNull: false, defaultValue: 0 },
    // JSON array of recent token-request times: Zoho allows 10 per 10 minutes per refresh token.
    request_log: { type: DataTypes.TEXT, allowNull: false, defaultValue: '[]' },
    blocked_until: { type: DataTypes.BIGINT, allowNull: false, defaultValue: 0 },
    lease_holder: { type: DataTypes.STRING(64), allowNull: true },
    lease_until: { type: DataTypes.BIGINT, allowNull: false, defaultValue: 0 },
    created_at: { type: DataTypes.DATE, allowNull: false },
    updated_at: { type: DataTypes.DATE, allowNull: false },
  });
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.dropTable('zoho_tokens');
}

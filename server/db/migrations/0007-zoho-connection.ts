/**
 * The Zoho connection an admin saves in the console (one row; when absent, the ZOHO_* environment
 * variables apply), and a count of Zoho API calls per minute (the console's budget display).
 * Secrets are sealed (AES-256-GCM, SATCHEL_SECRET_KEY) before they reach these columns. Times that
 * processes compare are epoch milliseconds in BIGINT columns, which compare alike on both databases.
 */
import { DataTypes, type QueryInterface } from 'sequelize';

export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.createTable('zoho_connection', {
    // Always 1: there is one connection per installation.
    id: { type: DataTypes.INTEGER, primaryKey: true },
    // Bumped on every change: hub and worker processes rebuild their Zoho client when it moves.
    version: { type: DataTypes.INTEGER, allowNull: false },
    data_centre: { type: DataTypes.STRING(16), allowNull: false },
    organization_id: { type: DataTypes.STRING(64), allowNull: false },
    product: { type: DataTypes.STRING(16), allowNull: false },
    client_id: { type: DataTypes.STRING(200), allowNull: false },
    client_secret_sealed: { type: DataTypes.TEXT, allowNull: false },
    // Null until the admin pastes one or completes the authorization-code flow.
    refresh_token_sealed: { type: DataTypes.TEXT, allowNull: true },
    daily_limit: { type: DataTypes.INTEGER, allowNull: true },
    // The pending authorization (single use): sha256 of the state's nonce, and when it lapses.
    oauth_state_hash: { type: DataTypes.STRING(64), allowNull: true },
    oauth_state_expires_at: { type: DataTypes.BIGINT, allowNull: false, defaultValue: 0 },
    updated_by: { type: DataTypes.STRING(254), allowNull: true },
    created_at: { type: DataTypes.DATE, allowNull: false },
    updated_at: { type: DataTypes.DATE, allowNull: false },
  });

  await qi.createTable('zoho_api_calls', {
    // Epoch minute (ms / 60000) the calls were made in.
    minute: { type: DataTypes.BIGINT, primaryKey: true },
    calls: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
  });
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.dropTable('zoho_api_calls');
  await qi.dropTable('zoho_connection');
}

/**
 * A rep's phone or email edits of customers already in Zoho (one row per edit, keyed by the device's
 * UUID: the idempotency key of POST /api/customer-edits), and what became of each in Zoho: the
 * workflow `customer-edit-<uuid>` writes the outcome once, and a replay reads it back.
 */
import { DataTypes, type QueryInterface } from 'sequelize';

export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.createTable('customer_edits', {
    id: { type: DataTypes.UUID, primaryKey: true },
    zoho_contact_id: { type: DataTypes.STRING(64), allowNull: false },
    payload: { type: DataTypes.JSON, allowNull: false },
    status: { type: DataTypes.STRING(16), allowNull: false },
    outcome: { type: DataTypes.JSON, allowNull: true },
    message: { type: DataTypes.TEXT, allowNull: true },
    workflow_id: { type: DataTypes.STRING(80), allowNull: false, unique: true },
    workflow_started: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
    rep_id: { type: DataTypes.UUID, allowNull: true },
    created_at: { type: DataTypes.DATE, allowNull: false },
    updated_at: { type: DataTypes.DATE, allowNull: false },
  });
  await qi.addIndex('customer_edits', ['workflow_started']);
  await qi.addIndex('customer_edits', ['zoho_contact_id']);
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.dropTable('customer_edits');
}

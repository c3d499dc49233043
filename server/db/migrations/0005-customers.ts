import { DataTypes, type QueryInterface } from 'sequelize';

/**
 * Customers created on devices (one row per device UUID, the idempotency key of POST /api/customers),
 * and what each order produced after Zoho: its PDF and whether it was emailed / attached, so a retried
 * step never sends a second email or a second attachment.
 */
export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.createTable('customers', {
    id: { type: DataTypes.UUID, primaryKey: true },
    name: { type: DataTypes.STRING(200), allowNull: false },
    email: { type: DataTypes.STRING(254), allowNull: true },
    payload: { type: DataTypes.JSON, allowNull: false },
    stage: { type: DataTypes.STRING(32), allowNull: false },
    zoho_contact_id: { type: DataTypes.STRING(64), allowNull: true },
    attention_reason: { type: DataTypes.TEXT, allowNull: true },
    workflow_id: { type: DataTypes.STRING(80), allowNull: false, unique: true },
    workflow_started: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
    rep_id: { type: DataTypes.UUID, allowNull: true },
    created_at: { type: DataTypes.DATE, allowNull: false },
    updated_at: { type: DataTypes.DATE, allowNull: false },
  });
  await qi.addIndex('customers', ['workflow_started']);

  await qi.createTable('order_outputs', {
    order_id: { type: DataTypes.UUID, primaryKey: true, references: { model: 'orders', key: 'id' }, onDelete: 'CASCADE' },
    pdf: { type: DataTypes.BLOB, allowNull: true },
    pdf_bytes: { type: DataTypes.INTEGER, allowNull: true },
    rendered_at: { type: DataTypes.DATE, allowNull: true },
    emailed_at: { type: DataTypes.DATE, allowNull: true },
    email_message_id: { type: DataTypes.STRING(200), allowNull: true },
    email_recipients: { type: DataTypes.TEXT, allowNull: true },
    attached_at: { type: DataTypes.DATE, allowNull: true },
  });
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.dropTable('order_outputs');
  await qi.dropTable('customers');
}

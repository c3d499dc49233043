import { DataTypes, type QueryInterface } from 'sequelize';

export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.createTable('orders', {
    id: { type: DataTypes.UUID, primaryKey: true },
    kind: { type: DataTypes.STRING(16), allowNull: false },
    number: { type: DataTypes.STRING(40), allowNull: false, unique: true },
    stage: { type: DataTypes.STRING(32), allowNull: false },
    customer_name: { type: DataTypes.STRING(200), allowNull: false },
    zoho_contact_id: { type: DataTypes.STRING(64), allowNull: true },
    currency: { type: DataTypes.STRING(3), allowNull: false },
    total_minor: { type: DataTypes.BIGINT, allowNull: false },
    payload: { type: DataTypes.JSON, allowNull: false },
    workflow_id: { type: DataTypes.STRING(80), allowNull: false },
    workflow_started: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
    zoho_id: { type: DataTypes.STRING(64), allowNull: true },
    zoho_number: { type: DataTypes.STRING(64), allowNull: true },
    attention_reason: { type: DataTypes.TEXT, allowNull: true },
    created_at: { type: DataTypes.DATE, allowNull: false },
    updated_at: { type: DataTypes.DATE, allowNull: false },
  });
  await qi.addIndex('orders', ['stage']);
  await qi.addIndex('orders', ['created_at']);
  // The dispatcher looks for stored orders whose workflow has not been started yet.
  await qi.addIndex('orders', ['workflow_started']);

  await qi.createTable('order_events', {
    id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
    order_id: {
      type: DataTypes.UUID,
      allowNull: false,
      references: { model: 'orders', key: 'id' },
      onDelete: 'CASCADE',
    },
    stage: { type: DataTypes.STRING(32), allowNull: false },
    note: { type: DataTypes.TEXT, allowNull: true },
    detail: { type: DataTypes.JSON, allowNull: true },
    at: { type: DataTypes.DATE, allowNull: false },
  });
  await qi.addIndex('order_events', ['order_id', 'id']);
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.dropTable('order_events');
  await qi.dropTable('orders');
}

/**
 * Changes after sending (domain/revisions.ts): each revision of a document kept whole, so support
 * sees every version; which revision the hub holds and which reached Zoho; whether the document's
 * workflow takes revisions and, once it stops, why; and which revision the PDF, the email and the
 * Zoho attachment are of, so a retried step never sends one twice.
 */
import { DataTypes, type QueryInterface } from 'sequelize';

export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.addColumn('orders', 'revision', { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 });
  await qi.addColumn('orders', 'sent_revision', { type: DataTypes.INTEGER, allowNull: true });
  await qi.addColumn('orders', 'revisions_open', { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false });
  await qi.addColumn('orders', 'edit_closed_reason', { type: DataTypes.TEXT, allowNull: true });
  await qi.createTable('order_revisions', {
    order_id: { type: DataTypes.UUID, primaryKey: true, references: { model: 'orders', key: 'id' }, onDelete: 'CASCADE' },
    revision: { type: DataTypes.INTEGER, primaryKey: true },
    payload: { type: DataTypes.JSON, allowNull: false },
    total_minor: { type: DataTypes.BIGINT, allowNull: false },
    by_user_id: { type: DataTypes.UUID, allowNull: true },
    created_at: { type: DataTypes.DATE, allowNull: false },
  });
  await qi.addColumn('order_outputs', 'pdf_revision', { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 });
  await qi.addColumn('order_outputs', 'emailed_revision', { type: DataTypes.INTEGER, allowNull: true });
  await qi.addColumn('order_outputs', 'attached_revision', { type: DataTypes.INTEGER, allowNull: true });
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  for (const c of ['attached_revision', 'emailed_revision', 'pdf_revision']) await qi.removeColumn('order_outputs', c);
  await qi.dropTable('order_revisions');
  for (const c of ['edit_closed_reason', 'revisions_open', 'sent_revision', 'revision']) await qi.removeColumn('orders', c);
}

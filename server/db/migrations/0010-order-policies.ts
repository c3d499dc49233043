/**
 * The organization's order policies (pre-flight rules, discount limits): one row holding the JSON
 * document the console edits, with who changed it last. No row means the defaults (DEFAULT_POLICIES).
 */
import { DataTypes, type QueryInterface } from 'sequelize';

export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.createTable('order_policies', {
    id: { type: DataTypes.STRING(16), primaryKey: true },
    document: { type: DataTypes.JSON, allowNull: false },
    updated_by_id: { type: DataTypes.UUID, allowNull: true },
    updated_by_email: { type: DataTypes.STRING(254), allowNull: true },
    updated_at: { type: DataTypes.DATE, allowNull: false },
  });
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.dropTable('order_policies');
}

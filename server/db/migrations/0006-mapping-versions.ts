import { DataTypes, type QueryInterface } from 'sequelize';

/**
 * Versions of the field mappings (and of the target settings, key `targets`): every save is a new
 * row, never an update. The active version of a key is its highest; a rollback saves an earlier
 * document again as a new version naming the one it restores, so history reads straight down.
 * Each order records the mapping version it was sent with.
 */
export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.createTable('mapping_versions', {
    id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
    target: { type: DataTypes.STRING(40), allowNull: false },
    version: { type: DataTypes.INTEGER, allowNull: false },
    document: { type: DataTypes.JSON, allowNull: false },
    author_id: { type: DataTypes.UUID, allowNull: true, references: { model: 'users', key: 'id' }, onDelete: 'SET NULL' },
    author_email: { type: DataTypes.STRING(254), allowNull: true },
    /** The version a rollback brought back. */
    restored_from: { type: DataTypes.INTEGER, allowNull: true },
    created_at: { type: DataTypes.DATE, allowNull: false },
  });
  // Two admins saving at once: one of them gets the next number, the other retries.
  await qi.addIndex('mapping_versions', ['target', 'version'], { unique: true, name: 'mapping_versions_target_version' });

  await qi.addColumn('orders', 'mapping_target', { type: DataTypes.STRING(40), allowNull: true });
  await qi.addColumn('orders', 'mapping_version', { type: DataTypes.INTEGER, allowNull: true });
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.removeColumn('orders', 'mapping_version');
  await qi.removeColumn('orders', 'mapping_target');
  await qi.dropTable('mapping_versions');
}

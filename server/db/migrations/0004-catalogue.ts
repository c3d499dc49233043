import crypto from 'node:crypto';
import { DataTypes, type QueryInterface } from 'sequelize';

/**
 * The catalogue a device downloads: every record of every kind in one table, numbered by one
 * counter (`catalogue_counter`) that each write transaction advances while holding its row lock,
 * so change numbers become visible in order. Also the sync's own bookkeeping and the image cache.
 */
export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.createTable('catalogue_records', {
    kind: { type: DataTypes.STRING(16), allowNull: false },
    record_key: { type: DataTypes.STRING(96), allowNull: false },
    // '' = everyone; otherwise the rep the record is for (customers, when reps are assigned).
    scope: { type: DataTypes.STRING(254), allowNull: false, defaultValue: '' },
    change_no: { type: DataTypes.BIGINT, allowNull: false },
    deleted: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
    hash: { type: DataTypes.STRING(40), allowNull: false },
    // The record's JSON exactly as the data set sends it (kept on tombstones: marked, not forgotten).
    data: { type: DataTypes.TEXT, allowNull: false },
    // The full sync run that last saw the record in Zoho (deletions = not seen by a complete pass).
    seen_run: { type: DataTypes.STRING(40), allowNull: true },
    updated_at: { type: DataTypes.DATE, allowNull: false },
  });
  await qi.addIndex('catalogue_records', ['kind', 'record_key', 'scope'], { unique: true, name: 'catalogue_records_identity' });
  await qi.addIndex('catalogue_records', ['change_no'], { unique: true, name: 'catalogue_records_change_no' });

  await qi.createTable('catalogue_counter', {
    id: { type: DataTypes.INTEGER, primaryKey: true },
    value: { type: DataTypes.BIGINT, allowNull: false },
    // Names this catalogue: a cursor from another database (or a rebuilt one) is refused.
    epoch: { type: DataTypes.STRING(16), allowNull: false },
  });
  await qi.bulkInsert('catalogue_counter', [{ id: 1, value: 0, epoch: crypto.randomBytes(4).toString('hex') }]);

  await qi.createTable('catalogue_sync_state', {
    key: { type: DataTypes.STRING(64), primaryKey: true },
    value: { type: DataTypes.TEXT, allowNull: false },
    updated_at: { type: DataTypes.DATE, allowNull: false },
  });

  // Zoho lists contacts without addresses and persons: the summary comes from the list, the rest
  // from one call per contact, fetched when the summary is newer than the details we hold.
  await qi.createTable('catalogue_contacts', {
    contact_id: { type: DataTypes.STRING(64), primaryKey: true },
    summary: { type: DataTypes.TEXT, allowNull: false },
    modified_ms: { type: DataTypes.BIGINT, allowNull: false },
    detail: { type: DataTypes.TEXT, allowNull: true },
    detail_modified_ms: { type: DataTypes.BIGINT, allowNull: true },
    detail_due: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: true },
    updated_at: { type: DataTypes.DATE, allowNull: false },
  });
  await qi.addIndex('catalogue_contacts', ['detail_due', 'modified_ms'], { name: 'catalogue_contacts_due' });

  await qi.createTable('catalogue_images', {
    item_id: { type: DataTypes.STRING(64), primaryKey: true },
    image_name: { type: DataTypes.STRING(255), allowNull: false },
    content_type: { type: DataTypes.STRING(100), allowNull: false },
    etag: { type: DataTypes.STRING(64), allowNull: false },
    data: { type: DataTypes.BLOB, allowNull: false },
    fetched_at: { type: DataTypes.DATE, allowNull: false },
  });
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.dropTable('catalogue_images');
  await qi.dropTable('catalogue_contacts');
  await qi.dropTable('catalogue_sync_state');
  await qi.dropTable('catalogue_counter');
  await qi.dropTable('catalogue_records');
}

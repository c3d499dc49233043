import { DataTypes, type QueryInterface } from 'sequelize';

/** Users, their sessions, sign-in throttling, the audit log, and who took each order. */
export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.createTable('users', {
    id: { type: DataTypes.UUID, primaryKey: true },
    email: { type: DataTypes.STRING(254), allowNull: false, unique: true },
    name: { type: DataTypes.STRING(200), allowNull: false },
    role: { type: DataTypes.STRING(16), allowNull: false },
    password_hash: { type: DataTypes.STRING(255), allowNull: false },
    disabled_at: { type: DataTypes.DATE, allowNull: true },
    created_at: { type: DataTypes.DATE, allowNull: false },
    updated_at: { type: DataTypes.DATE, allowNull: false },
  });

  await qi.createTable('sessions', {
    // sha256 of the cookie's token: a database leak yields no usable session.
    id: { type: DataTypes.STRING(64), primaryKey: true },
    user_id: { type: DataTypes.UUID, allowNull: false, references: { model: 'users', key: 'id' }, onDelete: 'CASCADE' },
    user_agent: { type: DataTypes.STRING(300), allowNull: true },
    created_at: { type: DataTypes.DATE, allowNull: false },
    last_seen_at: { type: DataTypes.DATE, allowNull: false },
    idle_expires_at: { type: DataTypes.DATE, allowNull: false },
    absolute_expires_at: { type: DataTypes.DATE, allowNull: false },
    revoked_at: { type: DataTypes.DATE, allowNull: true },
  });
  await qi.addIndex('sessions', ['user_id']);

  await qi.createTable('login_failures', {
    // `account:<email>` or `address:<ip>`
    key: { type: DataTypes.STRING(300), primaryKey: true },
    count: { type: DataTypes.INTEGER, allowNull: false },
    window_started_at: { type: DataTypes.DATE, allowNull: false },
    locked_until: { type: DataTypes.DATE, allowNull: true },
  });

  await qi.createTable('audit_log', {
    id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
    actor_id: { type: DataTypes.UUID, allowNull: true },
    actor_email: { type: DataTypes.STRING(254), allowNull: true },
    action: { type: DataTypes.STRING(64), allowNull: false },
    target: { type: DataTypes.STRING(200), allowNull: true },
    detail: { type: DataTypes.JSON, allowNull: true },
    address: { type: DataTypes.STRING(64), allowNull: true },
    at: { type: DataTypes.DATE, allowNull: false },
  });
  await qi.addIndex('audit_log', ['at']);

  await qi.addColumn('orders', 'rep_id', { type: DataTypes.UUID, allowNull: true });
  await qi.addIndex('orders', ['rep_id', 'created_at']);
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.removeIndex('orders', ['rep_id', 'created_at']);
  await qi.removeColumn('orders', 'rep_id');
  await qi.dropTable('audit_log');
  await qi.dropTable('login_failures');
  await qi.dropTable('sessions');
  await qi.dropTable('users');
}

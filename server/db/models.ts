/**
 * Sequelize models. Defined per Sequelize instance (not as global classes) so a process, or a
 * test, can hold a SQLite and a PostgreSQL database side by side. Tables come from migrations
 * only; models never `sync()`.
 */
import { DataTypes, type Model, type ModelStatic, type Sequelize } from 'sequelize';
import { defineCustomerModels, type CustomerModels } from './customer-models';
import { defineMappingModels, type MappingModels } from './mapping-models';
import { definePolicyModels, type PolicyModels } from './policy-models';
import { defineRevisionModels, type RevisionModels } from './revision-models';
import type { DocumentKind, Order, Role, Stage } from '../../domain';

export interface OrderAttributes {
  id: string;
  kind: DocumentKind;
  number: string;
  stage: Stage;
  customerName: string;
  zohoContactId: string | null;
  currency: string;
  totalMinor: number;
  payload: Order;
  workflowId: string;
  workflowStarted: boolean;
  zohoId: string | null;
  zohoNumber: string | null;
  attentionReason: string | null;
  /** The user who took the order (a rep, or an admin on their behalf). */
  repId: string | null;
  /** The mapping the order was sent with (migration 0006): its target and version (0: the default file). */
  mappingTarget?: string | null;
  mappingVersion?: number | null;
  /** Migration 0011 (domain/revisions.ts): the revision held (0: as first sent), the one Zoho has, whether the workflow takes revisions, and why it stopped. */
  revision?: number;
  sentRevision?: number | null;
  revisionsOpen?: boolean;
  editClosedReason?: string | null;
  createdAt?: Date;
  updatedAt?: Date;
}
export type OrderRow = Model<OrderAttributes, Omit<OrderAttributes, 'createdAt' | 'updatedAt'>> & OrderAttributes;

export interface OrderEventAttributes {
  id?: number;
  orderId: string;
  stage: Stage;
  note: string | null;
  detail: Record<string, unknown> | null;
  at?: Date;
}
export type OrderEventRow = Model<OrderEventAttributes, OrderEventAttributes> & OrderEventAttributes;

export interface UserAttributes {
  id: string;
  email: string;
  name: string;
  role: Role;
  passwordHash: string;
  disabledAt: Date | null;
  createdAt?: Date;
  updatedAt?: Date;
}
export type UserRow = Model<UserAttributes, Omit<UserAttributes, 'createdAt' | 'updatedAt'>> & UserAttributes;

export interface SessionAttributes {
  id: string;
  userId: string;
  userAgent: string | null;
  createdAt?: Date;
  lastSeenAt: Date;
  idleExpiresAt: Date;
  absoluteExpiresAt: Date;
  revokedAt: Date | null;
}
export type SessionRow = Model<SessionAttributes, Omit<SessionAttributes, 'createdAt'>> & SessionAttributes;

/** A sign-in throttling counter (hub/auth/throttle.ts): attempts reserved in the window that started at `windowStartedMs`. */
export interface SignInBucketAttributes {
  key: string;
  count: number;
  windowStartedMs: number;
}
export type SignInBucketRow = Model<SignInBucketAttributes, SignInBucketAttributes> & SignInBucketAttributes;

/** An account and address that signed in successfully before (the key is a hash of the pair). */
export interface SignInKnownAddressAttributes {
  key: string;
  lastSuccessMs: number;
}
export type SignInKnownAddressRow = Model<SignInKnownAddressAttributes, SignInKnownAddressAttributes> & SignInKnownAddressAttributes;

export interface AuditAttributes {
  id?: number;
  actorId: string | null;
  actorEmail: string | null;
  action: string;
  target: string | null;
  detail: Record<string, unknown> | null;
  address: string | null;
  at?: Date;
}
export type AuditRow = Model<AuditAttributes, AuditAttributes> & AuditAttributes;

export interface Models extends CustomerModels, MappingModels, PolicyModels, RevisionModels {
  Order: ModelStatic<OrderRow>;
  OrderEvent: ModelStatic<OrderEventRow>;
  User: ModelStatic<UserRow>;
  Session: ModelStatic<SessionRow>;
  SignInBucket: ModelStatic<SignInBucketRow>;
  SignInKnownAddress: ModelStatic<SignInKnownAddressRow>;
  Audit: ModelStatic<AuditRow>;
}

export function defineModels(sequelize: Sequelize): Models {
  const Order = sequelize.define<OrderRow>(
    'Order',
    {
      id: { type: DataTypes.UUID, primaryKey: true },
      kind: { type: DataTypes.STRING(16), allowNull: false },
      number: { type: DataTypes.STRING(40), allowNull: false, unique: true },
      stage: { type: DataTypes.STRING(32), allowNull: false },
      customerName: { type: DataTypes.STRING(200), allowNull: false },
      zohoContactId: { type: DataTypes.STRING(64), allowNull: true },
      currency: { type: DataTypes.STRING(3), allowNull: false },
      // BIGINT comes back from PostgreSQL as a string: always hand out a number.
      totalMinor: {
        type: DataTypes.BIGINT,
        allowNull: false,
        get(this: OrderRow) {
          return Number(this.getDataValue('totalMinor'));
        },
      },
      payload: { type: DataTypes.JSON, allowNull: false },
      workflowId: { type: DataTypes.STRING(80), allowNull: false },
      workflowStarted: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
      zohoId: { type: DataTypes.STRING(64), allowNull: true },
      zohoNumber: { type: DataTypes.STRING(64), allowNull: true },
      attentionReason: { type: DataTypes.TEXT, allowNull: true },
      repId: { type: DataTypes.UUID, allowNull: true },
      mappingTarget: { type: DataTypes.STRING(40), allowNull: true },
      mappingVersion: { type: DataTypes.INTEGER, allowNull: true },
      revision: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      sentRevision: { type: DataTypes.INTEGER, allowNull: true },
      revisionsOpen: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
      editClosedReason: { type: DataTypes.TEXT, allowNull: true },
    },
    { tableName: 'orders' },
  );

  const OrderEvent = sequelize.define<OrderEventRow>(
    'OrderEvent',
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      orderId: { type: DataTypes.UUID, allowNull: false },
      stage: { type: DataTypes.STRING(32), allowNull: false },
      note: { type: DataTypes.TEXT, allowNull: true },
      detail: { type: DataTypes.JSON, allowNull: true },
      at: { type: DataTypes.DATE, allowNull: false, defaultValue: DataTypes.NOW },
    },
    { tableName: 'order_events', timestamps: false },
  );

  Order.hasMany(OrderEvent, { foreignKey: 'orderId', as: 'events' });
  OrderEvent.belongsTo(Order, { foreignKey: 'orderId' });

  const User = sequelize.define<UserRow>(
    'User',
    {
      id: { type: DataTypes.UUID, primaryKey: true },
      email: { type: DataTypes.STRING(254), allowNull: false, unique: true },
      name: { type: DataTypes.STRING(200), allowNull: false },
      role: { type: DataTypes.STRING(16), allowNull: false },
      passwordHash: { type: DataTypes.STRING(255), allowNull: false },
      disabledAt: { type: DataTypes.DATE, allowNull: true },
    },
    { tableName: 'users' },
  );

  const Session = sequelize.define<SessionRow>(
    'Session',
    {
      id: { type: DataTypes.STRING(64), primaryKey: true },
      userId: { type: DataTypes.UUID, allowNull: false },
      userAgent: { type: DataTypes.STRING(300), allowNull: true },
      lastSeenAt: { type: DataTypes.DATE, allowNull: false },
      idleExpiresAt: { type: DataTypes.DATE, allowNull: false },
      absoluteExpiresAt: { type: DataTypes.DATE, allowNull: false },
      revokedAt: { type: DataTypes.DATE, allowNull: true },
    },
    { tableName: 'sessions', updatedAt: false },
  );
  Session.belongsTo(User, { foreignKey: 'userId', as: 'user' });

  const bigintAsNumber = (field: string) => ({
    type: DataTypes.BIGINT,
    allowNull: false,
    get(this: Model) {
      return Number(this.getDataValue(field));
    },
  });
  const SignInBucket = sequelize.define<SignInBucketRow>(
    'SignInBucket',
    {
      key: { type: DataTypes.STRING(300), primaryKey: true },
      count: { type: DataTypes.INTEGER, allowNull: false },
      windowStartedMs: { ...bigintAsNumber('windowStartedMs'), field: 'window_started_ms' },
    },
    { tableName: 'sign_in_buckets', timestamps: false },
  );
  const SignInKnownAddress = sequelize.define<SignInKnownAddressRow>(
    'SignInKnownAddress',
    {
      key: { type: DataTypes.STRING(64), primaryKey: true },
      lastSuccessMs: { ...bigintAsNumber('lastSuccessMs'), field: 'last_success_ms' },
    },
    { tableName: 'sign_in_known_addresses', timestamps: false },
  );

  const Audit = sequelize.define<AuditRow>(
    'Audit',
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      actorId: { type: DataTypes.UUID, allowNull: true },
      actorEmail: { type: DataTypes.STRING(254), allowNull: true },
      action: { type: DataTypes.STRING(64), allowNull: false },
      target: { type: DataTypes.STRING(200), allowNull: true },
      detail: { type: DataTypes.JSON, allowNull: true },
      address: { type: DataTypes.STRING(64), allowNull: true },
      at: { type: DataTypes.DATE, allowNull: false, defaultValue: DataTypes.NOW },
    },
    { tableName: 'audit_log', timestamps: false },
  );

  return {
    Order,
    OrderEvent,
    User,
    Session,
    SignInBucket,
    SignInKnownAddress,
    Audit,
    ...defineCustomerModels(sequelize),
    ...defineMappingModels(sequelize),
    ...definePolicyModels(sequelize),
    ...defineRevisionModels(sequelize),
  };
}

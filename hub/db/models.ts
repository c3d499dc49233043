/**
 * Sequelize models. Defined per Sequelize instance (not as global classes) so a process, or a
 * test, can hold a SQLite and a PostgreSQL database side by side. Tables come from migrations
 * only; models never `sync()`.
 */
import { DataTypes, type Model, type ModelStatic, type Sequelize } from 'sequelize';
import type { DocumentKind, Order, Stage } from '../../domain';

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

export interface Models {
  Order: ModelStatic<OrderRow>;
  OrderEvent: ModelStatic<OrderEventRow>;
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
  return { Order, OrderEvent };
}

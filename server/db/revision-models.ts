/**
 * Model of migration 0011: each revision of a document sent again after it was first sent (the
 * first version is kept as revision 0 when the first change arrives). Kept beside models.ts,
 * defined per Sequelize instance like it.
 */
import { DataTypes, type Model, type ModelStatic, type Sequelize } from 'sequelize';
import type { Order } from '../../domain';

export interface OrderRevisionAttributes {
  orderId: string;
  revision: number;
  payload: Order;
  totalMinor: number;
  byUserId: string | null;
  createdAt?: Date;
}
export type OrderRevisionRow = Model<OrderRevisionAttributes, OrderRevisionAttributes> & OrderRevisionAttributes;

export interface RevisionModels {
  OrderRevision: ModelStatic<OrderRevisionRow>;
}

export function defineRevisionModels(sequelize: Sequelize): RevisionModels {
  const OrderRevision = sequelize.define<OrderRevisionRow>(
    'OrderRevision',
    {
      orderId: { type: DataTypes.UUID, primaryKey: true },
      revision: { type: DataTypes.INTEGER, primaryKey: true },
      payload: { type: DataTypes.JSON, allowNull: false },
      // BIGINT comes back as a string from pg: read it as the number it is (totals fit in 2^53).
      totalMinor: {
        type: DataTypes.BIGINT,
        allowNull: false,
        get(this: OrderRevisionRow) {
          return Number(this.getDataValue('totalMinor'));
        },
      },
      byUserId: { type: DataTypes.UUID, allowNull: true },
    },
    { tableName: 'order_revisions', updatedAt: false },
  );
  return { OrderRevision };
}

/**
 * Model of migration 0010: the order policies document (one row, id `current`). Kept beside
 * models.ts, defined per Sequelize instance like it.
 */
import { DataTypes, type Model, type ModelStatic, type Sequelize } from 'sequelize';

export interface OrderPoliciesAttributes {
  id: string;
  /** An OrderPolicies document, validated by OrderPoliciesSchema before it is written (and again when read). */
  document: unknown;
  updatedById: string | null;
  updatedByEmail: string | null;
  updatedAt: Date;
}
export type OrderPoliciesRow = Model<OrderPoliciesAttributes, OrderPoliciesAttributes> & OrderPoliciesAttributes;

export interface PolicyModels {
  OrderPoliciesDocument: ModelStatic<OrderPoliciesRow>;
}

export function definePolicyModels(sequelize: Sequelize): PolicyModels {
  const OrderPoliciesDocument = sequelize.define<OrderPoliciesRow>(
    'OrderPoliciesDocument',
    {
      id: { type: DataTypes.STRING(16), primaryKey: true },
      document: { type: DataTypes.JSON, allowNull: false },
      updatedById: { type: DataTypes.UUID, allowNull: true, field: 'updated_by_id' },
      updatedByEmail: { type: DataTypes.STRING(254), allowNull: true, field: 'updated_by_email' },
      updatedAt: { type: DataTypes.DATE, allowNull: false, field: 'updated_at' },
    },
    { tableName: 'order_policies', timestamps: false },
  );
  return { OrderPoliciesDocument };
}

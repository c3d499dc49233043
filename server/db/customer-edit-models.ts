/**
 * Model of migration 0012: a rep's phone or email edit of a Zoho customer, and its outcome. Kept
 * beside models.ts, defined per Sequelize instance like it.
 */
import { DataTypes, type Model, type ModelStatic, type Sequelize } from 'sequelize';
import type { CustomerEdit, CustomerEditStatus, CustomerEditSummary } from '../../domain';

export interface CustomerEditAttributes {
  id: string;
  zohoContactId: string;
  payload: CustomerEdit;
  status: CustomerEditStatus;
  /** What was written and what Zoho kept, once finished. */
  outcome: Pick<CustomerEditSummary, 'applied' | 'kept'> | null;
  message: string | null;
  workflowId: string;
  workflowStarted: boolean;
  repId: string | null;
  createdAt?: Date;
  updatedAt?: Date;
}
export type CustomerEditRow = Model<CustomerEditAttributes, Omit<CustomerEditAttributes, 'createdAt' | 'updatedAt'>> & CustomerEditAttributes;

export interface CustomerEditModels {
  CustomerEdit: ModelStatic<CustomerEditRow>;
}

export function defineCustomerEditModels(sequelize: Sequelize): CustomerEditModels {
  const CustomerEdit = sequelize.define<CustomerEditRow>(
    'CustomerEdit',
    {
      id: { type: DataTypes.UUID, primaryKey: true },
      zohoContactId: { type: DataTypes.STRING(64), allowNull: false },
      payload: { type: DataTypes.JSON, allowNull: false },
      status: { type: DataTypes.STRING(16), allowNull: false },
      outcome: { type: DataTypes.JSON, allowNull: true },
      message: { type: DataTypes.TEXT, allowNull: true },
      workflowId: { type: DataTypes.STRING(80), allowNull: false, unique: true },
      workflowStarted: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
      repId: { type: DataTypes.UUID, allowNull: true },
    },
    { tableName: 'customer_edits' },
  );
  return { CustomerEdit };
}

/** The edit as the hub answers about it. */
export function customerEditView(row: CustomerEditRow): CustomerEditSummary {
  return {
    id: row.id,
    zohoContactId: row.zohoContactId,
    status: row.status,
    applied: row.outcome?.applied ?? {},
    kept: row.outcome?.kept ?? {},
    message: row.message,
    createdAt: (row.createdAt ?? new Date()).toISOString(),
    updatedAt: (row.updatedAt ?? new Date()).toISOString(),
  };
}

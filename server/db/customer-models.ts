/**
 * Models of migration 0005: customers created on devices, and each order's outputs (PDF, email,
 * attachment) that must happen once. Kept beside models.ts, defined per Sequelize instance like it.
 */
import { DataTypes, type Model, type ModelStatic, type Sequelize } from 'sequelize';
import type { Customer, Stage } from '../../domain';

export interface CustomerAttributes {
  id: string;
  name: string;
  email: string | null;
  payload: Customer;
  stage: Stage;
  zohoContactId: string | null;
  attentionReason: string | null;
  workflowId: string;
  workflowStarted: boolean;
  repId: string | null;
  createdAt?: Date;
  updatedAt?: Date;
}
export type CustomerRow = Model<CustomerAttributes, Omit<CustomerAttributes, 'createdAt' | 'updatedAt'>> & CustomerAttributes;

export interface OrderOutputAttributes {
  orderId: string;
  pdf: Buffer | null;
  pdfBytes: number | null;
  renderedAt: Date | null;
  emailedAt: Date | null;
  emailMessageId: string | null;
  /** Comma-separated addresses the email went to. */
  emailRecipients: string | null;
  attachedAt: Date | null;
  /** Migration 0011: the revision the PDF is of, and the last revision emailed and attached (null: none yet, or before revisions). */
  pdfRevision: number;
  emailedRevision: number | null;
  attachedRevision: number | null;
}
export type OrderOutputRow = Model<OrderOutputAttributes, Partial<OrderOutputAttributes> & { orderId: string }> & OrderOutputAttributes;

export interface CustomerModels {
  Customer: ModelStatic<CustomerRow>;
  OrderOutput: ModelStatic<OrderOutputRow>;
}

export function defineCustomerModels(sequelize: Sequelize): CustomerModels {
  const Customer = sequelize.define<CustomerRow>(
    'Customer',
    {
      id: { type: DataTypes.UUID, primaryKey: true },
      name: { type: DataTypes.STRING(200), allowNull: false },
      email: { type: DataTypes.STRING(254), allowNull: true },
      payload: { type: DataTypes.JSON, allowNull: false },
      stage: { type: DataTypes.STRING(32), allowNull: false },
      zohoContactId: { type: DataTypes.STRING(64), allowNull: true },
      attentionReason: { type: DataTypes.TEXT, allowNull: true },
      workflowId: { type: DataTypes.STRING(80), allowNull: false, unique: true },
      workflowStarted: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
      repId: { type: DataTypes.UUID, allowNull: true },
    },
    { tableName: 'customers' },
  );

  const OrderOutput = sequelize.define<OrderOutputRow>(
    'OrderOutput',
    {
      orderId: { type: DataTypes.UUID, primaryKey: true },
      pdf: { type: DataTypes.BLOB, allowNull: true },
      pdfBytes: { type: DataTypes.INTEGER, allowNull: true },
      renderedAt: { type: DataTypes.DATE, allowNull: true },
      emailedAt: { type: DataTypes.DATE, allowNull: true },
      emailMessageId: { type: DataTypes.STRING(200), allowNull: true },
      emailRecipients: { type: DataTypes.TEXT, allowNull: true },
      attachedAt: { type: DataTypes.DATE, allowNull: true },
      pdfRevision: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      emailedRevision: { type: DataTypes.INTEGER, allowNull: true },
      attachedRevision: { type: DataTypes.INTEGER, allowNull: true },
    },
    { tableName: 'order_outputs', timestamps: false },
  );

  return { Customer, OrderOutput };
}

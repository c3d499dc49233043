/**
 * Model of migration 0006: versions of the field mappings. Kept beside models.ts, defined per
 * Sequelize instance like it.
 */
import { DataTypes, type Model, type ModelStatic, type Sequelize } from 'sequelize';

export interface MappingVersionAttributes {
  id?: number;
  /** A mapping target (`inventory.salesorder`, `contact`, …) or `targets` (the target settings). */
  target: string;
  version: number;
  document: Record<string, unknown>;
  authorId: string | null;
  authorEmail: string | null;
  restoredFrom: number | null;
  createdAt?: Date;
}
export type MappingVersionRow = Model<MappingVersionAttributes, MappingVersionAttributes> & MappingVersionAttributes;

export interface MappingModels {
  MappingVersion: ModelStatic<MappingVersionRow>;
}

export function defineMappingModels(sequelize: Sequelize): MappingModels {
  const MappingVersion = sequelize.define<MappingVersionRow>(
    'MappingVersion',
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      target: { type: DataTypes.STRING(40), allowNull: false },
      version: { type: DataTypes.INTEGER, allowNull: false },
      document: { type: DataTypes.JSON, allowNull: false },
      authorId: { type: DataTypes.UUID, allowNull: true },
      authorEmail: { type: DataTypes.STRING(254), allowNull: true },
      restoredFrom: { type: DataTypes.INTEGER, allowNull: true },
    },
    { tableName: 'mapping_versions', updatedAt: false },
  );
  return { MappingVersion };
}

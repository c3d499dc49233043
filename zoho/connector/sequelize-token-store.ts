/**
 * The token store in the hub's database (table `zoho_tokens`, migration 0002), shared by every
 * process. The lease is one conditional UPDATE (`... WHERE lease_until < now OR lease_holder = me`)
 * whose affected-row count says who won: atomic on SQLite and PostgreSQL alike.
 */
import { DataTypes, Op, UniqueConstraintError, type Model, type ModelStatic, type Sequelize } from 'sequelize';
import type { TokenState, TokenStore } from './token-store';

interface Row {
  key: string;
  accessToken: string | null;
  apiDomain: string | null;
  expiresAt: number | string;
  refreshAt: number | string;
  requestLog: string;
  blockedUntil: number | string;
  leaseHolder: string | null;
  leaseUntil: number | string;
}

type RowModel = ModelStatic<Model<Row, Partial<Row>>>;

const MODEL_NAME = 'SatchelZohoToken';

function defineModel(sequelize: Sequelize): RowModel {
  if (sequelize.isDefined(MODEL_NAME)) return sequelize.model(MODEL_NAME) as RowModel;
  return sequelize.define<Model<Row, Partial<Row>>>(
    MODEL_NAME,
    {
      key: { type: DataTypes.STRING(64), primaryKey: true },
      accessToken: { type: DataTypes.TEXT, field: 'access_token' },
      apiDomain: { type: DataTypes.STRING(255), field: 'api_domain' },
      expiresAt: { type: DataTypes.BIGINT, field: 'expires_at' },
      refreshAt: { type: DataTypes.BIGINT, field: 'refresh_at' },
      requestLog: { type: DataTypes.TEXT, field: 'request_log' },
      blockedUntil: { type: DataTypes.BIGINT, field: 'blocked_until' },
      leaseHolder: { type: DataTypes.STRING(64), field: 'lease_holder' },
      leaseUntil: { type: DataTypes.BIGINT, field: 'lease_until' },
    },
    { tableName: 'zoho_tokens', underscored: true, timestamps: true },
  );
}

/** PostgreSQL returns BIGINT as a string. */
const num = (v: number | string | null | undefined): number => (v === null || v === undefined ? 0 : Number(v));

function parseLog(text: string): number[] {
  try {
    const v: unknown = JSON.parse(text);
    return Array.isArray(v) ? v.filter((t): t is number => typeof t === 'number') : [];
  } catch {
    return [];
  }
}

export class SequelizeTokenStore implements TokenStore {
  private readonly model: RowModel;

  constructor(sequelize: Sequelize) {
    this.model = defineModel(sequelize);
  }

  async get(key: string): Promise<TokenState | undefined> {
    const row = await this.model.findByPk(key, { raw: true });
    if (!row) return undefined;
    const r = row as unknown as Row;
    return {
      accessToken: r.accessToken ?? undefined,
      apiDomain: r.apiDomain ?? undefined,
      expiresAt: num(r.expiresAt),
      refreshAt: num(r.refreshAt),
      requestLog: parseLog(r.requestLog),
      blockedUntil: num(r.blockedUntil),
    };
  }

  async put(key: string, state: TokenState, holder: string): Promise<boolean> {
    const [affected] = await this.model.update(
      {
        accessToken: state.accessToken ?? null,
        apiDomain: state.apiDomain ?? null,
        expiresAt: state.expiresAt,
        refreshAt: state.refreshAt,
        requestLog: JSON.stringify(state.requestLog),
        blockedUntil: state.blockedUntil,
      },
      { where: { key, leaseHolder: holder } },
    );
    return affected === 1;
  }

  async acquireLease(key: string, holder: string, now: number, ttlMs: number): Promise<boolean> {
    try {
      await this.ensureRow(key);
      const [affected] = await this.model.update(
        { leaseHolder: holder, leaseUntil: now + ttlMs },
        { where: { key, [Op.or]: [{ leaseUntil: { [Op.lt]: now } }, { leaseHolder: holder }] } },
      );
      return affected === 1;
    } catch (err) {
      // SQLite under write contention from another process: treat as "someone else has it".
      if (/SQLITE_BUSY|database is locked/i.test(String((err as Error)?.message))) return false;
      throw err;
    }
  }

  async releaseLease(key: string, holder: string): Promise<void> {
    await this.model.update({ leaseHolder: null, leaseUntil: 0 }, { where: { key, leaseHolder: holder } });
  }

  private async ensureRow(key: string): Promise<void> {
    if (await this.model.findByPk(key, { attributes: ['key'], raw: true })) return;
    try {
      await this.model.create({ key, expiresAt: 0, refreshAt: 0, requestLog: '[]', blockedUntil: 0, leaseUntil: 0 });
    } catch (err) {
      if (!(err instanceof UniqueConstraintError)) throw err; // another process inserted it first
    }
  }
}

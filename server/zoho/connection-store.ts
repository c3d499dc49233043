/**
 * The Zoho connection saved by an admin in the console: data centre, organization, product,
 * OAuth client and refresh token (secrets sealed at rest). While none is saved, or while a saved
 * one still waits for its refresh token, the ZOHO_* environment settings stay in force. Every
 * change bumps `version`; each process's Zoho client rebuilds itself when the version moves.
 */
import type { Actor, ZohoProduct } from '../../domain';
import { QueryTypes } from 'sequelize';
import * as z from 'zod';
import { ZOHO_DATA_CENTRES, type ZohoDataCentre, type ZohoSettings } from '../../config';
import type { SecretBox } from '../secrets/secret-box';
import type { Database } from '../db/connect';
import { fromZodError, AppError } from '../errors';

/** The local Zoho sandbox counts as a data centre only while the hub runs against it. */
export const SANDBOX_DATA_CENTRE = 'sandbox';
export type ConnectionDataCentre = ZohoDataCentre | typeof SANDBOX_DATA_CENTRE;
const DATA_CENTRES = [...(Object.keys(ZOHO_DATA_CENTRES) as ZohoDataCentre[]), SANDBOX_DATA_CENTRE] as const;

export const ConnectionInputSchema = z
  .object({
    dataCentre: z.enum(DATA_CENTRES),
    organizationId: z
      .string()
      .trim()
      .regex(/^\d{1,30}$/, 'must be the Zoho organization id (digits)'),
    product: z.enum(['inventory', 'books']),
    clientId: z.string().trim().min(1).max(200),
    /** Omitted: keep the saved one. */
    clientSecret: z.string().trim().min(1).max(500).optional(),
    /** Omitted: keep the saved one while the client and data centre stay the same; else authorize again. */
    refreshToken: z.string().trim().min(1).max(500).optional(),
    dailyLimit: z.number().int().min(1).max(10_000_000).nullable().optional(),
  })
  .strict();
export type ConnectionInput = z.infer<typeof ConnectionInputSchema>;

export interface ConnectionRecord {
  version: number;
  dataCentre: ConnectionDataCentre;
  organizationId: string;
  product: ZohoProduct;
  clientId: string;
  clientSecretSealed: string;
  refreshTokenSealed: string | null;
  dailyLimit: number | null;
  oauthStateHash: string | null;
  oauthStateExpiresAt: number;
  updatedBy: string | null;
  updatedAt: string;
}

/** What the console shows: never a secret, only whether one is saved. */
export interface ConnectionView {
  /** Which settings are in force: the console's saved connection or the environment's ZOHO_* variables. */
  source: 'console' | 'environment';
  saved: null | {
    version: number;
    dataCentre: ConnectionDataCentre;
    organizationId: string;
    product: ZohoProduct;
    clientId: string;
    hasClientSecret: boolean;
    hasRefreshToken: boolean;
    dailyLimit: number | null;
    status: 'active' | 'needs_authorization';
    updatedBy: string | null;
    updatedAt: string;
  };
  /** The settings in force now (no secrets). */
  effective: {
    product: ZohoProduct;
    organizationId: string;
    accountsUrl: string;
    apiDomain: string;
    sandbox: boolean;
    dailyLimit: number;
    requestsPerMinute: number;
  };
  /** Where Zoho sends the admin back after consent: register it with the OAuth client. */
  redirectUri: string;
  dataCentres: ConnectionDataCentre[];
}

export interface Effective {
  /** Changes whenever the settings in force change (`environment`, or `console:<version>`). */
  key: string;
  settings: ZohoSettings;
  dailyLimit: number;
}

const DEFAULT_DAILY_LIMIT = 1000;

export function createConnectionStore({ db, defaults, box }: { db: Database; defaults: ZohoSettings; box: SecretBox }) {
  const now = () => new Date();

  async function read(): Promise<ConnectionRecord | undefined> {
    const [rows] = await db.sequelize.query('SELECT * FROM zoho_connection WHERE id = 1');
    const r = (rows as Array<Record<string, unknown>>)[0];
    if (!r) return undefined;
    return {
      version: Number(r.version),
      dataCentre: r.data_centre as ConnectionDataCentre,
      organizationId: String(r.organization_id),
      product: r.product as ZohoProduct,
      clientId: String(r.client_id),
      clientSecretSealed: String(r.client_secret_sealed),
      refreshTokenSealed: (r.refresh_token_sealed as string | null) ?? null,
      dailyLimit: r.daily_limit === null || r.daily_limit === undefined ? null : Number(r.daily_limit),
      oauthStateHash: (r.oauth_state_hash as string | null) ?? null,
      oauthStateExpiresAt: Number(r.oauth_state_expires_at ?? 0),
      updatedBy: (r.updated_by as string | null) ?? null,
      updatedAt: new Date(r.updated_at as string).toISOString(),
    };
  }

  function urlsOf(dataCentre: ConnectionDataCentre): { accountsUrl: string; apiDomain: string } {
    if (dataCentre === SANDBOX_DATA_CENTRE) return { accountsUrl: defaults.accountsUrl, apiDomain: defaults.apiDomain };
    const dc = ZOHO_DATA_CENTRES[dataCentre];
    return { accountsUrl: dc.accounts, apiDomain: dc.api };
  }

  /** What the page shows: no secret is opened (a changed SATCHEL_SECRET_KEY must not break the page that fixes it). */
  function publicSettingsOf(row: ConnectionRecord): ZohoSettings {
    return {
      ...defaults,
      ...urlsOf(row.dataCentre),
      product: row.product,
      organizationId: row.organizationId,
      clientId: row.clientId,
      sandbox: row.dataCentre === SANDBOX_DATA_CENTRE,
      dailyRequestLimit: row.dailyLimit ?? defaults.dailyRequestLimit,
    };
  }

  function settingsOf(row: ConnectionRecord & { refreshTokenSealed: string }): ZohoSettings {
    return { ...publicSettingsOf(row), clientSecret: box.open(row.clientSecretSealed), refreshToken: box.open(row.refreshTokenSealed) };
  }

  const environment = (): Effective => ({ key: 'environment', settings: defaults, dailyLimit: defaults.dailyRequestLimit ?? DEFAULT_DAILY_LIMIT });

  return {
    read,
    urlsOf,

    /** Just the key of the settings in force: one small query, made before every Zoho call. */
    async currentKey(): Promise<string> {
      const [rows] = await db.sequelize.query(
        'SELECT version, CASE WHEN refresh_token_sealed IS NULL THEN 0 ELSE 1 END AS active FROM zoho_connection WHERE id = 1',
      );
      const r = (rows as Array<{ version: number | string; active: number | string }>)[0];
      return r && Number(r.active) === 1 ? `console:${Number(r.version)}` : 'environment';
    },

    async effective(): Promise<Effective> {
      const row = await read();
      if (!row?.refreshTokenSealed) return environment();
      const settings = settingsOf({ ...row, refreshTokenSealed: row.refreshTokenSealed });
      return { key: `console:${row.version}`, settings, dailyLimit: settings.dailyRequestLimit ?? DEFAULT_DAILY_LIMIT };
    },

    /** Save (create or replace) the connection. Returns what changed, for the audit log. */
    async save(input: unknown, actor: Actor): Promise<{ record: ConnectionRecord; detail: Record<string, unknown> }> {
      const parsed = ConnectionInputSchema.safeParse(input);
      if (!parsed.success) throw fromZodError(parsed.error, 'Zoho connection');
      const next = parsed.data;
      if (next.dataCentre === SANDBOX_DATA_CENTRE && !defaults.sandbox) {
        throw new AppError('invalid', 'Invalid Zoho connection: dataCentre: "sandbox" is only available while the hub runs against the local Zoho sandbox', {
          fields: [{ path: 'dataCentre', message: 'the sandbox is not configured' }],
        });
      }
      // One row, saved by hand now and then: a concurrent first save loses on the primary key.
      const [rows] = await db.sequelize.query('SELECT * FROM zoho_connection WHERE id = 1');
      const prev = (rows as Array<Record<string, unknown>>)[0];
      if (!next.clientSecret && !prev) {
        throw new AppError('invalid', 'Invalid Zoho connection: clientSecret: required for a new connection', {
          fields: [{ path: 'clientSecret', message: 'required' }],
        });
      }
      const sameClient = !!prev && prev.client_id === next.clientId && prev.data_centre === next.dataCentre && !next.clientSecret;
      const clientSecretSealed = next.clientSecret ? box.seal(next.clientSecret) : String(prev!.client_secret_sealed);
      // A refresh token belongs to its client: a new client (or data centre) needs a new one.
      const refreshTokenSealed = next.refreshToken ? box.seal(next.refreshToken) : sameClient ? ((prev!.refresh_token_sealed as string | null) ?? null) : null;
      const values = {
        data_centre: next.dataCentre,
        organization_id: next.organizationId,
        product: next.product,
        client_id: next.clientId,
        client_secret_sealed: clientSecretSealed,
        refresh_token_sealed: refreshTokenSealed,
        daily_limit: next.dailyLimit ?? null,
        updated_by: actor.email,
        updated_at: now(),
      };
      if (prev) {
        await db.sequelize.query(
          `UPDATE zoho_connection SET version = version + 1, data_centre = :data_centre, organization_id = :organization_id, product = :product,
             client_id = :client_id, client_secret_sealed = :client_secret_sealed, refresh_token_sealed = :refresh_token_sealed,
             daily_limit = :daily_limit, oauth_state_hash = NULL, oauth_state_expires_at = 0, updated_by = :updated_by, updated_at = :updated_at
           WHERE id = 1`,
          { replacements: values },
        );
      } else {
        await db.sequelize.query(
          `INSERT INTO zoho_connection (id, version, data_centre, organization_id, product, client_id, client_secret_sealed, refresh_token_sealed,
             daily_limit, oauth_state_hash, oauth_state_expires_at, updated_by, created_at, updated_at)
           VALUES (1, 1, :data_centre, :organization_id, :product, :client_id, :client_secret_sealed, :refresh_token_sealed,
             :daily_limit, NULL, 0, :updated_by, :updated_at, :updated_at)`,
          { replacements: values },
        );
      }
      const record = (await read())!;
      const detail = {
        version: record.version,
        dataCentre: record.dataCentre,
        organizationId: record.organizationId,
        product: record.product,
        clientId: record.clientId,
        dailyLimit: record.dailyLimit,
        clientSecretChanged: !!next.clientSecret,
        refreshToken: next.refreshToken ? 'pasted' : refreshTokenSealed ? 'kept' : 'needs authorization',
      };
      return { record, detail };
    },

    /** Forget the saved connection: the environment's settings apply again. */
    async remove(): Promise<boolean> {
      if (!(await read())) return false;
      await db.sequelize.query('DELETE FROM zoho_connection WHERE id = 1');
      return true;
    },

    /** Remember a pending authorization (the state's nonce hash) on the saved connection. */
    async beginAuthorization(stateHash: string, expiresAt: number): Promise<void> {
      await db.sequelize.query('UPDATE zoho_connection SET oauth_state_hash = :stateHash, oauth_state_expires_at = :expiresAt WHERE id = 1', {
        replacements: { stateHash, expiresAt },
      });
    },

    /** Use up a pending authorization: true once for the matching, unexpired state, false ever after. */
    async consumeAuthorization(stateHash: string, at: number): Promise<boolean> {
      // The conditional UPDATE is the single use: of two callbacks racing, only one changes the row.
      const [, changed] = await db.sequelize.query(
        'UPDATE zoho_connection SET oauth_state_hash = NULL, oauth_state_expires_at = 0 WHERE id = 1 AND oauth_state_hash = :stateHash AND oauth_state_expires_at > :at',
        { replacements: { stateHash, at }, type: QueryTypes.UPDATE },
      );
      return changed === 1;
    },

    /** Store the refresh token the authorization-code grant produced; the connection becomes active. */
    async completeAuthorization(refreshToken: string, actor: Actor): Promise<ConnectionRecord> {
      await db.sequelize.query(
        'UPDATE zoho_connection SET refresh_token_sealed = :sealed, version = version + 1, updated_by = :by, updated_at = :at WHERE id = 1',
        { replacements: { sealed: box.seal(refreshToken), by: actor.email, at: now() } },
      );
      const record = await read();
      if (!record) throw new AppError('conflict', 'The Zoho connection was removed while it was being authorized');
      return record;
    },

    async view(publicUrl: string): Promise<ConnectionView> {
      const row = await read();
      const active = !!row?.refreshTokenSealed;
      const eff = active ? publicSettingsOf(row!) : defaults;
      return {
        source: active ? 'console' : 'environment',
        saved: row
          ? {
              version: row.version,
              dataCentre: row.dataCentre,
              organizationId: row.organizationId,
              product: row.product,
              clientId: row.clientId,
              hasClientSecret: true,
              hasRefreshToken: active,
              dailyLimit: row.dailyLimit,
              status: active ? 'active' : 'needs_authorization',
              updatedBy: row.updatedBy,
              updatedAt: row.updatedAt,
            }
          : null,
        effective: {
          product: eff.product,
          organizationId: eff.organizationId,
          accountsUrl: eff.accountsUrl,
          apiDomain: eff.apiDomain,
          sandbox: eff.sandbox,
          dailyLimit: eff.dailyRequestLimit ?? DEFAULT_DAILY_LIMIT,
          requestsPerMinute: eff.requestsPerMinute,
        },
        redirectUri: callbackUrl(publicUrl),
        dataCentres: DATA_CENTRES.filter((dc) => dc !== SANDBOX_DATA_CENTRE || defaults.sandbox),
      };
    },
  };
}

export type ConnectionStore = ReturnType<typeof createConnectionStore>;

/** The OAuth redirect URI: PUBLIC_URL + the callback route. */
export const callbackUrl = (publicUrl: string) => `${publicUrl.replace(/\/+$/, '')}/api/zoho/oauth/callback`;

/**
 * The console's Zoho connection section, assembled: the saved connection, the OAuth flow, the
 * connection test and the API budget. Every change is written to the audit log.
 */
import type { ZohoSettings } from '../../config';
import type { PublicUser } from '../../domain';
import { revokeRefreshToken, ZohoError, type ZohoClient } from '../../zoho/connector';
import type { Actor, AuditLog } from '../auth/audit';
import type { SecretBox } from '../../server/secrets/secret-box';
import type { Database } from '../../server/db/connect';
import { createConnectionStore, type ConnectionStore, type ConnectionView } from '../../server/zoho/connection-store';
import { createZohoOAuth, type AuthorizationStart, type CallbackQuery, type CallbackOutcome } from './zoho-connection-oauth';
import type { ApiCallCounter, ApiUsage } from '../../server/zoho/api-call-counter';
import { AppError } from '../../server/errors';

export interface ZohoConnectionServiceDeps {
  db: Database;
  /** The environment's Zoho settings (config.zoho): in force while no connection is saved. */
  defaults: ZohoSettings;
  box: SecretBox;
  /** The hub's public URL: the OAuth redirect comes back to it. */
  publicUrl: string;
  audit: AuditLog;
  counter: ApiCallCounter;
  /** The client for the settings in force now (the hub's following client). */
  zoho: () => Promise<ZohoClient>;
  fetch?: typeof fetch;
  now?: () => number;
  /** Told when a save or removal put another organization (or product) in force: the hub syncs its catalogue at once. */
  onOrganizationChanged?: () => Promise<unknown>;
  log?: (msg: string, extra?: unknown) => void;
}

export interface BudgetView extends ApiUsage {
  perMinuteLimit: number;
  dailyLimit: number;
}

export function createZohoConnectionService(deps: ZohoConnectionServiceDeps) {
  const store: ConnectionStore = createConnectionStore({ db: deps.db, defaults: deps.defaults, box: deps.box });
  const oauth = createZohoOAuth({ store, box: deps.box, publicUrl: deps.publicUrl, fetch: deps.fetch, now: deps.now });

  /** The saved refresh token revoked, unless the environment still uses the same token. */
  async function revokeSaved(record: NonNullable<Awaited<ReturnType<ConnectionStore['read']>>>): Promise<{ revoked: boolean; reason?: string }> {
    if (!record.refreshTokenSealed) return { revoked: false, reason: 'no refresh token was saved' };
    let token: string;
    try {
      token = deps.box.open(record.refreshTokenSealed);
    } catch {
      return { revoked: false, reason: 'the saved token could not be opened (SATCHEL_SECRET_KEY changed)' };
    }
    if (token === deps.defaults.refreshToken) return { revoked: false, reason: 'the environment (ZOHO_REFRESH_TOKEN) uses the same token' };
    return revokeRefreshToken(store.urlsOf(record.dataCentre).accountsUrl, token, deps.fetch ?? fetch);
  }

  const organizationInForce = async () => {
    const { settings } = await store.effective();
    return `${settings.product}:${settings.organizationId}`;
  };
  /** Another organization in force: its catalogue is wanted now. The save stands even if the sync cannot start. */
  async function noticeOrganization(before: string): Promise<void> {
    if (!deps.onOrganizationChanged || (await organizationInForce()) === before) return;
    await deps.onOrganizationChanged().catch((err: Error) => deps.log?.('catalogue sync for the new Zoho organization', err.message));
  }

  return {
    store,

    view: (): Promise<ConnectionView> => store.view(deps.publicUrl),

    async save(input: unknown, actor: Actor): Promise<ConnectionView> {
      const before = await organizationInForce();
      const { detail } = await store.save(input, actor);
      await deps.audit.record(actor, 'zoho.connection.save', 'zoho', detail);
      await noticeOrganization(before);
      return store.view(deps.publicUrl);
    },

    /**
     * Forget the saved connection and revoke its refresh token at Zoho (best effort: the
     * disconnect stands whatever Zoho answers; the audit log says whether the revoke went through).
     */
    async remove(actor: Actor): Promise<ConnectionView> {
      const before = await organizationInForce();
      const record = await store.read();
      if (!record || !(await store.remove())) throw new AppError('not_found', 'No Zoho connection is saved: the environment settings are in force already');
      const revoke = await revokeSaved(record);
      await deps.audit.record(actor, 'zoho.connection.remove', 'zoho', revoke);
      await noticeOrganization(before);
      return store.view(deps.publicUrl);
    },

    /** GET /organizations with the settings in force: the organization's name proves the connection. */
    async test(): Promise<{ organizationId: string; name: string; product: string }> {
      try {
        const client = await deps.zoho();
        const organizations = await client.organizations.list();
        const org = organizations.find((o) => String(o.organization_id) === client.organizationId);
        if (!org) {
          throw new AppError(
            'upstream_failed',
            `Zoho answered, but organization ${client.organizationId} is not among this account's (${organizations.map((o) => `${o.name} ${o.organization_id}`).join(', ') || 'none'})`,
          );
        }
        return { organizationId: String(org.organization_id), name: org.name, product: client.product };
      } catch (err) {
        if (err instanceof ZohoError) throw new AppError('upstream_failed', `Zoho refused the connection test: ${err.message}`);
        throw err;
      }
    },

    async budget(): Promise<BudgetView> {
      const eff = await store.effective();
      return { ...(await deps.counter.usage()), perMinuteLimit: eff.settings.requestsPerMinute, dailyLimit: eff.dailyLimit };
    },

    startAuthorization: (user: PublicUser): Promise<AuthorizationStart> => oauth.start(user),

    /** Finish the flow and audit the outcome (success or refusal) under the admin who started it. */
    async finishAuthorization(query: CallbackQuery, address: string | null, browserNonce: string | undefined): Promise<CallbackOutcome> {
      const outcome = await oauth.callback(query, browserNonce);
      const actor: Actor = { id: outcome.actor?.id ?? null, email: outcome.actor?.email ?? null, address };
      await deps.audit.record(actor, outcome.ok ? 'zoho.connection.authorize' : 'zoho.connection.authorize_failed', 'zoho', {
        ...(outcome.version ? { version: outcome.version } : {}),
        message: outcome.message,
      });
      return outcome;
    },
  };
}

export type ZohoConnectionService = ReturnType<typeof createZohoConnectionService>;

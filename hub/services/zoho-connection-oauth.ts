/**
 * Zoho's OAuth authorization-code flow for the console: `start` sends the admin to Zoho's consent
 * page with a signed, single-use state; `callback` checks that state, exchanges the code for a
 * refresh token (grant_type=authorization_code) and stores it on the saved connection.
 *
 * The callback is reached by a redirect from Zoho's site, which does not carry our SameSite=Strict
 * session cookie: the state is what proves an admin started it. It is sealed with the SecretBox
 * (authenticated encryption: it cannot be forged or altered), names the admin, lapses after ten
 * minutes, and its nonce's hash on the connection row is cleared by the first callback that uses it.
 *
 * It is also bound to the admin's browser: `start` hands out a second random value for a cookie
 * (SameSite=Lax, since it must come back on Zoho's cross-site redirect) and seals its hash into the
 * state. A callback that arrives without that cookie (a leaked or planted callback URL, another
 * browser) is refused before the state is used up, so the admin can still finish.
 */
import crypto from 'node:crypto';
import type { PublicUser } from '../../domain';
import type { SecretBox } from '../../server/secrets/secret-box';
import { callbackUrl, type ConnectionStore } from '../../server/zoho/connection-store';
import { AppError } from '../../server/errors';

export const STATE_TTL_MS = 10 * 60_000;

/** What each product needs: orders, estimates and contacts written; items, price lists, organizations read. */
export const OAUTH_SCOPES = {
  inventory: ['ZohoInventory.salesorders.ALL', 'ZohoInventory.contacts.ALL', 'ZohoInventory.items.READ', 'ZohoInventory.settings.READ'],
  books: ['ZohoBooks.salesorders.ALL', 'ZohoBooks.estimates.ALL', 'ZohoBooks.contacts.ALL', 'ZohoBooks.settings.READ'],
} as const;

interface StatePayload {
  /** Random nonce; its sha256 waits on the connection row until used. */
  n: string;
  /** The admin who started it. */
  u: string;
  e: string;
  /** The client and data centre it was started for. */
  c: string;
  d: string;
  x: number;
  /** sha256 of the browser-binding cookie's value. */
  b: string;
}

export interface AuthorizationStart {
  /** Zoho's consent page. */
  url: string;
  /** The value of the browser-binding cookie to set with the redirect. */
  browserNonce: string;
}

export interface CallbackQuery {
  code?: string;
  state?: string;
  error?: string;
  'accounts-server'?: string;
}

export interface CallbackOutcome {
  ok: boolean;
  message: string;
  /** Who started it (known once the state checked out). */
  actor?: { id: string; email: string };
  version?: number;
}

const sha256 = (s: string) => crypto.createHash('sha256').update(s).digest('hex');
const sameHash = (a: string, b: string) => a.length === b.length && crypto.timingSafeEqual(Buffer.from(a), Buffer.from(b));

/** Zoho's token errors, as an admin can act on them. */
function describeTokenError(error: string): string {
  switch (error) {
    case 'invalid_code':
      return 'Zoho refused the authorization code (invalid_code): it expired or was used already. Authorize again.';
    case 'invalid_client':
    case 'invalid_client_secret':
      return `Zoho does not accept this client id and secret (${error}). Check them in the Zoho API console.`;
    case 'invalid_redirect_uri':
    case 'redirect_uri_mismatch':
      return `Zoho refused the redirect URI (${error}): register this hub's callback URL with the OAuth client.`;
    default:
      return `Zoho refused the authorization (${error}).`;
  }
}

export function createZohoOAuth({
  store,
  box,
  publicUrl,
  fetch: fetchImpl = globalThis.fetch,
  now = Date.now,
}: {
  store: ConnectionStore;
  box: SecretBox;
  publicUrl: string;
  fetch?: typeof fetch;
  now?: () => number;
}) {
  const redirectUri = callbackUrl(publicUrl);

  function openState(state: string): StatePayload | undefined {
    try {
      const payload = JSON.parse(box.open(Buffer.from(state, 'base64url').toString('utf8'))) as StatePayload;
      return typeof payload.n === 'string' && typeof payload.u === 'string' && typeof payload.x === 'number' && typeof payload.b === 'string'
        ? payload
        : undefined;
    } catch {
      return undefined;
    }
  }

  return {
    redirectUri,

    /** The URL of Zoho's consent page for the saved connection's client, and the browser-binding cookie's value. */
    async start(user: PublicUser): Promise<AuthorizationStart> {
      const row = await store.read();
      if (!row) throw new AppError('conflict', 'Save the connection (data centre, organization, client id and secret) before authorizing with Zoho');
      const nonce = crypto.randomBytes(32).toString('base64url');
      const browserNonce = crypto.randomBytes(32).toString('base64url');
      const expiresAt = now() + STATE_TTL_MS;
      const payload: StatePayload = { n: nonce, u: user.id, e: user.email, c: row.clientId, d: row.dataCentre, x: expiresAt, b: sha256(browserNonce) };
      const state = Buffer.from(box.seal(JSON.stringify(payload)), 'utf8').toString('base64url');
      await store.beginAuthorization(sha256(nonce), expiresAt);
      const url = new URL(`${store.urlsOf(row.dataCentre).accountsUrl}/oauth/v2/auth`);
      url.search = new URLSearchParams({
        scope: OAUTH_SCOPES[row.product].join(','),
        client_id: row.clientId,
        response_type: 'code',
        access_type: 'offline', // without it Zoho issues no refresh token
        prompt: 'consent', // ... and without consent, none for a client that was authorized before
        redirect_uri: redirectUri,
        state,
      }).toString();
      return { url: url.toString(), browserNonce };
    },

    /** Zoho sent the admin back: check the state, exchange the code, store the refresh token. */
    async callback(query: CallbackQuery, browserNonce: string | undefined): Promise<CallbackOutcome> {
      const payload = query.state ? openState(query.state) : undefined;
      if (!payload) return { ok: false, message: 'The authorization came back without a valid state. Start it again from the console.' };
      const actor = { id: payload.u, email: payload.e };
      // Checked before the state is used up: a planted callback must not spend the admin's authorization.
      if (!browserNonce || !sameHash(sha256(browserNonce), payload.b)) {
        return {
          ok: false,
          actor,
          message: 'This authorization was started in another browser, or its cookie expired. Start it again from the console in this browser.',
        };
      }
      if (!(await store.consumeAuthorization(sha256(payload.n), now()))) {
        return { ok: false, actor, message: 'This authorization was used already or has expired. Start it again from the console.' };
      }
      if (query.error) return { ok: false, actor, message: `Zoho did not authorize Satchel (${query.error}).` };
      if (!query.code) return { ok: false, actor, message: 'Zoho sent no authorization code.' };
      const row = await store.read();
      if (!row || row.clientId !== payload.c || row.dataCentre !== payload.d) {
        return { ok: false, actor, message: 'The connection changed while it was being authorized. Authorize again.' };
      }
      const accountsUrl = store.urlsOf(row.dataCentre).accountsUrl;
      const server = query['accounts-server'];
      if (server && server.replace(/\/+$/, '') !== accountsUrl) {
        return { ok: false, actor, message: `Your Zoho account lives at ${server}, not ${accountsUrl}: choose that data centre and authorize again.` };
      }

      let body: { refresh_token?: unknown; error?: unknown };
      try {
        const res = await fetchImpl(`${accountsUrl}/oauth/v2/token`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
          body: new URLSearchParams({
            grant_type: 'authorization_code',
            client_id: row.clientId,
            client_secret: box.open(row.clientSecretSealed),
            redirect_uri: redirectUri,
            code: query.code,
          }),
          signal: AbortSignal.timeout(15_000),
        });
        body = (await res.json()) as typeof body;
      } catch (err) {
        return { ok: false, actor, message: `Could not reach Zoho's accounts server at ${accountsUrl}: ${(err as Error).message}` };
      }
      // Like the refresh grant, failures come as {error} in the body, often with HTTP 200.
      if (typeof body.error === 'string') return { ok: false, actor, message: describeTokenError(body.error) };
      if (typeof body.refresh_token !== 'string' || !body.refresh_token) {
        return { ok: false, actor, message: 'Zoho issued no refresh token (the consent must be for offline access). Authorize again.' };
      }
      const record = await store.completeAuthorization(body.refresh_token, { id: actor.id, email: actor.email, address: null });
      return { ok: true, actor, version: record.version, message: 'Connected to Zoho.' };
    },
  };
}

export type ZohoOAuth = ReturnType<typeof createZohoOAuth>;

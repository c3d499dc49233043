/**
 * The sandbox's side of Zoho's authorization-code flow: authorization codes (single use, two
 * minutes, bound to client and redirect URI) and the refresh tokens they are exchanged for.
 *
 * Issued refresh tokens are signed rather than stored, so they keep working across sandbox
 * restarts, as Zoho's do until revoked: `1000.<nonce>.<hmac(client id, nonce)>`.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** Zoho's grant codes are short-lived. */
export const CODE_TTL_MS = 2 * 60_000;
const SIGNING_KEY = 'satchel-zoho-sandbox-refresh-tokens';

interface PendingCode {
  clientId: string;
  redirectUri: string;
  scope: string;
  offline: boolean;
  expiresAt: number;
}

/** Where the demo client may send the admin back: any loopback host, the hub's callback path. */
export function registeredRedirectUri(uri: string): boolean {
  try {
    const url = new URL(uri);
    return (
      ['http:', 'https:'].includes(url.protocol) && ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname) && url.pathname === '/api/zoho/oauth/callback'
    );
  } catch {
    return false;
  }
}

export class OAuthGrants {
  private readonly codes = new Map<string, PendingCode>();
  private readonly revoked = new Set<string>();

  constructor(private readonly now: () => number) {}

  issueCode(grant: Omit<PendingCode, 'expiresAt'>): string {
    for (const [code, pending] of this.codes) if (pending.expiresAt <= this.now()) this.codes.delete(code);
    const code = `1000.${randomBytes(16).toString('hex')}.${randomBytes(16).toString('hex')}`;
    this.codes.set(code, { ...grant, expiresAt: this.now() + CODE_TTL_MS });
    return code;
  }

  /** Use a code up (a code works once, even when the exchange then fails on another check). */
  redeem(code: string): PendingCode | undefined {
    const pending = this.codes.get(code);
    this.codes.delete(code);
    return pending && pending.expiresAt > this.now() ? pending : undefined;
  }

  refreshTokenFor(clientId: string): string {
    const nonce = randomBytes(16).toString('hex');
    return `1000.${nonce}.${sign(clientId, nonce)}`;
  }

  /** `POST /oauth/v2/token/revoke`: the refresh token stops working. */
  revoke(token: string): void {
    this.revoked.add(token);
  }

  /** Was this refresh token issued by the sandbox to this client (and not revoked since)? */
  validRefreshToken(clientId: string, token: string): boolean {
    const m = /^1000\.([0-9a-f]{32})\.([0-9a-f]{32})$/.exec(token);
    if (!m || this.revoked.has(token)) return false;
    return timingSafeEqual(Buffer.from(m[2]!), Buffer.from(sign(clientId, m[1]!)));
  }
}

function sign(clientId: string, nonce: string): string {
  return createHmac('sha256', SIGNING_KEY).update(`${clientId}\n${nonce}`).digest('hex').slice(0, 32);
}

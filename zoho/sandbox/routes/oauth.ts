/** Zoho Accounts' refresh grant: only the demo client and refresh token are accepted. */
import express, { Router, type Request } from 'express';
import { SANDBOX_DEMO } from '../../../config';
import type { SandboxContext } from '../context';

function param(req: Request, name: string): string {
  const fromBody = (req.body as Record<string, unknown> | undefined)?.[name];
  const v = typeof fromBody === 'string' ? fromBody : req.query[name];
  return typeof v === 'string' ? v : '';
}

export function oauthRouter(ctx: SandboxContext): Router {
  const r = Router();
  r.post('/oauth/v2/token', express.urlencoded({ extended: false }), (req, res) => {
    ctx.stats.tokenRequests++;
    // Like Zoho: failures are `{error}` in the body with HTTP 200; clients must read the body.
    if (param(req, 'grant_type') !== 'refresh_token') {
      res.json({ error: 'unsupported_grant_type' });
      return;
    }
    if (param(req, 'client_id') !== SANDBOX_DEMO.clientId || param(req, 'client_secret') !== SANDBOX_DEMO.clientSecret) {
      res.json({ error: 'invalid_client' });
      return;
    }
    const refreshToken = param(req, 'refresh_token');
    if (refreshToken !== SANDBOX_DEMO.refreshToken) {
      res.json({ error: 'invalid_code' });
      return;
    }
    if (!ctx.limits.admitTokenRequest(refreshToken)) {
      ctx.stats.tokenThrottled++;
      res.json({
        error: 'Access Denied',
        error_description: 'You have made too many requests continuously. Please try again after some time.',
      });
      return;
    }
    ctx.stats.tokensIssued++;
    const ttl = ctx.limits.settings.tokenTtlSeconds;
    res.json({
      access_token: ctx.tokens.issue(ttl),
      scope: 'ZohoInventory.FullAccess.all ZohoBooks.fullaccess.all',
      api_domain: `${req.protocol}://${req.get('host')}`,
      token_type: 'Bearer',
      expires_in: ttl,
    });
  });
  return r;
}

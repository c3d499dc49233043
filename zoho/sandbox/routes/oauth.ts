/**
 * Zoho Accounts: the consent page (`GET /oauth/v2/auth`, which approves at once), and the token
 * endpoint's refresh and authorization-code grants. Only the demo OAuth client is known; it accepts
 * its demo refresh token and any refresh token the sandbox issued it.
 */
import express, { Router, type Request, type Response } from 'express';
import { SANDBOX_DEMO } from '../../../config';
import type { SandboxContext } from '../context';
import { OAuthGrants, registeredRedirectUri } from '../oauth-grants';

function param(req: Request, name: string): string {
  const fromBody = (req.body as Record<string, unknown> | undefined)?.[name];
  const v = typeof fromBody === 'string' ? fromBody : req.query[name];
  return typeof v === 'string' ? v : '';
}

/** Zoho shows a page, not a redirect, when the client or the redirect URI is wrong. */
function errorPage(res: Response, title: string, detail: string): void {
  const escape = (s: string) => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
  res
    .status(400)
    .type('html')
    .send(`<!doctype html><title>${escape(title)}</title><h1>${escape(title)}</h1><p>${escape(detail)}</p>`);
}

const KNOWN_SCOPE = /^(ZohoInventory|ZohoBooks)\.[A-Za-z]+\.[A-Za-z]+$/;

export function oauthRouter(ctx: SandboxContext): Router {
  const r = Router();
  const grants = new OAuthGrants(ctx.now);

  r.get('/oauth/v2/auth', (req, res) => {
    const clientId = param(req, 'client_id');
    const redirectUri = param(req, 'redirect_uri');
    if (clientId !== SANDBOX_DEMO.clientId) return errorPage(res, 'Invalid Client', `No OAuth client ${clientId || '(none)'} is registered.`);
    if (!registeredRedirectUri(redirectUri)) {
      return errorPage(res, 'Invalid Redirect Uri', `${redirectUri || '(none)'} is not a redirect URI registered for this client.`);
    }
    const back = new URL(redirectUri);
    const state = param(req, 'state');
    if (state) back.searchParams.set('state', state);
    const scope = param(req, 'scope');
    const scopes = scope.split(/[ ,]+/).filter(Boolean);
    if (param(req, 'response_type') !== 'code') back.searchParams.set('error', 'unsupported_response_type');
    else if (scopes.length === 0 || !scopes.every((s) => KNOWN_SCOPE.test(s))) back.searchParams.set('error', 'invalid_scope');
    else {
      // The consent page approves at once: the sandbox's one user always consents.
      const code = grants.issueCode({ clientId, redirectUri, scope: scopes.join(','), offline: param(req, 'access_type') === 'offline' });
      back.searchParams.set('code', code);
      back.searchParams.set('location', 'us');
      back.searchParams.set('accounts-server', `${req.protocol}://${req.get('host')}`);
    }
    res.redirect(302, back.toString());
  });

  // Revoking a refresh token (an admin disconnects Zoho). The demo token is the sandbox's fixture
  // that the default settings use, so it stays valid; any token the sandbox issued stops working.
  r.post('/oauth/v2/token/revoke', express.urlencoded({ extended: false }), (req, res) => {
    const token = param(req, 'token');
    if (!token) {
      res.status(400).json({ error: 'invalid_request', error_description: 'token is required' });
      return;
    }
    if (token !== SANDBOX_DEMO.refreshToken) grants.revoke(token);
    res.json({ status: 'success' });
  });

  r.post('/oauth/v2/token', express.urlencoded({ extended: false }), (req, res) => {
    ctx.stats.tokenRequests++;
    const grantType = param(req, 'grant_type');
    // Like Zoho: failures are `{error}` in the body with HTTP 200; clients must read the body.
    if (grantType !== 'refresh_token' && grantType !== 'authorization_code') {
      res.json({ error: 'unsupported_grant_type' });
      return;
    }
    const clientId = param(req, 'client_id');
    if (clientId !== SANDBOX_DEMO.clientId || param(req, 'client_secret') !== SANDBOX_DEMO.clientSecret) {
      res.json({ error: 'invalid_client' });
      return;
    }
    const ttl = ctx.limits.settings.tokenTtlSeconds;
    const token = (refreshToken?: string) => ({
      access_token: ctx.tokens.issue(ttl),
      ...(refreshToken ? { refresh_token: refreshToken } : {}),
      scope: 'ZohoInventory.FullAccess.all ZohoBooks.fullaccess.all',
      api_domain: `${req.protocol}://${req.get('host')}`,
      token_type: 'Bearer',
      expires_in: ttl,
    });

    if (grantType === 'authorization_code') {
      const grant = grants.redeem(param(req, 'code'));
      if (!grant || grant.clientId !== clientId) {
        res.json({ error: 'invalid_code' });
        return;
      }
      if (param(req, 'redirect_uri') !== grant.redirectUri) {
        res.json({ error: 'invalid_redirect_uri' });
        return;
      }
      ctx.stats.tokensIssued++;
      // Only offline access comes with a refresh token.
      res.json(token(grant.offline ? grants.refreshTokenFor(clientId) : undefined));
      return;
    }

    const refreshToken = param(req, 'refresh_token');
    if (refreshToken !== SANDBOX_DEMO.refreshToken && !grants.validRefreshToken(clientId, refreshToken)) {
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
    res.json(token());
  });
  return r;
}

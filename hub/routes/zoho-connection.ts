/**
 * The Zoho connection section of the console. Admins change it; support may look (it holds no
 * secrets). The OAuth callback is separate: Zoho's redirect carries no session cookie, so the
 * callback is open and trusts only the signed, single-use state (see zoho-connection-oauth.ts),
 * bound to the admin's browser by a short-lived cookie set when the flow starts.
 */
import { Router, type CookieOptions, type Request } from 'express';
import { actorOf, allow, userOf, type Auth } from '../auth';
import type { ZohoConnectionService } from '../services/zoho-connection-service';
import { STATE_TTL_MS } from '../services/zoho-connection-oauth';
import { AppError } from '../../server/errors';

/** Binds an authorization to the browser that started it (see zoho-connection-oauth.ts). */
export const OAUTH_BROWSER_COOKIE = 'satchel_oauth';

/**
 * HttpOnly; SameSite=Lax because it must come back on Zoho's top-level cross-site redirect (Strict
 * would not); Secure on HTTPS; only for the OAuth paths; gone when the state lapses.
 */
function browserCookieOptions(req: Request, secureCookies: boolean, maxAge?: number): CookieOptions {
  return { httpOnly: true, sameSite: 'lax', secure: req.secure || secureCookies, path: '/api/zoho/oauth', ...(maxAge ? { maxAge } : {}) };
}

/** Where the console shows the outcome of an authorization. */
const CONSOLE_ZOHO_SCREEN = '/console/#/zoho';

export function zohoConnectionRouter(service: ZohoConnectionService, auth: Auth, { secureCookies = false }: { secureCookies?: boolean } = {}): Router {
  const router = Router();
  const admin = allow(auth.audit, 'admin');
  const staff = allow(auth.audit, 'support', 'admin');

  router.get('/zoho/connection', staff, async (_req, res) => {
    res.json({ connection: await service.view() });
  });
  router.put('/zoho/connection', admin, async (req, res) => {
    res.json({ connection: await service.save(req.body, actorOf(req)) });
  });
  router.delete('/zoho/connection', admin, async (req, res) => {
    res.json({ connection: await service.remove(actorOf(req)) });
  });
  router.post('/zoho/connection/test', admin, async (_req, res) => {
    res.json({ organization: await service.test() });
  });
  router.get('/zoho/usage', staff, async (_req, res) => {
    res.json({ usage: await service.budget() });
  });
  router.get('/zoho/oauth/start', admin, async (req, res) => {
    const { url, browserNonce } = await service.startAuthorization(userOf(req));
    res.cookie(OAUTH_BROWSER_COOKIE, browserNonce, browserCookieOptions(req, secureCookies, STATE_TTL_MS));
    res.setHeader('Cache-Control', 'no-store');
    res.redirect(302, url);
  });
  return router;
}

/** GET /api/zoho/oauth/callback: mounted before the sign-in requirement. */
export function zohoOAuthCallbackRouter(service: ZohoConnectionService, { secureCookies = false }: { secureCookies?: boolean } = {}): Router {
  const router = Router();
  router.get('/callback', async (req, res) => {
    // `?code=a&code=b` (or code[x]=...): which one Zoho meant is anyone's guess; a callback carries each once.
    const repeated = Object.entries(req.query).find(([, v]) => typeof v !== 'string');
    if (repeated)
      throw new AppError('invalid', `Refused: the query parameter ${repeated[0].slice(0, 40)} appears more than once`, { code: 'repeated_parameter' });
    const text = (v: unknown) => (typeof v === 'string' ? v : undefined);
    const browserNonce = text((req.cookies as Record<string, unknown> | undefined)?.[OAUTH_BROWSER_COOKIE]);
    const outcome = await service.finishAuthorization(
      { code: text(req.query.code), state: text(req.query.state), error: text(req.query.error), 'accounts-server': text(req.query['accounts-server']) },
      req.ip ?? null,
      browserNonce,
    );
    // Used (or refused) once: the cookie has served its purpose.
    if (browserNonce !== undefined) res.clearCookie(OAUTH_BROWSER_COOKIE, browserCookieOptions(req, secureCookies));
    const result = new URLSearchParams(outcome.ok ? { oauth: 'connected' } : { oauth: 'failed', message: outcome.message });
    res.setHeader('Cache-Control', 'no-store');
    res.redirect(302, `${CONSOLE_ZOHO_SCREEN}?${result.toString()}`);
  });
  return router;
}

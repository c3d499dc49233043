/**
 * The Zoho connection section of the console. Admins change it; support may look (it holds no
 * secrets). The OAuth callback is separate: Zoho's redirect carries no session cookie, so the
 * callback is open and trusts only the signed, single-use state (see zoho-connection-oauth.ts).
 */
import { Router } from 'express';
import { actorOf, allow, userOf, type Auth } from '../auth';
import type { ZohoConnectionService } from '../services/zoho-connection-service';

/** Where the console shows the outcome of an authorization. */
const CONSOLE_ZOHO_SCREEN = '/console/#/zoho';

export function zohoConnectionRouter(service: ZohoConnectionService, auth: Auth): Router {
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
    res.redirect(302, await service.startAuthorization(userOf(req)));
  });
  return router;
}

/** GET /api/zoho/oauth/callback: mounted before the sign-in requirement. */
export function zohoOAuthCallbackRouter(service: ZohoConnectionService): Router {
  const router = Router();
  router.get('/callback', async (req, res) => {
    const text = (v: unknown) => (typeof v === 'string' ? v : undefined);
    const outcome = await service.finishAuthorization(
      { code: text(req.query.code), state: text(req.query.state), error: text(req.query.error), 'accounts-server': text(req.query['accounts-server']) },
      req.ip ?? null,
    );
    const result = new URLSearchParams(outcome.ok ? { oauth: 'connected' } : { oauth: 'failed', message: outcome.message });
    res.setHeader('Cache-Control', 'no-store');
    res.redirect(302, `${CONSOLE_ZOHO_SCREEN}?${result.toString()}`);
  });
  return router;
}

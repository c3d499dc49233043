/**
 * The door to Temporal's Web UI: the proxy (Caddy `forward_auth`) asks here before every request
 * to /temporal/. Workflow histories hold every order's payload, and the UI can signal, cancel and
 * terminate, so only a signed-in support or admin session passes; anyone else is refused (a
 * browser with no session is sent to the console's sign-in). Read-only unless configured: support
 * acts through the console, which is audited; the UI only looks.
 */
import { Router, type Request, type Response } from 'express';
import { allow, authenticate, type Auth } from '../auth';

/** What the proxy calls: GET, with the original request's cookies and X-Forwarded-Method/-Uri. */
export const TEMPORAL_UI_GATE_PATH = '/auth/temporal-ui';

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** A workflow query (the UI's stack trace, pending work) is a POST that changes nothing. */
const QUERY = /^\/[^?]*\/workflows\/[^/?]+\/query\/[^/?]+/;

export function temporalUiGateRouter(auth: Auth, { readOnly }: { readOnly: boolean }): Router {
  const router = Router();
  router.get(TEMPORAL_UI_GATE_PATH, authenticate(auth.sessions), (req, res, next) => {
    if (!req.user) return refuseAnonymous(req, res);
    next();
  });
  router.get(TEMPORAL_UI_GATE_PATH, allow(auth.audit, 'support', 'admin'), (req, res) => {
    const method = (req.get('x-forwarded-method') ?? 'GET').toUpperCase();
    const uri = req.get('x-forwarded-uri') ?? '/';
    if (readOnly && !READS.has(method) && !(method === 'POST' && QUERY.test(uri))) {
      res.status(403).json({ error: { code: 'read_only', message: 'The Temporal UI is read-only here: act on orders in the console.' } });
      return;
    }
    res.setHeader('Cache-Control', 'no-store');
    res.status(204).end();
  });
  return router;
}

function refuseAnonymous(req: Request, res: Response): void {
  res.setHeader('Cache-Control', 'no-store');
  // A person opening the UI gets the sign-in page; the UI's own API calls get a plain 401.
  if ((req.get('x-forwarded-method') ?? 'GET') === 'GET' && req.accepts(['json', 'html']) === 'html') {
    res.redirect(302, '/console/');
    return;
  }
  res.status(401).json({ error: { code: 'signed_out', message: 'Sign in to the console as support or admin to open the Temporal UI.' } });
}

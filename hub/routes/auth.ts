import { Router, type CookieOptions, type Request } from 'express';
import { SESSION_COOKIE, userOf, type Auth } from '../auth';
import { requireSignedIn } from '../auth/middleware';

/** The session cookie: unreadable by scripts, never sent cross-site, Secure whenever we are on HTTPS. */
function cookieOptions(req: Request, secureDefault: boolean, expires?: Date): CookieOptions {
  return { httpOnly: true, sameSite: 'strict', secure: req.secure || secureDefault, path: '/', ...(expires ? { expires } : {}) };
}

export function authRouter(auth: Auth, { secureCookies }: { secureCookies: boolean }): Router {
  const router = Router();

  router.post('/login', async (req, res) => {
    const { user, token, expiresAt } = await auth.signIn(req.body, { address: req.ip ?? 'unknown', userAgent: req.get('user-agent') });
    res.cookie(SESSION_COOKIE, token, cookieOptions(req, secureCookies, expiresAt));
    res.json({ user });
  });

  router.post('/logout', async (req, res) => {
    const token = (req.cookies as Record<string, string> | undefined)?.[SESSION_COOKIE];
    if (token) await auth.sessions.end(token);
    res.clearCookie(SESSION_COOKIE, cookieOptions(req, secureCookies));
    res.status(204).end();
  });

  router.get('/me', requireSignedIn, (req, res) => {
    res.json({ user: userOf(req) });
  });

  return router;
}

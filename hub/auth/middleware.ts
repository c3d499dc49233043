/**
 * Authentication and authorization at the edge of the API:
 * - `csrfGuard`: state-changing requests must carry the X-Requested-With header our client sends
 *   (a cross-site form cannot set it, and CORS is closed so a cross-site script cannot either),
 *   and, when the browser sends an Origin, it must be our own (`null` included: refused).
 * - `authenticate`: the session cookie → `req.user`.
 * - `requireSignedIn`: 401 with a plain reason (the client keeps unsent work and asks to sign in).
 * - `allow(...roles)`: 403 for anyone else, logged in the audit log.
 */
import type { RequestHandler } from 'express';
import type { Role } from '../../domain';
import type { AuditLog } from './audit';
import { actorOf } from './request';
import type { Sessions } from './sessions';
import { publicUser } from './users';
import { AppError } from '../../server/errors';

export const SESSION_COOKIE = 'satchel_session';
export const CSRF_HEADER = 'x-requested-with';
export const CSRF_VALUE = 'satchel';

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export const csrfGuard: RequestHandler = (req, _res, next) => {
  if (!UNSAFE.has(req.method)) return next();
  if (req.get(CSRF_HEADER) !== CSRF_VALUE) {
    return next(new AppError('forbidden', `Refused: state-changing requests must send the header X-Requested-With: ${CSRF_VALUE}`));
  }
  const origin = req.get('origin');
  // `Origin: null` (a sandboxed frame, a data: or file: page, some redirects) names no site we could trust: refused.
  if (origin !== undefined) {
    let host: string | undefined;
    try {
      host = new URL(origin).host;
    } catch {
      host = undefined;
    }
    if (host !== req.get('host')) return next(new AppError('forbidden', 'Refused: cross-site request'));
  }
  next();
};

export function authenticate(sessions: Sessions): RequestHandler {
  return async (req, _res, next) => {
    const token = (req.cookies as Record<string, string> | undefined)?.[SESSION_COOKIE];
    if (!token) return next();
    const check = await sessions.check(token);
    if (check.ok) req.user = publicUser(check.user);
    else req.authProblem = check.reason;
    next();
  };
}

const WHY: Record<NonNullable<Parameters<RequestHandler>[0]['authProblem']>, [string, string]> = {
  missing: ['signed_out', 'Sign in to continue.'],
  unknown: ['signed_out', 'Sign in to continue.'],
  expired: ['session_expired', 'Your sign-in has expired. Sign in again; anything not yet sent stays on this device.'],
  revoked: ['access_revoked', 'You were signed out. Sign in again; anything not yet sent stays on this device.'],
  disabled: ['access_revoked', 'Your access has been withdrawn; ask your admin. Anything not yet sent stays on this device.'],
};

export const requireSignedIn: RequestHandler = (req, _res, next) => {
  if (req.user) return next();
  const [code, message] = WHY[req.authProblem ?? 'missing'];
  next(new AppError('unauthenticated', message, { code }));
};

export function allow(audit: AuditLog, ...roles: Role[]): RequestHandler {
  return async (req, _res, next) => {
    if (!req.user) return requireSignedIn(req, _res, next);
    if (roles.includes(req.user.role)) return next();
    await audit.record(actorOf(req), 'access.denied', `${req.method} ${req.originalUrl}`, { role: req.user.role });
    next(new AppError('forbidden', `Not allowed: this needs the ${roles.join(' or ')} role.`));
  };
}

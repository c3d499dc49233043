/** What authentication adds to a request. */
import type { Request } from 'express';
import type { PublicUser } from '../../domain';
import type { Actor } from './audit';
import { AppError } from '../../server/errors';

declare module 'express-serve-static-core' {
  interface Request {
    /** The signed-in user, set by `authenticate`. */
    user?: PublicUser;
    /** Why there is no user, when a session cookie was sent but refused. */
    authProblem?: 'missing' | 'unknown' | 'expired' | 'revoked' | 'disabled';
  }
}

/** The signed-in user; routes behind `requireSignedIn` always have one. */
export function userOf(req: Request): PublicUser {
  if (!req.user) throw new AppError('unauthenticated', 'Sign in to continue.');
  return req.user;
}

export function actorOf(req: Request): Actor {
  return { id: req.user?.id ?? null, email: req.user?.email ?? null, address: req.ip ?? null };
}

/** Accounts and access, assembled: sessions, sign-in with throttling, users, the audit log. */
import type { Database } from '../../server/db/connect';
import { createAuditLog, type Actor } from './audit';
import { decoyHash, verifyPassword } from './passwords';
import { createSessions } from './sessions';
import { createLoginThrottle, DEFAULT_THROTTLE, type ThrottlePolicy } from './throttle';
import { createUsers, publicUser } from './users';
import type { PublicUser } from '../../domain';
import * as z from 'zod';
import { AppError } from '../../server/errors';
import { fromZodError } from '../../server/errors';

export interface AuthOptions {
  sessionIdleDays: number;
  sessionMaxDays: number;
  throttle?: Partial<Omit<ThrottlePolicy, 'now'>>;
  /** The clock: tests move it to show week-old sessions and expiry. */
  now?: () => Date;
}

const LoginSchema = z.object({ email: z.string().trim().min(1).max(254), password: z.string().min(1).max(200) });
const DAY = 24 * 60 * 60 * 1000;

export function createAuth(db: Database, options: AuthOptions) {
  const now = options.now ?? (() => new Date());
  const sessions = createSessions(db, { idleMs: options.sessionIdleDays * DAY, absoluteMs: options.sessionMaxDays * DAY, now });
  const throttle = createLoginThrottle(db, { ...DEFAULT_THROTTLE, ...options.throttle, now });
  const audit = createAuditLog(db, now);
  const users = createUsers(db, sessions, audit, now);

  /** Sign in. The same answer for an unknown email, a wrong password and a disabled account. */
  async function signIn(input: unknown, from: { address: string; userAgent?: string }): Promise<{ user: PublicUser; token: string; expiresAt: Date }> {
    const parsed = LoginSchema.safeParse(input);
    if (!parsed.success) throw fromZodError(parsed.error, 'sign-in');
    const email = parsed.data.email.toLowerCase();
    const actor: Actor = { id: null, email, address: from.address };

    const wait = await throttle.lockedFor(email, from.address);
    if (wait > 0) {
      await audit.record(actor, 'login.throttled', email);
      throw new AppError('rate_limited', `Too many sign-in attempts. Try again in ${Math.ceil(wait / 60_000)} minute(s).`);
    }
    const user = await db.User.findOne({ where: { email } });
    const valid = await verifyPassword(user?.passwordHash ?? (await decoyHash()), parsed.data.password);
    if (!user || !valid || user.disabledAt) {
      await throttle.recordFailure(email, from.address);
      await audit.record(actor, 'login.failed', email, { reason: !user ? 'unknown account' : !valid ? 'wrong password' : 'disabled' });
      throw new AppError('unauthenticated', 'Email or password is incorrect.', { code: 'bad_credentials' });
    }
    await throttle.recordSuccess(email);
    const { token, expiresAt } = await sessions.open(user, from.userAgent);
    await audit.record({ ...actor, id: user.id }, 'login', email);
    return { user: publicUser(user), token, expiresAt };
  }

  return { sessions, throttle, audit, users, signIn, now };
}

export type Auth = ReturnType<typeof createAuth>;
export { allow, authenticate, csrfGuard, requireSignedIn, SESSION_COOKIE, CSRF_HEADER, CSRF_VALUE } from './middleware';
export { userOf, actorOf } from './request';
export { DEMO_USERS } from './users';

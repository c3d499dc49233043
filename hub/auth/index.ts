/** Accounts and access, assembled: sessions, sign-in with throttling, users, the audit log. */
import type { Database } from '../../server/db/connect';
import type { UserRow } from '../../server/db/models';
import { createAuditLog, type Actor } from './audit';
import { decoyHash, verifyPassword } from './passwords';
import { createSessions } from './sessions';
import { createLoginThrottle, DEFAULT_THROTTLE, type ThrottlePolicy } from './throttle';
import { createHashingGate, DEFAULT_HASHING_GATE, type HashingGatePolicy } from './hashing-gate';
import { createUsers, publicUser } from './users';
import type { PublicUser } from '../../domain';
import * as z from 'zod';
import { AppError } from '../../server/errors';
import { fromZodError } from '../../server/errors';

export interface AuthOptions {
  sessionIdleDays: number;
  sessionMaxDays: number;
  throttle?: Partial<Omit<ThrottlePolicy, 'now'>>;
  /** Password hashes at once in this process, and how many may wait. */
  hashing?: Partial<HashingGatePolicy>;
  /** The clock: tests move it to show week-old sessions and expiry. */
  now?: () => Date;
}

const LoginSchema = z.object({ email: z.string().trim().min(1).max(254), password: z.string().min(1).max(200) });
const DAY = 24 * 60 * 60 * 1000;

export function createAuth(db: Database, options: AuthOptions) {
  const now = options.now ?? (() => new Date());
  const sessions = createSessions(db, { idleMs: options.sessionIdleDays * DAY, absoluteMs: options.sessionMaxDays * DAY, now });
  const throttle = createLoginThrottle(db, { ...DEFAULT_THROTTLE, ...options.throttle, now });
  const hashing = createHashingGate({ ...DEFAULT_HASHING_GATE, ...options.hashing });
  const audit = createAuditLog(db, now);
  const users = createUsers(db, sessions, audit, now);

  /** Sign in. The same answer for an unknown email, a wrong password and a disabled account. */
  async function signIn(input: unknown, from: { address: string; userAgent?: string }): Promise<{ user: PublicUser; token: string; expiresAt: Date }> {
    const parsed = LoginSchema.safeParse(input);
    if (!parsed.success) throw fromZodError(parsed.error, 'sign-in');
    const email = parsed.data.email.toLowerCase();
    const actor: Actor = { id: null, email, address: from.address };

    // At most a few sign-ins are checked at once in this process (the rest wait briefly, or get a
    // 503 without touching the database), and each attempt is reserved before its password is
    // checked, so parallel guesses cannot overrun the limits.
    const user = await hashing.run(async () => {
      const reserved = await throttle.reserve(email, from.address);
      if (!reserved.ok) {
        await audit.record(actor, 'login.throttled', email);
        const minutes = Math.ceil(reserved.retryAfterMs / 60_000);
        throw new AppError('rate_limited', `Too many sign-in attempts. Try again in ${minutes} minute(s).`, {
          retryAfterSeconds: reserved.retryAfterMs / 1000,
        });
      }
      let found: UserRow | null;
      let valid: boolean;
      try {
        found = await db.User.findOne({ where: { email } });
        valid = await verifyPassword(found?.passwordHash ?? (await decoyHash()), parsed.data.password);
      } catch (err) {
        await reserved.reservation.release(); // never checked: the attempt does not count
        throw err;
      }
      if (!found || !valid || found.disabledAt) {
        // The reservation stays: it is the failure counted.
        await audit.record(actor, 'login.failed', email, { reason: !found ? 'unknown account' : !valid ? 'wrong password' : 'disabled' });
        throw new AppError('unauthenticated', 'Email or password is incorrect.', { code: 'bad_credentials' });
      }
      await reserved.reservation.succeeded();
      return found;
    });
    const { token, expiresAt } = await sessions.open(user, from.userAgent);
    await audit.record({ ...actor, id: user.id }, 'login', email);
    return { user: publicUser(user), token, expiresAt };
  }

  return { sessions, throttle, hashing, audit, users, signIn, now };
}

export type Auth = ReturnType<typeof createAuth>;
export { allow, authenticate, csrfGuard, requireSignedIn, SESSION_COOKIE, CSRF_HEADER, CSRF_VALUE } from './middleware';
export { userOf, actorOf } from './request';
export { DEMO_USERS } from './users';

/**
 * Sign-in sessions, kept in the database so any hub can check them and an admin can revoke them.
 *
 * Why sessions and not short-lived tokens: a rep may queue orders for a week without signal, and
 * the device replays them from a service worker that cannot ask the rep for a password. A session
 * that slides forward on use (idle limit SESSION_IDLE_DAYS, hard limit SESSION_MAX_DAYS) keeps that
 * replay valid, while revocation (disable the rep, sign out) takes effect on the very next request,
 * which a self-contained token could not do. The cookie holds a random token; the table holds its
 * sha256, so a leaked table signs nobody in.
 */
import crypto from 'node:crypto';
import type { Database } from '../../server/db/connect';
import type { SessionRow, UserRow } from '../../server/db/models';
import { batched } from '../services/batched';

export interface SessionPolicy {
  idleMs: number;
  absoluteMs: number;
  now: () => Date;
}

export type SessionCheck = { ok: true; user: UserRow; sessionId: string } | { ok: false; reason: 'missing' | 'unknown' | 'expired' | 'revoked' | 'disabled' };

const digest = (token: string) => crypto.createHash('sha256').update(token).digest('hex');
/** Touch last_seen at most this often: a busy device must not turn every request into a write. */
const TOUCH_EVERY_MS = 60 * 60 * 1000;

export function createSessions(db: Database, policy: SessionPolicy) {
  /**
   * Session and user rows, read fresh for every request (a revocation counts at once) but for all
   * requests arriving together in two queries: a thousand devices replaying at once (bench/reconnect-storm.ts).
   */
  const lookUp = batched<string, { session?: SessionRow; user?: UserRow }>(async (jobs) => {
    const sessions = new Map((await db.Session.findAll({ where: { id: [...new Set(jobs.map((j) => j.input))] } })).map((r) => [r.id, r]));
    const userIds = [...new Set([...sessions.values()].map((r) => r.userId))];
    const users = new Map((userIds.length ? await db.User.findAll({ where: { id: userIds } }) : []).map((u) => [u.id, u]));
    for (const job of jobs) {
      const session = sessions.get(job.input);
      job.resolve({ session, user: session && users.get(session.userId) });
    }
  }, 1000);

  return {
    /** A new session for `user`; returns the token for the cookie (shown once, stored hashed). */
    async open(user: UserRow, userAgent: string | undefined): Promise<{ token: string; expiresAt: Date }> {
      const token = crypto.randomBytes(32).toString('base64url');
      const now = policy.now();
      const absolute = new Date(now.getTime() + policy.absoluteMs);
      await db.Session.create({
        id: digest(token),
        userId: user.id,
        userAgent: userAgent?.slice(0, 300) ?? null,
        lastSeenAt: now,
        idleExpiresAt: new Date(now.getTime() + policy.idleMs),
        absoluteExpiresAt: absolute,
        revokedAt: null,
      });
      return { token, expiresAt: absolute };
    },

    /** Who holds this token, if anyone; slides the idle expiry forward. */
    async check(token: string | undefined): Promise<SessionCheck> {
      if (!token || token.length > 200) return { ok: false, reason: 'missing' };
      const { session, user } = await lookUp(digest(token));
      if (!session) return { ok: false, reason: 'unknown' };
      if (session.revokedAt) return { ok: false, reason: 'revoked' };
      const now = policy.now();
      if (session.idleExpiresAt <= now || session.absoluteExpiresAt <= now) return { ok: false, reason: 'expired' };
      if (!user) return { ok: false, reason: 'unknown' };
      if (user.disabledAt) return { ok: false, reason: 'disabled' };
      if (now.getTime() - session.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
        await session.update({ lastSeenAt: now, idleExpiresAt: new Date(now.getTime() + policy.idleMs) });
      }
      return { ok: true, user, sessionId: session.id };
    },

    /**
     * Sign-out: the session is gone, so a copy of the cookie (another tab, a replaying service worker)
     * hears `signed_out`; `revoked` is kept for what an admin ended (disable, role change).
     */
    async end(token: string): Promise<void> {
      await db.Session.destroy({ where: { id: digest(token) } });
    },

    /** Every session of a user (an admin disabled them, or changed their role). */
    async revokeAllOf(userId: string): Promise<number> {
      const [count] = await db.Session.update({ revokedAt: policy.now() }, { where: { userId, revokedAt: null } });
      return count;
    },
  };
}

export type Sessions = ReturnType<typeof createSessions>;

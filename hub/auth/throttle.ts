/**
 * Sign-in throttling, per account and per address, kept in the database so it holds across hubs.
 * After too many failures in a window the key is locked for a while; the answer is the same
 * whether or not the account exists.
 */
import type { Database } from '../../server/db/connect';

export interface ThrottlePolicy {
  windowMs: number;
  lockMs: number;
  maxPerAccount: number;
  maxPerAddress: number;
  now: () => Date;
}

export const DEFAULT_THROTTLE: Omit<ThrottlePolicy, 'now'> = {
  windowMs: 15 * 60_000,
  lockMs: 15 * 60_000,
  maxPerAccount: 5,
  maxPerAddress: 50,
};

export function createLoginThrottle(db: Database, policy: ThrottlePolicy) {
  const keys = (email: string, address: string) => [
    { key: `account:${email.toLowerCase()}`, max: policy.maxPerAccount },
    { key: `address:${address}`, max: policy.maxPerAddress },
  ];

  return {
    /** Milliseconds until sign-in may be tried again for this account or address (0: go ahead). */
    async lockedFor(email: string, address: string): Promise<number> {
      const now = policy.now().getTime();
      let wait = 0;
      for (const { key } of keys(email, address)) {
        const row = await db.LoginFailure.findByPk(key);
        if (row?.lockedUntil && row.lockedUntil.getTime() > now) wait = Math.max(wait, row.lockedUntil.getTime() - now);
      }
      return wait;
    },

    async recordFailure(email: string, address: string): Promise<void> {
      const now = policy.now();
      for (const { key, max } of keys(email, address)) {
        await db.sequelize.transaction(async (transaction) => {
          const row = await db.LoginFailure.findByPk(key, { transaction, lock: true });
          const fresh = !row || now.getTime() - row.windowStartedAt.getTime() > policy.windowMs;
          const count = fresh ? 1 : row.count + 1;
          const lockedUntil = count >= max ? new Date(now.getTime() + policy.lockMs) : null;
          await db.LoginFailure.upsert({ key, count, windowStartedAt: fresh ? now : row.windowStartedAt, lockedUntil }, { transaction });
        });
      }
    },

    /** A successful sign-in clears the account's failures (not the address's). */
    async recordSuccess(email: string): Promise<void> {
      await db.LoginFailure.destroy({ where: { key: `account:${email.toLowerCase()}` } });
    },
  };
}

export type LoginThrottle = ReturnType<typeof createLoginThrottle>;

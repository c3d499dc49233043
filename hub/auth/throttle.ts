/**
 * Sign-in throttling, kept in the database so it holds across hubs, and reserved before any
 * password is checked so it holds when guesses arrive in parallel: each attempt takes a slot in
 * its counters with one conditional UPDATE (`count < max`), which PostgreSQL and SQLite both apply
 * atomically; only an attempt that got every slot is verified. (Before, the check read the failure
 * count, verified, then recorded: 200 parallel guesses got 190 password checks.)
 *
 * Counters: per address, per account (or, from an address where the account's owner signed in
 * before, per account at that address, so a stranger elsewhere cannot lock the owner out), and
 * one for the whole installation per minute. The answer is the same whether or not the account
 * exists.
 */
import crypto from 'node:crypto';
import { Op, QueryTypes, literal } from 'sequelize';
import type { Database } from '../../server/db/connect';

export interface ThrottlePolicy {
  /** The per-account and per-address window. */
  windowMs: number;
  maxPerAccount: number;
  maxPerAddress: number;
  /** Sign-in attempts per minute for the whole installation (every hub together). */
  maxPerMinute: number;
  now: () => Date;
}

export const DEFAULT_THROTTLE: Omit<ThrottlePolicy, 'now'> = {
  windowMs: 15 * 60_000,
  maxPerAccount: 5,
  maxPerAddress: 50,
  maxPerMinute: 600,
};

const MINUTE = 60_000;

interface Bucket {
  key: string;
  max: number;
  windowMs: number;
}

/** Slots an attempt holds; give them back when it turns out not to count (success, or never verified). */
export interface Reservation {
  /** The password was right: clear the account's counters, give the address its slot back, remember the address. */
  succeeded(): Promise<void>;
  /** The password was never checked (the hashing queue was full): give every slot back. */
  release(): Promise<void>;
}

export type ReserveResult = { ok: true; reservation: Reservation } | { ok: false; retryAfterMs: number };

export function createLoginThrottle(db: Database, policy: ThrottlePolicy) {
  const knownKey = (email: string, address: string) => crypto.createHash('sha256').update(`${email} ${address}`).digest('hex');

  /** Takes one slot in the bucket if there is one left in its window (a window that has run out starts again). */
  async function take(b: Bucket, now: number): Promise<boolean> {
    const cutoff = now - b.windowMs;
    const update = () =>
      db.SignInBucket.update(
        {
          // Both evaluated on the row as it was: a lapsed window starts again at 1.
          count: literal(`CASE WHEN window_started_ms <= ${cutoff} THEN 1 ELSE count + 1 END`),
          windowStartedMs: literal(`CASE WHEN window_started_ms <= ${cutoff} THEN ${now} ELSE window_started_ms END`),
        } as never,
        { where: { key: b.key, [Op.or]: [{ windowStartedMs: { [Op.lte]: cutoff } }, { count: { [Op.lt]: b.max } }] } },
      );
    const [taken] = await update();
    if (taken === 1) return true;
    // No row yet: the first attempt creates it holding its slot (a row already there, full, stays as it is).
    const [, inserted] = await db.sequelize.query(
      'INSERT INTO sign_in_buckets ("key", "count", window_started_ms) VALUES (?, 1, ?) ON CONFLICT ("key") DO NOTHING',
      {
        replacements: [b.key, now],
        type: QueryTypes.INSERT,
      },
    );
    if (inserted === 1) return true;
    // Created by a parallel attempt between the two statements: one more try.
    const [second] = await update();
    return second === 1;
  }

  async function giveBack(key: string): Promise<void> {
    await db.SignInBucket.update({ count: literal('count - 1') } as never, { where: { key, count: { [Op.gt]: 0 } } });
  }

  async function waitFor(b: Bucket, now: number): Promise<number> {
    const row = await db.SignInBucket.findByPk(b.key);
    return row ? Math.max(1000, row.windowStartedMs + b.windowMs - now) : 1000;
  }

  return {
    /**
     * Reserve this attempt before the password is checked. Refused when the address, the account
     * (or the account at this known address) or the installation has no slot left.
     */
    async reserve(rawEmail: string, address: string): Promise<ReserveResult> {
      const email = rawEmail.toLowerCase();
      const now = policy.now().getTime();
      const known = await db.SignInKnownAddress.findByPk(knownKey(email, address));
      const buckets: Bucket[] = [
        { key: `address:${address}`, max: policy.maxPerAddress, windowMs: policy.windowMs },
        known
          ? { key: `known:${knownKey(email, address)}`, max: policy.maxPerAccount, windowMs: policy.windowMs }
          : { key: `account:${email}`, max: policy.maxPerAccount, windowMs: policy.windowMs },
        { key: 'global', max: policy.maxPerMinute, windowMs: MINUTE },
      ];
      const taken: Bucket[] = [];
      for (const b of buckets) {
        if (await take(b, now)) {
          taken.push(b);
          continue;
        }
        // The address's slot stays used (the attempt was made); the account's and the
        // installation's go back, as no password will be checked for them.
        for (const t of taken.slice(1)) await giveBack(t.key);
        return { ok: false, retryAfterMs: await waitFor(b, now) };
      }
      const [addressBucket, accountBucket] = buckets as [Bucket, Bucket, Bucket];
      return {
        ok: true,
        reservation: {
          async succeeded() {
            await db.SignInBucket.destroy({ where: { key: [`account:${email}`, accountBucket.key] } });
            await giveBack(addressBucket.key);
            await db.SignInKnownAddress.upsert({ key: knownKey(email, address), lastSuccessMs: policy.now().getTime() });
          },
          async release() {
            for (const t of taken) await giveBack(t.key);
          },
        },
      };
    },
  };
}

export type LoginThrottle = ReturnType<typeof createLoginThrottle>;

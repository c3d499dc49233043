/**
 * At most N sign-ins checked at once in this process (each: its throttle reservation, one argon2
 * verification, its audit row); a few more wait in a short queue and the rest are refused at once
 * with a 503 and Retry-After, before they touch the database. argon2 runs on libuv's four threads,
 * which the sqlite3 driver also needs, and SQLite has one connection: 300 sign-ins at once held
 * both, so other users' requests waited seconds (GET /api/auth/me: 7 ms → 4.1 s) and writes hit
 * SQLITE_BUSY.
 */
import { AppError } from '../../server/errors';

export interface HashingGatePolicy {
  /** Sign-ins (password hashes) being checked at once. */
  maxConcurrent: number;
  /** Sign-ins waiting for a turn; one more is refused. */
  maxQueued: number;
  /** How long one may wait for its turn before it is refused. */
  maxWaitMs: number;
}

export const DEFAULT_HASHING_GATE: HashingGatePolicy = { maxConcurrent: 2, maxQueued: 16, maxWaitMs: 2000 };

export function createHashingGate(policy: HashingGatePolicy) {
  let running = 0;
  const waiting: Array<{ start: () => void; timer: NodeJS.Timeout }> = [];
  const busy = () => new AppError('unavailable', 'Too many sign-ins at this moment; try again in a second.', { code: 'sign_in_busy' });

  function next(): void {
    running--;
    const w = waiting.shift();
    if (w) {
      clearTimeout(w.timer);
      running++;
      w.start();
    }
  }

  return {
    /** Every slot taken and the queue full: a new sign-in would be refused (the hub then refuses it before reading its body). */
    full: () => running >= policy.maxConcurrent && waiting.length >= policy.maxQueued,
    busy,
    /** Runs `hash` when a slot is free; refuses (AppError `unavailable`) when the queue is full or the wait too long. */
    async run<T>(hash: () => Promise<T>): Promise<T> {
      if (running >= policy.maxConcurrent) {
        if (waiting.length >= policy.maxQueued) throw busy();
        await new Promise<void>((resolve, reject) => {
          const entry = {
            start: resolve,
            timer: setTimeout(() => {
              waiting.splice(waiting.indexOf(entry), 1);
              reject(busy());
            }, policy.maxWaitMs),
          };
          waiting.push(entry);
        });
      } else running++;
      try {
        return await hash();
      } finally {
        next();
      }
    },
    /** Hashes running and waiting now. */
    stats: () => ({ running, waiting: waiting.length }),
  };
}

export type HashingGate = ReturnType<typeof createHashingGate>;

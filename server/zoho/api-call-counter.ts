/**
 * Counts Zoho API calls per minute in the database, so the console can show the budget used this
 * minute and today across every hub and worker process. Calls are counted in memory and written
 * once a second: a burst costs one upsert, and a failed write is kept for the next one.
 */
import type { Database } from '../db/connect';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
/** Buckets older than this are deleted (the console shows today and the last hour). */
const KEEP_MS = 8 * DAY;

export interface ApiUsage {
  thisMinute: number;
  /** Since 00:00 UTC. */
  today: number;
  /** The last 60 minutes, oldest first, minutes without calls left out. */
  lastHour: Array<{ minute: string; calls: number }>;
}

export function createApiCallCounter(db: Database, { flushMs = 1000, now = Date.now }: { flushMs?: number; now?: () => number } = {}) {
  const pending = new Map<number, number>();
  let timer: NodeJS.Timeout | undefined;
  let flushing: Promise<void> | undefined;
  let lastPrune = 0;

  async function write(): Promise<void> {
    const batch = [...pending.entries()];
    pending.clear();
    for (const [index, [minute, calls]] of batch.entries()) {
      try {
        await db.sequelize.query(
          'INSERT INTO zoho_api_calls (minute, calls) VALUES (:minute, :calls) ON CONFLICT (minute) DO UPDATE SET calls = zoho_api_calls.calls + excluded.calls',
          { replacements: { minute, calls } },
        );
      } catch {
        // Not counted yet: keep it (and the rest of the batch) for the next flush.
        for (const [m, c] of batch.slice(index)) pending.set(m, (pending.get(m) ?? 0) + c);
        return;
      }
    }
    if (now() - lastPrune > 60 * MINUTE) {
      lastPrune = now();
      await db.sequelize
        .query('DELETE FROM zoho_api_calls WHERE minute < :oldest', { replacements: { oldest: Math.floor((now() - KEEP_MS) / MINUTE) } })
        .catch(() => undefined);
    }
  }

  async function flush(): Promise<void> {
    if (timer) clearTimeout(timer);
    timer = undefined;
    while (flushing) await flushing;
    if (pending.size === 0) return;
    flushing = write().finally(() => {
      flushing = undefined;
    });
    await flushing;
  }

  return {
    /** One API call went out now (the connector's onCall hook). Never throws. */
    record(): void {
      const minute = Math.floor(now() / MINUTE);
      pending.set(minute, (pending.get(minute) ?? 0) + 1);
      timer ??= setTimeout(() => void flush(), flushMs).unref();
    },

    flush,

    async usage(): Promise<ApiUsage> {
      await flush();
      const current = Math.floor(now() / MINUTE);
      const dayStart = Math.floor((Math.floor(now() / DAY) * DAY) / MINUTE);
      const [rows] = await db.sequelize.query('SELECT minute, calls FROM zoho_api_calls WHERE minute >= :from ORDER BY minute', {
        replacements: { from: Math.min(dayStart, current - 59) },
      });
      const buckets = (rows as Array<{ minute: number | string; calls: number | string }>).map((r) => ({ minute: Number(r.minute), calls: Number(r.calls) }));
      return {
        thisMinute: buckets.find((b) => b.minute === current)?.calls ?? 0,
        today: buckets.filter((b) => b.minute >= dayStart).reduce((sum, b) => sum + b.calls, 0),
        lastHour: buckets.filter((b) => b.minute > current - 60).map((b) => ({ minute: new Date(b.minute * MINUTE).toISOString(), calls: b.calls })),
      };
    },
  };
}

export type ApiCallCounter = ReturnType<typeof createApiCallCounter>;

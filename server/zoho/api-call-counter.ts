/**
 * Counts Zoho API calls per minute in the database, so the console can show the budget used this
 * minute and today across every hub and worker process. Calls are counted in memory and written
 * once a second: a burst costs one upsert, and a failed write is kept for the next one.
 */
import type { RateReading } from '../../zoho/connector';
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
  /** The day's quota as Zoho last reported it in its rate headers (absent: not reported, or its window has reset). */
  zohoDaily?: { limit: number; remaining: number; resetsAt?: string; seenAt: string };
}

export function createApiCallCounter(db: Database, { flushMs = 1000, now = Date.now }: { flushMs?: number; now?: () => number } = {}) {
  const pending = new Map<number, number>();
  /** The newest daily reading not yet written (older ones are superseded, not queued). */
  let pendingQuota: (RateReading & { seenAt: number }) | undefined;
  let timer: NodeJS.Timeout | undefined;
  let flushing: Promise<void> | undefined;
  let lastPrune = 0;
  const readQuota = () => readQuotaRow(db, now());

  async function writeQuota(): Promise<void> {
    const q = pendingQuota;
    if (!q) return;
    pendingQuota = undefined;
    try {
      await db.sequelize.query(
        `INSERT INTO zoho_quota_readings (quota_window, quota_limit, remaining, resets_at_ms, seen_at_ms) VALUES ('day', :limit, :remaining, :resetsAt, :seenAt)
         ON CONFLICT (quota_window) DO UPDATE SET quota_limit = excluded.quota_limit, remaining = excluded.remaining, resets_at_ms = excluded.resets_at_ms, seen_at_ms = excluded.seen_at_ms
         WHERE zoho_quota_readings.seen_at_ms <= excluded.seen_at_ms`,
        { replacements: { limit: q.limit, remaining: q.remaining, resetsAt: q.resetsAt ?? null, seenAt: q.seenAt } },
      );
    } catch {
      pendingQuota ??= q; // kept for the next flush unless a newer one came
    }
  }

  async function write(): Promise<void> {
    await writeQuota();
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
    if (pending.size === 0 && !pendingQuota) return;
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

    /** What an answer's rate headers said (the connector's onRateReading hook): only the day's quota is kept. Never throws. */
    recordReading(reading: RateReading): void {
      if (reading.window !== 'day') return;
      pendingQuota = { ...reading, seenAt: now() };
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
      const zohoDaily = await readQuota();
      return {
        ...(zohoDaily ? { zohoDaily } : {}),
        thisMinute: buckets.find((b) => b.minute === current)?.calls ?? 0,
        today: buckets.filter((b) => b.minute >= dayStart).reduce((sum, b) => sum + b.calls, 0),
        lastHour: buckets.filter((b) => b.minute > current - 60).map((b) => ({ minute: new Date(b.minute * MINUTE).toISOString(), calls: b.calls })),
      };
    },
  };
}

/** The stored daily reading, while it describes the current window (after its reset it says nothing). */
async function readQuotaRow(db: Database, now: number): Promise<ApiUsage['zohoDaily']> {
  const [rows] = await db.sequelize.query("SELECT quota_limit, remaining, resets_at_ms, seen_at_ms FROM zoho_quota_readings WHERE quota_window = 'day'");
  const r = (rows as Array<{ quota_limit: number | string; remaining: number | string; resets_at_ms: number | string | null; seen_at_ms: number | string }>)[0];
  if (!r) return undefined;
  const resetsAt = r.resets_at_ms === null ? undefined : Number(r.resets_at_ms);
  const seenAt = Number(r.seen_at_ms);
  if (resetsAt !== undefined ? resetsAt <= now : now - seenAt > DAY) return undefined;
  return {
    limit: Number(r.quota_limit),
    remaining: Number(r.remaining),
    ...(resetsAt !== undefined ? { resetsAt: new Date(resetsAt).toISOString() } : {}),
    seenAt: new Date(seenAt).toISOString(),
  };
}

export type ApiCallCounter = ReturnType<typeof createApiCallCounter>;

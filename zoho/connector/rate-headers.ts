/**
 * What Zoho's X-Rate-Limit-* headers say, read by their numbers: they are undocumented and have
 * been seen carrying the DAILY quota (Limit 7500, Remaining 6775, Reset 34881 s to the daily
 * reset; shared/zoho-api.md §6). A reset further than a minute away, or a limit no per-minute
 * window has, is the day's quota; the console shows it beside our own count.
 */
export interface RateReading {
  window: 'minute' | 'day';
  limit: number;
  remaining: number;
  /** Epoch ms when the window resets, when the headers said. */
  resetsAt?: number;
}

/** Zoho's per-minute windows allow 100 calls (fewer on some plans); a larger limit is a day's. */
const MAX_PER_MINUTE_LIMIT = 1000;
const MINUTE_MS = 60_000;

export function readRateHeaders(headers: Headers, now: number): RateReading | undefined {
  const limit = Number(headers.get('x-rate-limit-limit') ?? NaN);
  const remaining = Number(headers.get('x-rate-limit-remaining') ?? NaN);
  if (!Number.isFinite(limit) || !Number.isFinite(remaining) || limit <= 0 || remaining < 0) return undefined;
  const resetMs = resetHeaderMs(headers, now);
  const window = (resetMs !== undefined && resetMs > MINUTE_MS) || limit > MAX_PER_MINUTE_LIMIT ? 'day' : 'minute';
  return { window, limit, remaining: Math.min(remaining, limit), ...(resetMs !== undefined ? { resetsAt: now + resetMs } : {}) };
}

/** X-Rate-Limit-Reset as milliseconds from now, read as epoch ms, epoch seconds or seconds-from-now by magnitude. */
export function resetHeaderMs(headers: Headers, now: number): number | undefined {
  const raw = headers.get('x-rate-limit-reset');
  const header = Number(raw);
  if (raw === null || raw.trim() === '' || !Number.isFinite(header) || header < 0) return undefined;
  if (header > 1e12) return Math.max(0, header - now);
  if (header > 1e9) return Math.max(0, header * 1000 - now);
  return header * 1000;
}

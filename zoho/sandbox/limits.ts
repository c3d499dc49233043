/**
 * Zoho's limits, per organization: a fixed per-minute window aligned to the clock, a daily quota,
 * in-flight concurrency, and the OAuth throttle per refresh token. Window lengths are options so that
 * tests and benchmarks can compress a minute into a second.
 */
import { CODES } from './errors';

export interface LimitSettings {
  perWindow: number;
  windowMs: number;
  perDay: number;
  dayMs: number;
  concurrency: number;
  /** OAuth throttle: token requests per refresh token per tokenWindowMs. */
  tokenRequests: number;
  tokenWindowMs: number;
  /** Access token lifetime in seconds (Zoho: 3600). */
  tokenTtlSeconds: number;
  /**
   * What the X-Rate-Limit-* headers describe: the minute window, or (as Zoho has been seen to
   * send, even on a per-minute refusal) the daily quota. Both readings, so clients are tested on both.
   */
  rateHeaders: 'minute' | 'day';
}

export const DEFAULT_LIMITS: LimitSettings = {
  perWindow: 100,
  windowMs: 60_000,
  perDay: 10_000,
  dayMs: 86_400_000,
  concurrency: 10,
  tokenRequests: 10,
  tokenWindowMs: 600_000,
  tokenTtlSeconds: 3600,
  rateHeaders: 'minute',
};

export interface Refusal {
  status: 429;
  code: number;
  message: string;
  headers: Record<string, string>;
}

interface OrgCounters {
  windowStart: number;
  inWindow: number;
  dayStart: number;
  inDay: number;
  inFlight: number;
}

export class Limits {
  settings: LimitSettings;
  private readonly orgs = new Map<string, OrgCounters>();
  private readonly tokenLog = new Map<string, { times: number[]; blockedUntil: number }>();
  /** Accepted calls per past window, per organization (bounded): what a benchmark measures against. */
  private readonly history = new Map<string, Array<{ start: number; count: number }>>();

  constructor(
    settings: Partial<LimitSettings> = {},
    private readonly now: () => number = Date.now,
  ) {
    this.settings = { ...DEFAULT_LIMITS, ...settings };
  }

  configure(settings: Partial<LimitSettings>): void {
    this.settings = { ...this.settings, ...settings };
  }

  reset(): void {
    this.orgs.clear();
    this.tokenLog.clear();
    this.history.clear();
  }

  /** Accepted calls in each window that had any, oldest first (the current window included). */
  windows(org: string): Array<{ start: number; count: number }> {
    const c = this.orgs.get(org);
    const past = this.history.get(org) ?? [];
    return c && c.inWindow > 0 ? [...past, { start: c.windowStart, count: c.inWindow }] : [...past];
  }

  private counters(org: string, now: number): OrgCounters {
    const s = this.settings;
    let c = this.orgs.get(org);
    if (!c) {
      c = { windowStart: 0, inWindow: 0, dayStart: 0, inDay: 0, inFlight: 0 };
      this.orgs.set(org, c);
    }
    const windowStart = now - (now % s.windowMs);
    if (c.windowStart !== windowStart) {
      if (c.inWindow > 0) {
        const h = this.history.get(org) ?? [];
        h.push({ start: c.windowStart, count: c.inWindow });
        if (h.length > 10_000) h.shift();
        this.history.set(org, h);
      }
      c.windowStart = windowStart;
      c.inWindow = 0;
    }
    const dayStart = now - (now % s.dayMs);
    if (c.dayStart !== dayStart) {
      c.dayStart = dayStart;
      c.inDay = 0;
    }
    return c;
  }

  /**
   * Admit one API call, or say why not. On admission the call counts against the window and the
   * day and holds a concurrency slot until `leave` is called. Refused calls do not count.
   */
  enter(org: string): { ok: true; headers: Record<string, string>; leave: () => void } | ({ ok: false } & Refusal) {
    const s = this.settings;
    const now = this.now();
    const c = this.counters(org, now);
    const resetSec = (until: number) => String(Math.max(0, until - now) / 1000);
    const headers = (remaining: number) =>
      s.rateHeaders === 'day'
        ? {
            'X-Rate-Limit-Limit': String(s.perDay),
            'X-Rate-Limit-Remaining': String(Math.max(0, s.perDay - c.inDay)),
            'X-Rate-Limit-Reset': resetSec(c.dayStart + s.dayMs),
          }
        : {
            'X-Rate-Limit-Limit': String(s.perWindow),
            'X-Rate-Limit-Remaining': String(Math.max(0, remaining)),
            'X-Rate-Limit-Reset': resetSec(c.windowStart + s.windowMs),
          };
    if (c.inDay >= s.perDay) {
      return {
        ok: false,
        status: 429,
        code: CODES.daily,
        message: 'You have reached the maximum number of API calls allowed for your organization per day. Please try again tomorrow.',
        headers: { ...headers(s.perWindow - c.inWindow), 'X-Rate-Limit-Reset': resetSec(c.dayStart + s.dayMs) },
      };
    }
    if (c.inWindow >= s.perWindow) {
      return {
        ok: false,
        status: 429,
        code: CODES.perMinute,
        message:
          'For security reasons your organization has been blocked as it have exceeded the maximum number of requests per minute that can originate from an organization.',
        headers: headers(0),
      };
    }
    if (c.inFlight >= s.concurrency) {
      // No window to wait for: the reset header would mislead.
      return { ok: false, status: 429, code: CODES.concurrency, message: 'You have reached the maximum number of in process requests allowed.', headers: {} };
    }
    c.inWindow++;
    c.inDay++;
    c.inFlight++;
    let left = false;
    return {
      ok: true,
      headers: headers(s.perWindow - c.inWindow),
      leave: () => {
        if (left) return;
        left = true;
        c.inFlight--;
      },
    };
  }

  /**
   * One token request for `refreshToken`: false when throttled. Past the limit, token creation is
   * blocked for the rest of the window, and every attempt while blocked extends the block (as Zoho does).
   */
  admitTokenRequest(refreshToken: string): boolean {
    const s = this.settings;
    const now = this.now();
    let t = this.tokenLog.get(refreshToken);
    if (!t) {
      t = { times: [], blockedUntil: 0 };
      this.tokenLog.set(refreshToken, t);
    }
    t.times = t.times.filter((x) => x > now - s.tokenWindowMs);
    if (t.blockedUntil > now) {
      t.blockedUntil = now + s.tokenWindowMs;
      return false;
    }
    if (t.times.length >= s.tokenRequests) {
      t.blockedUntil = t.times[0]! + s.tokenWindowMs;
      return false;
    }
    t.times.push(now);
    return true;
  }

  /** Use up the rest of today's quota (tests: "the daily limit is exhausted" without making 10 000 calls). */
  exhaustDay(org: string): { resetsAt: number } {
    const now = this.now();
    const c = this.counters(org, now);
    c.inDay = this.settings.perDay;
    return { resetsAt: c.dayStart + this.settings.dayMs };
  }

  /** For the state endpoint. */
  describe(org: string) {
    const c = this.counters(org, this.now());
    return { settings: this.settings, window: { used: c.inWindow }, day: { used: c.inDay }, inFlight: c.inFlight };
  }
}

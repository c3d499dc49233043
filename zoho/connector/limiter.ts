/**
 * Client-side throughput control, so that the connector stays under Zoho's per-organization limits
 * instead of discovering them through 429s. The client awaits `acquire()` before every API call.
 */
import { ZohoRateLimitError } from './errors';

export type Release = () => void;

export interface RateLimiter {
  /**
   * Resolves when a call may start; call the returned function when the call has finished. May
   * reject with a ZohoRateLimitError instead of waiting a long time (e.g. the daily quota is gone).
   */
  acquire(): Promise<Release>;
  /** Zoho answered 429 anyway (another process, another integration): hold calls back until it resets. */
  onRateLimited?(err: ZohoRateLimitError): void;
}

export interface InProcessRateLimiterOptions {
  /** Calls allowed per window (Zoho: 100 per minute). */
  perWindow?: number;
  /** Window length in ms (Zoho: 60 000; compressed in tests and benchmarks). */
  windowMs?: number;
  /** Calls in flight at once (Zoho: 10 on paid plans, 5 on Free). */
  concurrency?: number;
  /**
   * Extra time a call's slot stays taken after its window, to absorb the delay between leaving here
   * and arriving at Zoho. Default: 2% of the window, at most 1 s.
   */
  slackMs?: number;
  /**
   * After a 429 from Zoho, wait at most this long for its window to reset; past that, calls fail at
   * once with the ZohoRateLimitError (so an activity is retried later instead of holding a slot for
   * minutes or until tomorrow). Default 5 s.
   */
  maxPauseWaitMs?: number;
  now?: () => number;
}

/**
 * A token bucket whose tokens come back exactly one window after they were spent (a sliding-window
 * log). A classic refill-at-a-rate bucket can let up to twice the limit into one of Zoho's fixed
 * minute windows; this one never lets more than `perWindow` calls start in ANY window-long interval,
 * so it also holds for Zoho's windows whatever their alignment. A semaphore bounds concurrency.
 */
export class InProcessRateLimiter implements RateLimiter {
  readonly perWindow: number;
  readonly windowMs: number;
  readonly concurrency: number;
  private readonly slackMs: number;
  private readonly now: () => number;
  private readonly starts: number[] = []; // start times of the last `perWindow` calls, oldest first
  private inFlight = 0;
  private pausedUntil = 0;
  private pauseCause: ZohoRateLimitError | undefined;
  private readonly maxPauseWaitMs: number;
  private readonly waiters: Array<() => void> = [];
  private timer: NodeJS.Timeout | undefined;

  constructor(options: InProcessRateLimiterOptions = {}) {
    this.perWindow = options.perWindow ?? 100;
    this.windowMs = options.windowMs ?? 60_000;
    this.concurrency = options.concurrency ?? 10;
    this.slackMs = options.slackMs ?? Math.min(1000, Math.round(this.windowMs * 0.02));
    this.now = options.now ?? Date.now;
    this.maxPauseWaitMs = options.maxPauseWaitMs ?? 5000;
    if (this.perWindow < 1 || this.concurrency < 1 || this.windowMs < 1) throw new RangeError('limiter limits must be positive');
  }

  acquire(): Promise<Release> {
    const paused = this.pausedUntil - this.now();
    if (paused > this.maxPauseWaitMs && this.pauseCause) {
      const c = this.pauseCause;
      return Promise.reject(new ZohoRateLimitError(c.message, { kind: c.kind, code: c.code, httpStatus: c.httpStatus, retryAfterMs: paused }));
    }
    return new Promise((resolve) => {
      this.waiters.push(() => resolve(this.releaser()));
      this.pump();
    });
  }

  onRateLimited(err: ZohoRateLimitError): void {
    if (err.kind === 'token') return; // the accounts server, not the API budget
    const until = this.now() + err.retryAfterMs;
    if (until > this.pausedUntil) {
      this.pausedUntil = until;
      this.pauseCause = err;
    }
    this.pump();
  }

  /** Calls waiting for a slot (for metrics and tests). */
  get queued(): number {
    return this.waiters.length;
  }

  private releaser(): Release {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.inFlight--;
      this.pump();
    };
  }

  /** Start as many waiters as the three constraints allow; otherwise wake up when the next one frees. */
  private pump(): void {
    while (this.waiters.length > 0) {
      const now = this.now();
      if (this.inFlight >= this.concurrency) return; // a release will pump again
      const wait = this.waitMs(now);
      if (wait > 0) {
        this.schedule(wait);
        return;
      }
      this.starts.push(now);
      if (this.starts.length > this.perWindow) this.starts.shift();
      this.inFlight++;
      this.waiters.shift()!();
    }
  }

  private waitMs(now: number): number {
    let wait = Math.max(0, this.pausedUntil - now);
    if (this.starts.length >= this.perWindow) {
      const oldest = this.starts[this.starts.length - this.perWindow]!;
      wait = Math.max(wait, oldest + this.windowMs + this.slackMs - now);
    }
    return wait;
  }

  private schedule(ms: number): void {
    if (this.timer) return;
    this.timer = setTimeout(
      () => {
        this.timer = undefined;
        this.pump();
      },
      Math.max(1, Math.ceil(ms)),
    );
  }
}

/** No limits: for one-off calls such as a connection test. */
export const unlimited: RateLimiter = { acquire: async () => () => undefined };

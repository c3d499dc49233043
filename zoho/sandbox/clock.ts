/**
 * The sandbox's clock: real time plus an offset that tests move forward, so that "ten minutes of
 * outage" or "the next day" take a call instead of the wait. Every window, token and outage in the
 * sandbox reads this clock, so moving it is what the passing of time would have done.
 */
export class SandboxClock {
  private offsetMs = 0;

  constructor(private readonly base: () => number = Date.now) {}

  /** Milliseconds since the epoch, as the sandbox sees them. */
  readonly now = (): number => this.base() + this.offsetMs;

  /** Jump forward (never back: Zoho's windows only move on). */
  advance(ms: number): number {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError('the clock only moves forward by a finite number of ms');
    this.offsetMs += ms;
    return this.now();
  }

  /** How far the clock has been moved ahead of real time. */
  get skewMs(): number {
    return this.offsetMs;
  }
}

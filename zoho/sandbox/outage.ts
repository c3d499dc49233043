/**
 * Zoho being down: for a while every API call (and token request) fails the way Zoho's outages
 * look from outside — the front end answers HTTP 500 with code 1000 "Internal Error", or the
 * connection is reset before any answer. Timed on the sandbox's clock, so a test can let ten
 * minutes pass by moving the clock instead of waiting.
 */
export type OutageMode = '5xx' | 'reset' | 'mixed';

export interface OutageSettings {
  /** How long Zoho stays down, on the sandbox's clock. */
  durationMs: number;
  /** `5xx`: HTTP 500 code 1000; `reset`: the socket is destroyed; `mixed`: alternately (default `5xx`). */
  mode?: OutageMode;
}

export class Outage {
  private until = 0;
  private mode: OutageMode = '5xx';
  private turn = 0;
  /** Calls refused by the outage, by how (for tests and the state endpoint). */
  readonly served = { errors5xx: 0, resets: 0 };

  constructor(private readonly now: () => number) {}

  start(settings: OutageSettings): { until: number; mode: OutageMode } {
    if (!Number.isFinite(settings.durationMs) || settings.durationMs <= 0) throw new RangeError('durationMs must be a positive number');
    if (settings.mode !== undefined && !['5xx', 'reset', 'mixed'].includes(settings.mode)) throw new RangeError('mode must be 5xx, reset or mixed');
    this.until = this.now() + settings.durationMs;
    this.mode = settings.mode ?? '5xx';
    return { until: this.until, mode: this.mode };
  }

  end(): void {
    this.until = 0;
  }

  get active(): boolean {
    return this.now() < this.until;
  }

  /** How this call fails, or undefined when Zoho is up. Counts what it decides. */
  failure(): 'reset' | '5xx' | undefined {
    if (!this.active) return undefined;
    const how = this.mode === 'mixed' ? (this.turn++ % 2 === 0 ? 'reset' : '5xx') : this.mode;
    if (how === 'reset') this.served.resets++;
    else this.served.errors5xx++;
    return how;
  }

  describe() {
    return { active: this.active, until: this.active ? new Date(this.until).toISOString() : null, mode: this.mode, served: { ...this.served } };
  }

  reset(): void {
    this.end();
    this.served.errors5xx = this.served.resets = 0;
  }
}

/**
 * Fault injection, per test: added latency, 5xx bursts, connection resets, and "commit then drop"
 * (the document is created but the socket dies before the answer), the case idempotency is for.
 */
export interface FaultSettings {
  /** Every matching API call waits this long before it is handled. */
  latencyMs?: number;
  /** The next N matching calls answer 5xx (code 1000) without doing anything. */
  errors5xx?: number;
  /** Status for errors5xx (default 500). */
  status5xx?: number;
  /** The next N matching calls have their connection destroyed before anything is done. */
  resets?: number;
  /** The next N matching creates are committed, then the connection is destroyed instead of answering. */
  commitThenDrop?: number;
  /** Regular expression on "METHOD /path" (e.g. "^POST /inventory/v1/salesorders$"); default: every API call. */
  match?: string;
  /** Apply to the OAuth endpoint too (default: API calls only). */
  includeOAuth?: boolean;
}

type Counted = 'errors5xx' | 'resets' | 'commitThenDrop';

export class Faults {
  private s: FaultSettings = {};
  /** How many of each fault actually fired (for tests and the state endpoint). */
  readonly fired: Record<Counted, number> = { errors5xx: 0, resets: 0, commitThenDrop: 0 };

  /** Merge into the current settings (a counter given replaces the remaining count). */
  set(settings: FaultSettings): FaultSettings {
    if (settings.match !== undefined) new RegExp(settings.match); // throws on a bad pattern, before storing it
    this.s = { ...this.s, ...settings };
    return this.get();
  }

  clear(): void {
    this.s = {};
  }

  get(): FaultSettings {
    return { ...this.s };
  }

  applies(method: string, path: string, oauth: boolean): boolean {
    if (oauth && !this.s.includeOAuth) return false;
    return !this.s.match || new RegExp(this.s.match).test(`${method} ${path}`);
  }

  get latencyMs(): number {
    return this.s.latencyMs ?? 0;
  }

  get status5xx(): number {
    return this.s.status5xx ?? 500;
  }

  /** Use up one of a counted fault; true when it fires. */
  take(kind: Counted): boolean {
    const left = this.s[kind] ?? 0;
    if (left <= 0) return false;
    this.s[kind] = left - 1;
    this.fired[kind]++;
    return true;
  }

  /** Whether a counted fault is armed, without using it up. */
  armed(kind: Counted): boolean {
    return (this.s[kind] ?? 0) > 0;
  }
}

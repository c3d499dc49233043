/**
 * Where the access token lives between calls and between processes. Zoho allows only 10 token
 * requests per 10 minutes per refresh token, so every process must share one cached token and one
 * record of recent token requests, and only the holder of the lease may ask for a new token.
 */

export interface TokenState {
  accessToken?: string;
  /** Zoho's `api_domain` from the token answer: the API base for this token. */
  apiDomain?: string;
  /** When the token stops working (epoch ms). */
  expiresAt: number;
  /** When to start refreshing it, ahead of expiry (epoch ms). */
  refreshAt: number;
  /** Start times of recent token requests (epoch ms), newest last: the shared throttle budget. */
  requestLog: number[];
  /** Zoho's throttle answered "too many requests": no token request before this (epoch ms). */
  blockedUntil: number;
}

export const EMPTY_TOKEN_STATE: TokenState = { expiresAt: 0, refreshAt: 0, requestLog: [], blockedUntil: 0 };

export interface TokenStore {
  /** The state for `key` (a hash of the OAuth client and refresh token, never the secret itself). */
  get(key: string): Promise<TokenState | undefined>;
  /** Write the state; only while holding the lease (returns false, writing nothing, if `holder` lost it). */
  put(key: string, state: TokenState, holder: string): Promise<boolean>;
  /**
   * Take the refresh lease for `ttlMs` if nobody holds it (or it expired, or `holder` already holds it).
   * Must be atomic across processes. Returns true when `holder` now holds it.
   */
  acquireLease(key: string, holder: string, now: number, ttlMs: number): Promise<boolean>;
  releaseLease(key: string, holder: string): Promise<void>;
}

/** One process's store: for tests, scripts, and a hub running a single process. */
export class MemoryTokenStore implements TokenStore {
  private readonly rows = new Map<string, { state: TokenState; holder?: string; leaseUntil: number }>();

  async get(key: string): Promise<TokenState | undefined> {
    const row = this.rows.get(key);
    return row ? cloneState(row.state) : undefined;
  }

  async put(key: string, state: TokenState, holder: string): Promise<boolean> {
    const row = this.rows.get(key);
    if (!row || row.holder !== holder) return false;
    row.state = cloneState(state);
    return true;
  }

  async acquireLease(key: string, holder: string, now: number, ttlMs: number): Promise<boolean> {
    let row = this.rows.get(key);
    if (!row) {
      row = { state: cloneState(EMPTY_TOKEN_STATE), leaseUntil: 0 };
      this.rows.set(key, row);
    }
    if (row.leaseUntil >= now && row.holder !== holder) return false;
    row.holder = holder;
    row.leaseUntil = now + ttlMs;
    return true;
  }

  async releaseLease(key: string, holder: string): Promise<void> {
    const row = this.rows.get(key);
    if (row && row.holder === holder) {
      row.holder = undefined;
      row.leaseUntil = 0;
    }
  }
}

export function cloneState(s: TokenState): TokenState {
  return { ...s, requestLog: [...s.requestLog] };
}

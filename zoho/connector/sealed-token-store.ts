/**
 * A TokenStore that seals the access token before it reaches the underlying store (the database),
 * so a copy of the database does not hand out a working Zoho token.
 */
import type { TokenState, TokenStore } from './token-store';

export interface Sealer {
  seal(plaintext: string): string;
  open(sealed: string): string;
}

export class SealedTokenStore implements TokenStore {
  constructor(
    private readonly inner: TokenStore,
    private readonly box: Sealer,
  ) {}

  async get(key: string): Promise<TokenState | undefined> {
    const state = await this.inner.get(key);
    if (!state?.accessToken) return state;
    try {
      return { ...state, accessToken: this.box.open(state.accessToken) };
    } catch {
      // Sealed with another key (rotated), or tampered: treat as no token, which forces a refresh.
      return { ...state, accessToken: undefined, expiresAt: 0, refreshAt: 0 };
    }
  }

  put(key: string, state: TokenState, holder: string): Promise<boolean> {
    const sealed = state.accessToken ? { ...state, accessToken: this.box.seal(state.accessToken) } : state;
    return this.inner.put(key, sealed, holder);
  }

  acquireLease(key: string, holder: string, now: number, ttlMs: number): Promise<boolean> {
    return this.inner.acquireLease(key, holder, now, ttlMs);
  }

  releaseLease(key: string, holder: string): Promise<void> {
    return this.inner.releaseLease(key, holder);
  }
}

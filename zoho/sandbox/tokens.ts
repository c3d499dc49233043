/** Access tokens the sandbox issued, with their expiry. */
import { randomBytes } from 'node:crypto';

export class TokenRegistry {
  private readonly tokens = new Map<string, number>();

  constructor(private readonly now: () => number = Date.now) {}

  issue(ttlSeconds: number): string {
    const token = `1000.${randomBytes(16).toString('hex')}.${randomBytes(16).toString('hex')}`;
    this.tokens.set(token, this.now() + ttlSeconds * 1000);
    return token;
  }

  valid(token: string): boolean {
    const exp = this.tokens.get(token);
    if (exp === undefined) return false;
    if (exp <= this.now()) {
      this.tokens.delete(token);
      return false;
    }
    return true;
  }

  /** Every issued token stops working (as if revoked or expired early). */
  revokeAll(): number {
    const n = this.tokens.size;
    this.tokens.clear();
    return n;
  }
}

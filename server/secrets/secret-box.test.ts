import crypto from 'node:crypto';
import { MemoryTokenStore, SealedTokenStore } from '../../zoho/connector';
import { EMPTY_TOKEN_STATE } from '../../zoho/connector/token-store';
import { SecretBox } from './secret-box';

const key = () => crypto.randomBytes(32).toString('base64');

describe('SecretBox (AES-256-GCM)', () => {
  it('round-trips, with a fresh IV every time and no plaintext in the sealed value', () => {
    const box = new SecretBox(key());
    const a = box.seal('1000.refresh-token-secret');
    const b = box.seal('1000.refresh-token-secret');
    expect(a).not.toBe(b);
    expect(a).not.toContain('refresh-token-secret');
    expect(box.open(a)).toBe('1000.refresh-token-secret');
  });

  it('detects tampering and a wrong key', () => {
    const box = new SecretBox(key());
    const sealed = box.seal('client-secret');
    const parts = sealed.split(':');
    const body = Buffer.from(parts[3]!, 'base64');
    body[0] = body[0]! ^ 1;
    parts[3] = body.toString('base64');
    expect(() => box.open(parts.join(':'))).toThrow(/failed authentication/);
    expect(() => new SecretBox(key()).open(sealed)).toThrow(/failed authentication/);
  });

  it('refuses a key that is not 32 bytes', () => {
    expect(() => new SecretBox(Buffer.alloc(16).toString('base64'))).toThrow(/32 random bytes/);
  });
});

describe('SealedTokenStore', () => {
  it('keeps only sealed access tokens in the underlying store', async () => {
    const inner = new MemoryTokenStore();
    const store = new SealedTokenStore(inner, new SecretBox(key()));
    expect(await store.acquireLease('k', 'me', Date.now(), 10_000)).toBe(true);
    await store.put('k', { ...EMPTY_TOKEN_STATE, accessToken: '1000.access-token', expiresAt: 1 }, 'me');
    expect((await inner.get('k'))!.accessToken).not.toContain('access-token');
    expect((await store.get('k'))!.accessToken).toBe('1000.access-token');
  });

  it('treats a token sealed with another key as absent (forces a refresh)', async () => {
    const inner = new MemoryTokenStore();
    await new SealedTokenStore(inner, new SecretBox(key())).acquireLease('k', 'me', Date.now(), 10_000);
    await new SealedTokenStore(inner, new SecretBox(key())).put('k', { ...EMPTY_TOKEN_STATE, accessToken: 't', expiresAt: 9e15 }, 'me');
    const seen = await new SealedTokenStore(inner, new SecretBox(key())).get('k');
    expect(seen).toMatchObject({ accessToken: undefined, expiresAt: 0 });
  });
});

/**
 * Secrets at rest (Zoho client secret, refresh token): AES-256-GCM from node:crypto with a key
 * from the environment (SATCHEL_SECRET_KEY). A sealed value carries its own random IV and auth
 * tag, so tampering is detected on open. Never log a plaintext or the key.
 */
import crypto from 'node:crypto';

const VERSION = 'v1';

export class SecretBox {
  private readonly key: Buffer;

  constructor(keyBase64: string) {
    const key = Buffer.from(keyBase64, 'base64');
    if (key.length !== 32) throw new Error('SATCHEL_SECRET_KEY must be 32 random bytes, base64-encoded (openssl rand -base64 32)');
    this.key = key;
  }

  seal(plaintext: string): string {
    const iv = crypto.randomBytes(12);
    const cipher = crypto.createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return [VERSION, iv.toString('base64'), cipher.getAuthTag().toString('base64'), body.toString('base64')].join(':');
  }

  open(sealed: string): string {
    const [version, iv, tag, body] = sealed.split(':');
    if (version !== VERSION || !iv || !tag || body === undefined) throw new Error('not a sealed secret');
    const decipher = crypto.createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64'));
    decipher.setAuthTag(Buffer.from(tag, 'base64'));
    try {
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64')), decipher.final()]).toString('utf8');
    } catch {
      throw new Error('sealed secret failed authentication: wrong SATCHEL_SECRET_KEY or tampered value');
    }
  }
}

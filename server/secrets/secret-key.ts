/** The key that seals secrets at rest: from SATCHEL_SECRET_KEY, or (outside production) a file kept in DATA_DIR. */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../../config';
import { SecretBox } from './secret-box';

export function secretBox(config: Config): SecretBox {
  if (config.auth.secretKey) return new SecretBox(config.auth.secretKey);
  const file = path.join(config.dataDir, 'secret.key');
  if (!fs.existsSync(file)) {
    fs.mkdirSync(config.dataDir, { recursive: true });
    try {
      fs.writeFileSync(file, crypto.randomBytes(32).toString('base64'), { mode: 0o600, flag: 'wx' });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err; // another process made it first
    }
  }
  return new SecretBox(fs.readFileSync(file, 'utf8').trim());
}

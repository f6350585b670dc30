// Feed credentials at rest: AES-256-GCM with a key kept outside the database (ACCORD_FEED_KEY, or a
// key file created once with mode 0600 in the data directory), so a database dump alone reveals no
// partner's token or password.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../../platform/errors/app-error.ts';

export const FEED_KEY_FILE = 'feed-secret.key';

/** The key: ACCORD_FEED_KEY (base64 of 32 bytes) or `<dataDir>/feed-secret.key`, created if missing. */
export function loadFeedKey(dataDir: string, env: NodeJS.ProcessEnv = process.env): Buffer {
  const fromEnv = env.ACCORD_FEED_KEY;
  if (fromEnv) {
    const key = Buffer.from(fromEnv, 'base64');
    if (key.length !== 32) {
      throw new AppError('VALIDATION_FAILED', 'ACCORD_FEED_KEY must be the base64 of 32 random bytes');
    }
    return key;
  }
  const path = join(dataDir, FEED_KEY_FILE);
  if (!existsSync(path)) {
    mkdirSync(dataDir, { recursive: true });
    // 'wx' fails if another process created it first; then we read theirs.
    try {
      writeFileSync(path, randomBytes(32).toString('base64'), { mode: 0o600, flag: 'wx' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw error;
      }
    }
  }
  return Buffer.from(readFileSync(path, 'utf8').trim(), 'base64');
}

export function sealSecret(key: Buffer, plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return ['v1', iv.toString('base64'), cipher.getAuthTag().toString('base64'), body.toString('base64')].join(
    '.',
  );
}

export function openSecret(key: Buffer, sealed: string): string {
  const [version, iv, tag, body] = sealed.split('.');
  if (version !== 'v1' || !iv || !tag || body === undefined) {
    throw new AppError('INTERNAL', 'a stored feed secret is malformed');
  }
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64'));
    decipher.setAuthTag(Buffer.from(tag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64')), decipher.final()]).toString('utf8');
  } catch {
    throw new AppError('INTERNAL', 'a stored feed secret cannot be decrypted: was the feed key changed?');
  }
}

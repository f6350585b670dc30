// Random secrets and their stored forms: session tokens, API tokens, recovery codes, one-time passwords.
// Tokens are high-entropy, so a single SHA-256 suffices to store them and checking one is cheap.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

export const API_TOKEN_PREFIX = 'acc_';

/** An API token reads `acc_<8-char id>_<secret>`; the id is shown in lists so users can tell tokens apart. */
export function newApiToken(): { token: string; prefix: string; hash: string } {
  const prefix = randomBytes(6).toString('base64url').replace(/[-_]/g, 'x').slice(0, 8);
  const token = `${API_TOKEN_PREFIX}${prefix}_${randomToken(32)}`;
  return { token, prefix, hash: sha256(token) };
}

export function looksLikeApiToken(value: string): boolean {
  return /^acc_[A-Za-z0-9]{8}_[A-Za-z0-9_-]{43}$/.test(value);
}

/** Ten recovery codes like `k3f9-2hq7-x8mz`, unambiguous characters only. */
export function newRecoveryCodes(count = 10): string[] {
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
  return Array.from({ length: count }, () => {
    const bytes = randomBytes(12);
    const chars = Array.from(bytes, (b) => alphabet[b % alphabet.length]).join('');
    return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8, 12)}`;
  });
}

/** What users type (any case, spaces, with or without dashes) in the stored `xxxx-xxxx-xxxx` form. */
export function normaliseRecoveryCode(code: string): string {
  const raw = code
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '');
  return raw.length === 12 ? `${raw.slice(0, 4)}-${raw.slice(4, 8)}-${raw.slice(8)}` : raw;
}

/** A one-time password for a new account: readable, 20 characters, 4 groups. */
export function newOneTimePassword(): string {
  const alphabet = 'ABCDEFGHJKMNPQRSTUVWXYZabcdefghjkmnpqrstuvwxyz23456789';
  const bytes = randomBytes(20);
  const chars = Array.from(bytes, (b) => alphabet[b % alphabet.length]).join('');
  return chars.match(/.{5}/g)?.join('-') ?? chars;
}

export function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

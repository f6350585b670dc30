// What the sign-in forms can check before asking the server, and how codes are tidied up. The server
// stays the judge; these checks only give an immediate, translated answer.

// The server's own policy numbers (a dependency-free module), so the two cannot drift.
export { PASSWORD_MIN_LENGTH } from '../../../../src/platform/identity/password-rules.ts';

export function isEmail(value: string): boolean {
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value.trim());
}

/** Six digits, however the user spaced them ("123 456"). */
export function normaliseTotp(value: string): string {
  return value.replace(/[\s-]/g, '');
}

export function isTotp(value: string): boolean {
  return /^\d{6}$/.test(normaliseTotp(value));
}

/** Recovery codes look like `abcd-efgh-jkmn`; accept them typed without dashes or in capitals. */
export function normaliseRecoveryCode(value: string): string {
  const compact = value.replace(/[\s-]/g, '').toLowerCase();
  return /^[a-z0-9]{12}$/.test(compact)
    ? `${compact.slice(0, 4)}-${compact.slice(4, 8)}-${compact.slice(8)}`
    : value.trim().toLowerCase();
}

export function isRecoveryCode(value: string): boolean {
  return /^[a-z0-9]{4}-[a-z0-9]{4}-[a-z0-9]{4}$/.test(normaliseRecoveryCode(value));
}

/** A base32 key in groups of four, easier to type into an authenticator app. */
export function groupSecret(secret: string): string {
  return secret.replace(/\s+/g, '').replace(/(.{4})(?=.)/g, '$1 ');
}

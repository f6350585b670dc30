// Password hashing (argon2id, OWASP parameters) and the password policy.
import { hash, verify } from '@node-rs/argon2';

// OWASP Password Storage Cheat Sheet: argon2id, 19 MiB, 2 iterations, 1 lane.
const ARGON2 = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2);
}

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

// Verifying against this keeps the time of a login for an unknown e-mail the same as for a known one.
let decoyHash: Promise<string> | undefined;
export function decoyPasswordHash(): Promise<string> {
  decoyHash ??= hashPassword('decoy password that matches nothing');
  return decoyHash;
}

const COMMON = new Set([
  'password1234',
  '123456789012',
  'qwertyuiopas',
  'accordaccord',
  'changemechangeme',
  'administrator',
  'passwordpassword',
  'letmeinletmein',
  'welcome12345',
]);

/** Why a new password is refused, or undefined when it is acceptable (NIST SP 800-63B style). */
export function passwordProblem(password: string, email: string): string | undefined {
  if (password.length < PASSWORD_MIN_LENGTH) {
    return `must be at least ${PASSWORD_MIN_LENGTH} characters long`;
  }
  if (password.length > PASSWORD_MAX_LENGTH) {
    return `must be at most ${PASSWORD_MAX_LENGTH} characters long`;
  }
  if (new Set(password).size < 5) {
    return 'must use at least 5 different characters';
  }
  const lower = password.toLowerCase();
  const name = email.split('@')[0]?.toLowerCase() ?? '';
  if (COMMON.has(lower) || lower === email.toLowerCase() || (name.length >= 3 && lower.includes(name))) {
    return 'is too easy to guess (common password or contains the e-mail name)';
  }
  return undefined;
}

// Password hashing (argon2id, OWASP parameters) and the password policy.
import { hash, verify } from '@node-rs/argon2';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_DISTINCT, PASSWORD_MIN_LENGTH } from './password-rules.ts';
import type { ErrorDetail } from '../errors/app-error.ts';

// OWASP Password Storage Cheat Sheet: argon2id, 19 MiB, 2 iterations, 1 lane.
const ARGON2 = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from './password-rules.ts';

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
  return passwordProblemDetail(password, email, 'password')?.reason;
}

/**
 * The same check as an error detail for `path`: `code` and `params` let every UI language word the
 * reason itself; `reason` stays the English text for logs and the CLI.
 */
export function passwordProblemDetail(
  password: string,
  email: string,
  path: string,
): ErrorDetail | undefined {
  if (password.length < PASSWORD_MIN_LENGTH) {
    return {
      path,
      reason: `must be at least ${PASSWORD_MIN_LENGTH} characters long`,
      code: 'password_too_short',
      params: { minimum: PASSWORD_MIN_LENGTH },
    };
  }
  if (password.length > PASSWORD_MAX_LENGTH) {
    return {
      path,
      reason: `must be at most ${PASSWORD_MAX_LENGTH} characters long`,
      code: 'password_too_long',
      params: { maximum: PASSWORD_MAX_LENGTH },
    };
  }
  if (new Set(password).size < PASSWORD_MIN_DISTINCT) {
    return {
      path,
      reason: `must use at least ${PASSWORD_MIN_DISTINCT} different characters`,
      code: 'password_too_few_distinct',
      params: { minimum: PASSWORD_MIN_DISTINCT },
    };
  }
  const lower = password.toLowerCase();
  const name = email.split('@')[0]?.toLowerCase() ?? '';
  if (COMMON.has(lower) || lower === email.toLowerCase() || (name.length >= 3 && lower.includes(name))) {
    return {
      path,
      reason: 'is too easy to guess (common password or contains the e-mail name)',
      code: 'password_guessable',
    };
  }
  return undefined;
}

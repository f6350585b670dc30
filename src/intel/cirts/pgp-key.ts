// A team's OpenPGP public key: read from its armored text and judged usable for encrypting
// notification e-mail (a public key, not revoked, not expired, with an encryption-capable key).
// @see RFC 9580 (OpenPGP), RFC 3156 (PGP/MIME)
import { readKey, type Key } from 'openpgp';
import type { Result } from '../../platform/errors/app-error.ts';

export type PgpKeyFacts = {
  /** Upper-case hex, no spaces, as the directory lists fingerprints. */
  fingerprint: string;
  userIds: string[];
  /** ISO time, or null for a key that does not expire. */
  expires: string | null;
};
export type PgpKeyProblem = 'unreadable' | 'private' | 'revoked' | 'expired' | 'no-encryption-key';

const REASONS: Record<PgpKeyProblem, string> = {
  unreadable: 'is not an ASCII-armored OpenPGP public key',
  private: 'is a private key: paste the public key only (and treat this private key as exposed)',
  revoked: 'is revoked',
  expired: 'has expired',
  'no-encryption-key': 'has no valid key for encryption (expired, revoked or signing-only subkeys)',
};

export function describePgpProblem(problem: PgpKeyProblem, facts?: PgpKeyFacts): string {
  const when = problem === 'expired' && facts?.expires ? ` (on ${facts.expires.slice(0, 10)})` : '';
  return `the key ${REASONS[problem]}${when}`;
}

/** Normalises a listed fingerprint ("AB12 CD34 …") to the form facts use. */
export function normaliseFingerprint(text: string): string {
  return text.replace(/\s+/g, '').toUpperCase();
}

async function readArmored(armored: string): Promise<Key | undefined> {
  try {
    return await readKey({ armoredKey: armored });
  } catch {
    return undefined;
  }
}

/**
 * Reads a key and says whether it can encrypt at `now`. Facts come back with most problems so the
 * caller can name the fingerprint or the expiry date in its message.
 */
export async function inspectPgpKey(
  armored: string,
  now: Date,
): Promise<Result<PgpKeyFacts, PgpKeyProblem> & { facts?: PgpKeyFacts }> {
  const key = await readArmored(armored);
  if (!key) {
    return { ok: false, reason: 'unreadable' };
  }
  const expiry = await key.getExpirationTime().catch(() => null);
  const facts: PgpKeyFacts = {
    fingerprint: key.getFingerprint().toUpperCase(),
    userIds: key.getUserIDs(),
    expires: expiry instanceof Date ? expiry.toISOString() : null,
  };
  if (key.isPrivate()) {
    return { ok: false, reason: 'private', facts };
  }
  if (await key.isRevoked(undefined, undefined, now)) {
    return { ok: false, reason: 'revoked', facts };
  }
  if (expiry instanceof Date && expiry.getTime() <= now.getTime()) {
    return { ok: false, reason: 'expired', facts };
  }
  try {
    await key.getEncryptionKey(undefined, now);
  } catch {
    return { ok: false, reason: 'no-encryption-key', facts };
  }
  return { ok: true, value: facts, facts };
}

/** The key to encrypt to at `now`, or undefined when the stored key is no longer usable. */
export async function usableEncryptionKey(armored: string, now: Date): Promise<Key | undefined> {
  const verdict = await inspectPgpKey(armored, now);
  return verdict.ok ? readArmored(armored) : undefined;
}

// Remembers, briefly, that a Basic user and password verified, so a TAXII client paging a collection
// (one request per page, the same credentials each time) pays argon2 once, not once per page.
import { createHash } from 'node:crypto';

/** How long a successful verification is trusted. */
export const BASIC_CACHE_TTL_MS = 60_000;
const MAX_ENTRIES = 1000;

export type PasswordCache = {
  /** Whether this user and password verified against exactly this stored hash within the TTL. */
  verified(user: string, password: string, storedHash: string, now: number): boolean;
  remember(user: string, password: string, storedHash: string, now: number): void;
};

/**
 * Entries are keyed by SHA-256 of the user name and password (the password itself is never kept) and
 * bound to the stored argon2 hash, so a password change invalidates them on the next request.
 */
export function createPasswordCache(ttlMs = BASIC_CACHE_TTL_MS): PasswordCache {
  const entries = new Map<string, { storedHash: string; expiresAt: number }>();
  const keyOf = (user: string, password: string) =>
    createHash('sha256').update(`${user.toLowerCase()}\0${password}`).digest('base64');
  return {
    verified(user, password, storedHash, now) {
      const key = keyOf(user, password);
      const entry = entries.get(key);
      if (entry && entry.expiresAt <= now) {
        entries.delete(key);
        return false;
      }
      return entry?.storedHash === storedHash;
    },
    remember(user, password, storedHash, now) {
      if (entries.size >= MAX_ENTRIES) {
        // Oldest first (a Map keeps insertion order): the cache stays bounded whatever clients send.
        const oldest = entries.keys().next().value;
        if (oldest !== undefined) {
          entries.delete(oldest);
        }
      }
      entries.set(keyOf(user, password), { storedHash, expiresAt: now + ttlMs });
    },
  };
}

import { describe, expect, it } from 'vitest';
import { createPasswordCache } from './basic-password-cache.ts';

describe('Basic password cache', () => {
  it('trusts a verification only for the same password, stored hash and within the TTL', () => {
    const cache = createPasswordCache(1000);
    cache.remember('Ana@example.org', 'correct horse', '$argon2id$a', 0);
    expect(cache.verified('ana@example.org', 'correct horse', '$argon2id$a', 999)).toBe(true);
    expect(cache.verified('ana@example.org', 'wrong', '$argon2id$a', 10)).toBe(false);
    expect(cache.verified('ana@example.org', 'correct horse', '$argon2id$changed', 10)).toBe(false);
    expect(cache.verified('ana@example.org', 'correct horse', '$argon2id$a', 1000)).toBe(false);
    expect(cache.verified('ana@example.org', 'correct horse', '$argon2id$a', 10)).toBe(false);
  });

  it('stays bounded, evicting the oldest entries', () => {
    const cache = createPasswordCache(60_000);
    for (let i = 0; i < 1001; i += 1) {
      cache.remember(`user${i}`, 'pw', 'h', 0);
    }
    expect(cache.verified('user0', 'pw', 'h', 1)).toBe(false);
    expect(cache.verified('user1000', 'pw', 'h', 1)).toBe(true);
  });
});

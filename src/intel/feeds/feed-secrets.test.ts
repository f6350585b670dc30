import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FEED_KEY_FILE, loadFeedKey, openSecret, sealSecret } from './feed-secrets.ts';

describe('feed secrets', () => {
  it('round-trips, never stores the plain text, and refuses a tampered or foreign-key secret', () => {
    const dir = mkdtempSync(join(tmpdir(), 'accord-feed-'));
    const key = loadFeedKey(dir, {});
    expect(statSync(join(dir, FEED_KEY_FILE)).mode & 0o777).toBe(0o600);
    expect(loadFeedKey(dir, {}).equals(key)).toBe(true);
    const sealed = sealSecret(key, 'acc_token_value');
    expect(sealed).not.toContain('acc_token_value');
    expect(openSecret(key, sealed)).toBe('acc_token_value');
    const parts = sealed.split('.');
    const tampered = [...parts.slice(0, 3), Buffer.from('other').toString('base64')].join('.');
    expect(() => openSecret(key, tampered)).toThrow(/cannot be decrypted/);
    const other = loadFeedKey(dir, { ACCORD_FEED_KEY: Buffer.alloc(32, 7).toString('base64') });
    expect(() => openSecret(other, sealed)).toThrow(/cannot be decrypted/);
    expect(() => loadFeedKey(dir, { ACCORD_FEED_KEY: 'c2hvcnQ=' })).toThrow(/32 random bytes/);
  });
});

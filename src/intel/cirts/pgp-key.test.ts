// Team keys: usable, private, revoked, expired, unreadable; fingerprints checked against the listed
// ones or added. Keys are generated here (dated before the test clock), never committed.
import { beforeAll, describe, expect, it } from 'vitest';
import { generateKey, readKey, readPrivateKey, revokeKey } from 'openpgp';
import { inspectPgpKey, normaliseFingerprint, usableEncryptionKey } from './pgp-key.ts';
import { checkTeamKey } from './team-key.ts';
import { cirtInput } from './schemas.ts';

const created = new Date('2026-11-01T00:00:00Z');
const now = new Date('2026-12-01T09:00:00Z');
let good: { publicKey: string; privateKey: string; fingerprint: string };
let expired: string;
let revoked: string;

beforeAll(async () => {
  const pair = await generateKey({
    type: 'ecc',
    curve: 'curve25519Legacy',
    userIDs: [{ name: 'Test CERT', email: 'cert@test.example' }],
    date: created,
  });
  good = {
    ...pair,
    fingerprint: (await readKey({ armoredKey: pair.publicKey })).getFingerprint().toUpperCase(),
  };
  expired = (
    await generateKey({
      type: 'ecc',
      curve: 'curve25519Legacy',
      userIDs: [{ email: 'old@test.example' }],
      date: created,
      keyExpirationTime: 86_400,
    })
  ).publicKey;
  const toRevoke = await generateKey({ userIDs: [{ email: 'gone@test.example' }], date: created });
  revoked = (
    await revokeKey({ key: await readPrivateKey({ armoredKey: toRevoke.privateKey }), date: created })
  ).publicKey;
});

describe('inspectPgpKey', () => {
  it('accepts a current public key and gives its fingerprint and user ids', async () => {
    const verdict = await inspectPgpKey(good.publicKey, now);
    expect(verdict).toMatchObject({
      ok: true,
      value: { fingerprint: good.fingerprint, userIds: ['Test CERT <cert@test.example>'], expires: null },
    });
    expect(await usableEncryptionKey(good.publicKey, now)).toBeDefined();
  });

  it('refuses a private key, a revoked key, an expired key and text that is not a key', async () => {
    expect(await inspectPgpKey(good.privateKey, now)).toMatchObject({ ok: false, reason: 'private' });
    expect(await inspectPgpKey(revoked, now)).toMatchObject({ ok: false, reason: 'revoked' });
    expect(await inspectPgpKey(expired, now)).toMatchObject({
      ok: false,
      reason: 'expired',
      facts: { expires: '2026-11-02T00:00:00.000Z' },
    });
    expect(await inspectPgpKey('-----BEGIN PGP PUBLIC KEY BLOCK-----\nnot a key', now)).toMatchObject({
      ok: false,
      reason: 'unreadable',
    });
    expect(await usableEncryptionKey(expired, now)).toBeUndefined();
  });

  it('judges validity at the given time: a key is not usable before it was made', async () => {
    expect((await inspectPgpKey(good.publicKey, new Date('2026-10-01T00:00:00Z'))).ok).toBe(false);
  });
});

describe('checkTeamKey', () => {
  const team = (extra: object) => cirtInput.parse({ officialName: 'Key test team', country: 'NL', ...extra });

  it('adds the fingerprint when the team lists none, and accepts a listed one in any spacing', async () => {
    const added = await checkTeamKey(team({ pgpPublicKey: good.publicKey }), now);
    expect(added).toMatchObject({ ok: true, value: { pgpKeys: [{ fingerprint: good.fingerprint }] } });
    const spaced = good.fingerprint
      .toLowerCase()
      .replace(/(.{4})/g, '$1 ')
      .trim();
    expect(normaliseFingerprint(spaced)).toBe(good.fingerprint);
    const listed = await checkTeamKey(
      team({ pgpPublicKey: good.publicKey, pgpKeys: [{ fingerprint: spaced }] }),
      now,
    );
    expect(listed).toMatchObject({ ok: true, value: { pgpKeys: [{ fingerprint: spaced }] } });
  });

  it('refuses a key whose fingerprint the team does not list, and a bad key, naming the field', async () => {
    const other = await checkTeamKey(
      team({ pgpPublicKey: good.publicKey, pgpKeys: [{ fingerprint: 'A'.repeat(40) }] }),
      now,
      '[3].',
    );
    expect(other).toMatchObject({
      ok: false,
      details: [{ path: '[3].pgpPublicKey', code: 'pgp_key_fingerprint_mismatch' }],
    });
    const bad = await checkTeamKey(team({ pgpPublicKey: expired }), now);
    expect(bad).toMatchObject({ ok: false, details: [{ path: 'pgpPublicKey', code: 'pgp_key_expired' }] });
    expect(bad.ok ? '' : bad.reason).toMatch(/has expired \(on 2026-11-02\)/);
  });
});

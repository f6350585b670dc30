import { describe, expect, it } from 'vitest';
import { hashPassword, passwordProblem, passwordProblemDetail, verifyPassword } from './passwords.ts';
import {
  looksLikeApiToken,
  newApiToken,
  newRecoveryCodes,
  normaliseRecoveryCode,
  sha256,
} from './secrets.ts';
import { newTotpSecret, totpCode, verifyTotp } from './totp.ts';

describe('passwords', () => {
  it('hashes with argon2id and verifies', async () => {
    const hash = await hashPassword('a long enough passphrase');
    expect(hash.startsWith('$argon2id$')).toBe(true);
    expect(await verifyPassword(hash, 'a long enough passphrase')).toBe(true);
    expect(await verifyPassword(hash, 'another passphrase here')).toBe(false);
    expect(await verifyPassword('not a hash', 'x')).toBe(false);
  });

  it('refuses short, repetitive, common and e-mail-based passwords', () => {
    expect(passwordProblem('short', 'a@b.org')).toMatch(/at least 12/);
    expect(passwordProblem('aaaaaaaaaaaaaaaa', 'a@b.org')).toMatch(/different characters/);
    expect(passwordProblem('Password1234', 'a@b.org')).toMatch(/easy to guess/);
    expect(passwordProblem('claire.martin2026', 'claire.martin@cert.fr')).toMatch(/easy to guess/);
    expect(passwordProblem('tulip violet harbour 9', 'a@b.org')).toBeUndefined();
    expect(passwordProblemDetail('short', 'a@b.org', 'newPassword')).toMatchObject({
      path: 'newPassword',
      code: 'password_too_short',
      params: { minimum: 12 },
    });
    expect(passwordProblemDetail('Password1234', 'a@b.org', 'p')?.code).toBe('password_guessable');
  });
});

describe('tokens and recovery codes', () => {
  it('makes API tokens that are recognisable and stored as their SHA-256', () => {
    const { token, hash, prefix } = newApiToken();
    expect(looksLikeApiToken(token)).toBe(true);
    expect(token.startsWith(`acc_${prefix}_`)).toBe(true);
    expect(hash).toBe(sha256(token));
    expect(looksLikeApiToken('acc_short')).toBe(false);
  });

  it('makes ten distinct recovery codes and normalises what users type', () => {
    const codes = newRecoveryCodes();
    expect(new Set(codes).size).toBe(10);
    expect(normaliseRecoveryCode(` ${codes[0]?.toUpperCase()} `)).toBe(codes[0]);
    expect(normaliseRecoveryCode((codes[0] ?? '').replaceAll('-', ''))).toBe(codes[0]);
  });
});

describe('TOTP', () => {
  const secret = newTotpSecret();
  const now = new Date('2026-11-22T10:00:10Z');

  it('accepts the current code and one step of drift, refuses others', () => {
    expect(verifyTotp(secret, totpCode(secret, now), now, null)).toBeTypeOf('number');
    expect(verifyTotp(secret, totpCode(secret, new Date(now.getTime() - 30_000)), now, null)).toBeTypeOf(
      'number',
    );
    expect(
      verifyTotp(secret, totpCode(secret, new Date(now.getTime() - 120_000)), now, null),
    ).toBeUndefined();
    expect(verifyTotp(secret, 'abcdef', now, null)).toBeUndefined();
  });

  it('refuses a code that was already used (replay)', () => {
    const counter = verifyTotp(secret, totpCode(secret, now), now, null);
    expect(verifyTotp(secret, totpCode(secret, now), now, counter ?? null)).toBeUndefined();
  });
});

describe('organisation input', () => {
  it('accepts ISO 3166-1 countries only', async () => {
    const { createOrganisationInput } = await import('./schemas.ts');
    expect(
      createOrganisationInput.safeParse({ name: 'CERT Example', country: 'KE', kind: 'cirt' }).success,
    ).toBe(true);
    const bad = createOrganisationInput.safeParse({ name: 'CERT Example', country: 'XX', kind: 'cirt' });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]).toMatchObject({
      path: ['country'],
      message: 'is not an ISO 3166-1 country code',
    });
  });
});

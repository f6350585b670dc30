import { describe, expect, it } from 'vitest';
import {
  groupSecret,
  isEmail,
  isRecoveryCode,
  isTotp,
  normaliseRecoveryCode,
  normaliseTotp,
} from './auth-rules.ts';

describe('sign-in checks', () => {
  it('accepts ordinary e-mail addresses and refuses obvious mistakes', () => {
    expect(isEmail('analyst@cert.example')).toBe(true);
    expect(isEmail(' analyst@cert.example ')).toBe(true);
    expect(isEmail('analyst')).toBe(false);
    expect(isEmail('analyst@cert')).toBe(false);
    expect(isEmail('')).toBe(false);
  });

  it('reads six-digit codes however they are spaced', () => {
    expect(normaliseTotp('123 456')).toBe('123456');
    expect(isTotp('123-456')).toBe(true);
    expect(isTotp('12345')).toBe(false);
    expect(isTotp('12345a')).toBe(false);
  });

  it('accepts recovery codes without dashes or in capitals', () => {
    expect(normaliseRecoveryCode('ABCD EFGH JKMN')).toBe('abcd-efgh-jkmn');
    expect(normaliseRecoveryCode('abcdefghjkmn')).toBe('abcd-efgh-jkmn');
    expect(isRecoveryCode('abcd-efgh-jkmn')).toBe(true);
    expect(isRecoveryCode('abcd-efgh')).toBe(false);
  });

  it('groups an MFA key by four characters', () => {
    expect(groupSecret('N3E3D4XBX64YQ7DW')).toBe('N3E3 D4XB X64Y Q7DW');
    expect(groupSecret('ABCDEF')).toBe('ABCD EF');
  });
});

import { describe, expect, it } from 'vitest';
import { flagEmoji } from './flag.ts';

describe('flagEmoji', () => {
  it('builds the flag from two regional indicators', () => {
    expect(flagEmoji('CH')).toBe('🇨🇭');
    expect(flagEmoji('fr')).toBe('🇫🇷');
  });
  it('gives nothing for codes that are not two letters', () => {
    expect(flagEmoji('')).toBe('');
    expect(flagEmoji('FRA')).toBe('');
    expect(flagEmoji('1A')).toBe('');
  });
});

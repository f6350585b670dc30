import { describe, expect, it } from 'vitest';
import {
  canonicalTimestamp,
  compareTimestamps,
  hasMillisecondPrecision,
  isStixTimestamp,
} from './timestamp.ts';

describe('STIX timestamps', () => {
  it.each([
    ['2024-02-29T23:59:60.123456Z', true],
    ['2023-02-29T00:00:00Z', false],
    ['2024-04-31T00:00:00Z', false],
    ['2024-01-01T24:00:00Z', false],
    ['2024-01-01T00:00:00+00:00', false],
    ['2024-01-01 00:00:00Z', false],
    ['2024-01-01T00:00:00.Z', false],
    ['1900-02-29T00:00:00Z', false],
    ['2000-02-29T00:00:00Z', true],
  ])('%s is valid: %s', (text, valid) => {
    expect(isStixTimestamp(text)).toBe(valid);
  });

  it('compares at any precision', () => {
    expect(compareTimestamps('2024-01-01T00:00:00Z', '2024-01-01T00:00:00.000Z')).toBe(0);
    expect(compareTimestamps('2024-01-01T00:00:00.0001Z', '2024-01-01T00:00:00Z')).toBeGreaterThan(0);
    expect(compareTimestamps('2024-01-01T00:00:00.9Z', '2024-01-01T00:00:01Z')).toBeLessThan(0);
    expect(compareTimestamps('2023-12-31T23:59:59.999999Z', '2024-01-01T00:00:00Z')).toBeLessThan(0);
  });

  it('drops trailing fractional zeros only', () => {
    expect(canonicalTimestamp('2024-01-01T00:00:10.500Z')).toBe('2024-01-01T00:00:10.5Z');
    expect(canonicalTimestamp('2024-01-01T00:00:10.000Z')).toBe('2024-01-01T00:00:10Z');
    expect(canonicalTimestamp('2024-01-01T00:00:10Z')).toBe('2024-01-01T00:00:10Z');
  });

  it('knows millisecond precision', () => {
    expect(hasMillisecondPrecision('2024-01-01T00:00:00.000Z')).toBe(true);
    expect(hasMillisecondPrecision('2024-01-01T00:00:00.1Z')).toBe(false);
    expect(hasMillisecondPrecision('2024-01-01T00:00:00Z')).toBe(false);
  });
});

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exitCodeByStatus, httpStatusByCode } from './error-codes.ts';

describe('error codes', () => {
  const docs = readFileSync(resolve(import.meta.dirname, '../../../docs/errors.md'), 'utf8');

  it('documents every code with its HTTP status in docs/errors.md', () => {
    const missing = Object.entries(httpStatusByCode).filter(
      ([code, status]) => !docs.includes(`| \`${code}\` | ${status} |`),
    );
    expect(missing.map(([code]) => code)).toEqual([]);
  });

  it('maps every status in use to a CLI exit code', () => {
    const statuses = new Set(Object.values(httpStatusByCode));
    expect([...statuses].filter((s) => exitCodeByStatus[s] === undefined)).toEqual([]);
  });
});

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exitCodeByStatus, httpStatusByCode } from './error-codes.ts';

/** Rows of the markdown table in docs/errors.md as code -> documented HTTP status. */
function documentedCodes(): Map<string, number> {
  const docs = readFileSync(resolve(import.meta.dirname, '../../../docs/errors.md'), 'utf8');
  const rows = docs
    .split('\n')
    .filter((line) => line.startsWith('| `'))
    .map((line) => line.split('|').map((cell) => cell.trim()));
  return new Map(rows.map((cells) => [(cells[1] ?? '').replaceAll('`', ''), Number(cells[2])]));
}

describe('error codes', () => {
  it('documents every code with its HTTP status in docs/errors.md', () => {
    const documented = documentedCodes();
    const wrong = Object.entries(httpStatusByCode).filter(([code, status]) => documented.get(code) !== status);
    expect(wrong.map(([code]) => code)).toEqual([]);
  });

  it('maps every status in use to a CLI exit code', () => {
    const statuses = new Set(Object.values(httpStatusByCode));
    expect([...statuses].filter((s) => exitCodeByStatus[s] === undefined)).toEqual([]);
  });
});

// The ISO 3166-1 alpha-2 codes Accord accepts for countries, from the legal dataset's jurisdiction
// list (one source of truth, checked against ICU by a test in src/legal).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const file = resolve(import.meta.dirname, '../../data/legal/jurisdictions.json');
const codes = new Set(
  (JSON.parse(readFileSync(file, 'utf8')) as { jurisdictions: { code: string }[] }).jurisdictions.map(
    (j) => j.code,
  ),
);

export function isIsoCountry(code: string): boolean {
  return codes.has(code);
}

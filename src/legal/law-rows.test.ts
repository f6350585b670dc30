import { describe, expect, it } from 'vitest';
import { readDataset, readLawRows } from './dataset-files.ts';
import { formatLawLine, lawOrder, parseLawLines } from './law-rows.ts';
import { generateLawRows } from './law-fill.ts';
import { regionOf } from './regions.ts';
import { worldSchema } from './schemas.ts';
import { BUDAPEST_OFFENCES, OFFENCES } from './taxonomy.ts';

// Data validation for data/legal/laws: runs in CI with the unit tests, so a bad row never ships.
describe('data/legal/laws', () => {
  const files = readLawRows();
  const rows = files.flatMap((f) => f.rows);
  const world = worldSchema.parse({ ...(readDataset() as object), laws: [] });
  const codes = new Set(world.jurisdictions.map((j) => j.code));

  it('parses every line against the strict row schema (the loader throws otherwise)', () => {
    expect(files.length).toBeGreaterThan(0);
    expect(rows.length).toBeGreaterThan(0);
  });

  it('has at most one row per (jurisdiction, offence) across all files', () => {
    const keys = rows.map((r) => `${r.jurisdiction}|${r.offence}`);
    const dupes = keys.filter((k, i) => keys.indexOf(k) !== i);
    expect(dupes).toEqual([]);
  });

  it('names only known jurisdictions and offence slugs, and sources every row', () => {
    expect(rows.filter((r) => !codes.has(r.jurisdiction)).map((r) => r.jurisdiction)).toEqual([]);
    expect(rows.filter((r) => !(OFFENCES as readonly string[]).includes(r.offence))).toEqual([]);
    expect(rows.filter((r) => !/^https?:\/\/\S+$/.test(r.source))).toEqual([]);
    expect(rows.filter((r) => !r.confidence || !r.checked)).toEqual([]);
  });

  it('keeps each file sorted, one region per file, named for its region', () => {
    for (const { file, rows: inFile } of files) {
      const region = file.replace(/^.*\//, '').replace(/\.jsonl$/, '');
      expect(inFile.filter((r) => regionOf(r.jurisdiction) !== region).map((r) => r.jurisdiction)).toEqual(
        [],
      );
      const sorted = inFile.every((r, i) => i === 0 || lawOrder(inFile[i - 1]!, r) < 0);
      expect(sorted, `${file} is sorted by jurisdiction then offence`).toBe(true);
    }
  });

  it('commits exactly what the generator makes from the researched rows and the Budapest parties', () => {
    const researched = files.filter((f) => f.file.startsWith('laws/statutes/')).flatMap((f) => f.rows);
    const committed = (folder: string) =>
      files
        .filter((f) => f.file.startsWith(`laws/${folder}/`))
        .flatMap((f) => f.rows)
        .sort(lawOrder);
    const checked = (folder: string) => committed(folder)[0]?.checked ?? '2026-12-01';
    const inferred = generateLawRows([...codes], world.instruments, researched, checked('treaty-obligation'));
    const notFound = generateLawRows([...codes], world.instruments, researched, checked('not-found'));
    expect(committed('treaty-obligation').map(formatLawLine)).toEqual(inferred.inferred.map(formatLawLine));
    expect(committed('not-found').map(formatLawLine)).toEqual(notFound.notFound.map(formatLawLine));
  });

  it('gives at least 190 jurisdictions a row for each of the nine Budapest offences', () => {
    const have = new Set(rows.map((r) => `${r.jurisdiction}|${r.offence}`));
    const complete = [...codes].filter((c) => BUDAPEST_OFFENCES.every((o) => have.has(`${c}|${o}`)));
    expect(BUDAPEST_OFFENCES).toHaveLength(9);
    expect(complete.length).toBeGreaterThanOrEqual(190);
  });
});

describe('parseLawLines', () => {
  const ok = {
    jurisdiction: 'FR',
    offence: 'illegal-access',
    status: 'criminalised',
    basis: 'statute',
    citation: 'Code pénal art. 323-1',
    source: 'https://www.legifrance.gouv.fr/',
    confidence: 'high',
    checked: '2026-12-01',
  };
  const line = (o: object) => JSON.stringify(o);

  it('reads a valid row and skips blank lines', () => {
    const parsed = parseLawLines(`${line(ok)}\n\n`, 'x.jsonl');
    expect(parsed).toMatchObject({ ok: true, value: [{ jurisdiction: 'FR', basis: 'statute' }] });
  });

  it('rejects unsourced, unknown-key, non-JSON and inconsistent rows, naming file, line and field', () => {
    const { source: _s, ...unsourced } = ok;
    const text = [
      line(unsourced),
      line({ ...ok, extra: 1 }),
      '{not json',
      line({ ...ok, basis: 'treaty-obligation', confidence: 'high' }),
      line({ ...ok, status: 'unknown', basis: 'not-found', reason: 'nothing', confidence: 'medium' }),
      line({ ...ok, citation: undefined }),
      line({ ...ok, offence: 'jaywalking' }),
    ].join('\n');
    const parsed = parseLawLines(text, 'laws/x.jsonl');
    expect(parsed.ok).toBe(false);
    const paths = (parsed.ok ? [] : (parsed.details ?? [])).map((d) => `${d.path}: ${d.reason}`);
    expect(paths).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^laws\/x\.jsonl:1\.source/),
        expect.stringMatching(/^laws\/x\.jsonl:2/),
        expect.stringMatching(/^laws\/x\.jsonl:3: not JSON/),
        expect.stringMatching(/^laws\/x\.jsonl:4\.reason/),
        expect.stringMatching(/^laws\/x\.jsonl:4\.confidence: an inference is never high/),
        expect.stringMatching(/^laws\/x\.jsonl:5\.confidence: an unknown row is low/),
        expect.stringMatching(/^laws\/x\.jsonl:6\.citation/),
        expect.stringMatching(/^laws\/x\.jsonl:7\.offence/),
      ]),
    );
  });
});

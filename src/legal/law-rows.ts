// The built-in dataset's national law rows (data/legal/laws/**/*.jsonl): one fact per line, read
// with a schema stricter than a --world file's, since every row Accord ships must say where it
// comes from, how sure it is, when it was checked, and why when it is not a statute.
import { z } from 'zod';
import type { ErrorDetail, Result } from '../platform/errors/app-error.ts';
import { zodIssuesToDetails } from '../platform/errors/parse-input.ts';
import { isoDate, lawSchema, type Law } from './schemas.ts';
import { OFFENCES } from './taxonomy.ts';

const url = z.string().regex(/^https?:\/\/\S+$/, 'must be an http(s) URL');

export const datasetLawSchema = lawSchema
  .extend({
    basis: lawSchema.shape.basis.unwrap(),
    source: url,
    confidence: lawSchema.shape.confidence.unwrap(),
    checked: isoDate,
  })
  .strict()
  .superRefine((row, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
    if ((row.basis === 'treaty-obligation' || row.basis === 'not-found') && !row.reason) {
      issue('reason', `a ${row.basis} row must say why (reason)`);
    }
    if (row.basis === 'treaty-obligation' && row.confidence === 'high') {
      issue('confidence', 'an inference is never high confidence');
    }
    if (row.basis === 'not-found' && row.status !== 'unknown') {
      issue('status', 'a row where nothing was found must be unknown');
    }
    if (row.basis === 'statute' && row.status !== 'unknown' && !row.citation) {
      issue('citation', 'a statute row must cite the statute');
    }
    if (row.status === 'unknown' && row.confidence !== 'low') {
      issue('confidence', 'an unknown row is low confidence');
    }
  });
export type DatasetLaw = z.output<typeof datasetLawSchema>;

/** Sort key: jurisdiction, then offence in taxonomy order (the order the files are kept in). */
export function lawOrder(a: Pick<Law, 'jurisdiction' | 'offence'>, b: Pick<Law, 'jurisdiction' | 'offence'>) {
  return a.jurisdiction === b.jurisdiction
    ? OFFENCES.indexOf(a.offence) - OFFENCES.indexOf(b.offence)
    : a.jurisdiction < b.jurisdiction
      ? -1
      : 1;
}

/** Every row of one .jsonl file, or every problem with its file and line number. */
export function parseLawLines(text: string, file: string): Result<DatasetLaw[], 'invalid-law-rows'> {
  const rows: DatasetLaw[] = [];
  const problems: ErrorDetail[] = [];
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '') {
      return;
    }
    const at = `${file}:${i + 1}`;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch (error) {
      problems.push({ path: at, reason: `not JSON: ${(error as Error).message}` });
      return;
    }
    const parsed = datasetLawSchema.safeParse(json);
    if (parsed.success) {
      rows.push(parsed.data);
    } else {
      problems.push(...zodIssuesToDetails(parsed.error.issues, at));
    }
  });
  return problems.length > 0
    ? { ok: false, reason: 'invalid-law-rows', details: problems }
    : { ok: true, value: rows };
}

const KEY_ORDER = [
  'jurisdiction',
  'offence',
  'status',
  'basis',
  'citation',
  'maxPenaltyYears',
  'since',
  'reason',
  'source',
  'confidence',
  'checked',
  'note',
] as const;

/** One row as one line, keys in a fixed order so that a diff shows only changed facts. */
export function formatLawLine(row: DatasetLaw): string {
  const ordered: Record<string, unknown> = {};
  for (const key of KEY_ORDER) {
    if (row[key] !== undefined) {
      ordered[key] = row[key];
    }
  }
  return JSON.stringify(ordered);
}

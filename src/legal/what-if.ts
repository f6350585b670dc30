// What-if: hypothetical accessions and law changes applied to a copy of the world, answered with the
// changed coverage, havens and pairs. Nothing is stored; the world given is never changed.
import { AppError, type ErrorDetail } from '../platform/errors/app-error.ts';
import { withAccession } from './accession.ts';
import { DEFAULT_THRESHOLD, findHavens, type Haven } from './havens.ts';
import { computeMatrix, coverageOf, verdictOf, type Verdict } from './matrix.ts';
import { zodIssuesToDetails } from '../platform/errors/parse-input.ts';
import { isoDate, lawSchema, type Law } from './schemas.ts';
import type { Measure, Offence } from './taxonomy.ts';
import { indexDerived, indexWorld } from './world-index.ts';
import type { World } from './world.ts';

export type Accession = { jurisdiction: string; instrument: string; from?: string | undefined };
export type WhatIfChanges = { accessions: Accession[]; laws: Law[] };
export type Snapshot = { coverage: number; havens: Haven[] };
export type ChangedPair = { from: string; to: string; before: Verdict; after: Verdict };
export type WhatIfResult = { before: Snapshot; after: Snapshot; changedPairs: ChangedPair[] };

/**
 * The changed world: each accession makes the state a party from `from` (default: the question's
 * date) without reservations; each law row replaces the row for its (jurisdiction, offence).
 * Throws AppError listing every problem (unknown instrument or state, invalid law row).
 */
export function applyChanges(world: World, changes: WhatIfChanges, date: string): World {
  const problems: ErrorDetail[] = [];
  const codes = new Set(world.jurisdictions.map((j) => j.code));
  const ids = new Set(world.instruments.map((i) => i.id));
  changes.accessions.forEach((a, i) => {
    if (!ids.has(a.instrument)) {
      problems.push({ path: `accessions.${i}.instrument`, reason: `no instrument ${a.instrument}` });
    }
    if (!codes.has(a.jurisdiction)) {
      problems.push({
        path: `accessions.${i}.jurisdiction`,
        reason: `${a.jurisdiction} is not in this world`,
      });
    }
    const from = a.from === undefined ? undefined : isoDate.safeParse(a.from);
    if (from && !from.success) {
      problems.push(...zodIssuesToDetails(from.error.issues, `accessions.${i}.from`));
    }
  });
  const keys = new Set<string>();
  changes.laws.forEach((law, i) => {
    const parsed = lawSchema.safeParse(law);
    if (!parsed.success) {
      problems.push(...zodIssuesToDetails(parsed.error.issues, `laws.${i}`));
    }
    if (!codes.has(law.jurisdiction)) {
      problems.push({ path: `laws.${i}.jurisdiction`, reason: `${law.jurisdiction} is not in this world` });
    }
    const key = `${law.jurisdiction}|${law.offence}`;
    if (keys.has(key)) {
      problems.push({ path: `laws.${i}`, reason: `a second row for ${law.jurisdiction} and ${law.offence}` });
    }
    keys.add(key);
  });
  if (problems.length > 0) {
    const only = (word: string) => problems.every((p) => p.path.endsWith(word));
    throw new AppError(
      only('.instrument')
        ? 'LEGAL_UNKNOWN_INSTRUMENT'
        : only('.jurisdiction')
          ? 'LEGAL_UNKNOWN_JURISDICTION'
          : 'LEGAL_INVALID_QUERY',
      `the what-if changes are invalid: ${problems.map((p) => `${p.path} ${p.reason}`).join('; ')}`,
      problems,
    );
  }
  let next = world;
  for (const a of changes.accessions) {
    next = withAccession(next, a.instrument, a.jurisdiction, a.from ?? date);
  }
  if (changes.laws.length > 0) {
    const replaced = new Set(changes.laws.map((l) => `${l.jurisdiction}|${l.offence}`));
    next = {
      ...next,
      laws: [...next.laws.filter((l) => !replaced.has(`${l.jurisdiction}|${l.offence}`)), ...changes.laws],
    };
  }
  return next;
}

/** Coverage and havens before and after the changes, and every pair whose answer changed. */
export function whatIf(
  world: World,
  changes: WhatIfChanges,
  offence: Offence,
  measure: Measure,
  date: string,
  threshold = DEFAULT_THRESHOLD,
): WhatIfResult {
  const beforeIx = indexWorld(world);
  // Derived from the index before: only the instruments and laws the changes touch are re-indexed.
  const afterIx = indexDerived(beforeIx, applyChanges(world, changes, date));
  const before = computeMatrix(beforeIx, offence, measure, date);
  const after = computeMatrix(afterIx, offence, measure, date);
  // Both worlds list the same jurisdictions in the same order, so the answers compare word by word.
  const changedPairs: ChangedPair[] = [];
  for (let q = 0; q < beforeIx.n; q += 1) {
    for (let w = 0; w < beforeIx.words; w += 1) {
      const diff =
        ((before.yes[q]?.[w] ?? 0) ^ (after.yes[q]?.[w] ?? 0)) |
        ((before.undetermined[q]?.[w] ?? 0) ^ (after.undetermined[q]?.[w] ?? 0));
      for (let bit = 0; diff !== 0 && bit < 32; bit += 1) {
        const r = w * 32 + bit;
        if ((diff >>> bit) & 1) {
          changedPairs.push({
            from: beforeIx.codes[r] as string,
            to: beforeIx.codes[q] as string,
            before: verdictOf(before, r, q),
            after: verdictOf(after, r, q),
          });
        }
      }
    }
  }
  return {
    before: {
      coverage: coverageOf(beforeIx, before),
      havens: findHavens(beforeIx, offence, measure, date, threshold, before),
    },
    after: {
      coverage: coverageOf(afterIx, after),
      havens: findHavens(afterIx, offence, measure, date, threshold, after),
    },
    changedPairs,
  };
}

// What-if: hypothetical accessions and law changes applied to a copy of the world, answered with the
// changed coverage and havens. Nothing is stored.
import { countYes, withAccession } from './accession.ts';
import { has, type Bits } from './bitset.ts';
import { findHavens, type Haven } from './havens.ts';
import { computeMatrix, indexWorld, type Matrix } from './matrix.ts';
import type { Law } from './schemas.ts';
import type { Measure, Offence } from './taxonomy.ts';
import type { World } from './world.ts';

export type WhatIfChanges = {
  accessions: { jurisdiction: string; instrument: string; from?: string | undefined }[];
  laws: Law[];
};
export type Snapshot = { coverage: number; havens: Haven[] };
export type WhatIfResult = {
  before: Snapshot;
  after: Snapshot;
  changedPairs: { from: string; to: string; before: string; after: string }[];
};

export function applyChanges(world: World, changes: WhatIfChanges, date: string): World {
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

export function whatIf(
  world: World,
  changes: WhatIfChanges,
  offence: Offence,
  measure: Measure,
  date: string,
  threshold = 0.5,
): WhatIfResult {
  const beforeIx = indexWorld(world);
  const afterIx = indexWorld(applyChanges(world, changes, date));
  const before = computeMatrix(beforeIx, offence, measure, date);
  const after = computeMatrix(afterIx, offence, measure, date);
  const pairs = Math.max(1, beforeIx.n * (beforeIx.n - 1));
  // Both worlds list the same jurisdictions in the same order, so the answers compare bit by bit.
  const label = (m: Matrix, q: number, r: number) =>
    has(m.yes[q] as Bits, r) ? 'yes' : has(m.undetermined[q] as Bits, r) ? 'undetermined' : 'no';
  const changedPairs: WhatIfResult['changedPairs'] = [];
  for (let q = 0; q < beforeIx.n; q += 1) {
    for (let w = 0; w < beforeIx.words; w += 1) {
      const diff =
        (((before.yes[q] as Bits)[w] as number) ^ ((after.yes[q] as Bits)[w] as number)) |
        (((before.undetermined[q] as Bits)[w] as number) ^ ((after.undetermined[q] as Bits)[w] as number));
      for (let bit = 0; diff !== 0 && bit < 32; bit += 1) {
        const r = w * 32 + bit;
        if ((diff >>> bit) & 1 && r !== q) {
          changedPairs.push({
            from: beforeIx.codes[r] as string,
            to: beforeIx.codes[q] as string,
            before: label(before, q, r),
            after: label(after, q, r),
          });
        }
      }
    }
  }
  return {
    before: {
      coverage: countYes(before) / pairs,
      havens: findHavens(beforeIx, offence, measure, date, threshold, before),
    },
    after: {
      coverage: countYes(after) / pairs,
      havens: findHavens(afterIx, offence, measure, date, threshold, after),
    },
    changedPairs,
  };
}

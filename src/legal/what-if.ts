// What-if: hypothetical accessions and law changes applied to a copy of the world, answered with the
// changed coverage and havens. Nothing is stored.
import { withAccession } from './accession.ts';
import { findHavens, type Haven } from './havens.ts';
import { computeMatrix, indexWorld, presentMatrix } from './matrix.ts';
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
  const snapshot = (w: World) => {
    const ix = indexWorld(w);
    const m = computeMatrix(ix, offence, measure, date);
    return {
      ix,
      m,
      shown: presentMatrix(ix, m),
      havens: findHavens(ix, offence, measure, date, threshold, m),
    };
  };
  const before = snapshot(world);
  const after = snapshot(applyChanges(world, changes, date));
  const changedPairs: WhatIfResult['changedPairs'] = [];
  for (const [r, row] of Object.entries(after.shown.answers)) {
    for (const [q, answer] of Object.entries(row)) {
      const old = before.shown.answers[r]?.[q];
      if (old !== answer) {
        changedPairs.push({ from: r, to: q, before: old ?? 'no', after: answer });
      }
    }
  }
  return {
    before: { coverage: before.shown.coverage, havens: before.havens },
    after: { coverage: after.shown.coverage, havens: after.havens },
    changedPairs,
  };
}

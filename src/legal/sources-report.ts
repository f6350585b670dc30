// `accord legal sources`: what the dataset rests on. Facts counted by kind, status, basis and
// confidence; countries × offences coverage; facts without a source (must be none); law facts last
// checked before a date. The JSON shape's first keys are a contract (docs/cli.md).
import { effectiveConfidence } from './world.ts';
import { LAW_BASES, LAW_STATUSES, type Confidence, type Law } from './schemas.ts';
import { BUDAPEST_OFFENCES, OFFENCES, type Offence } from './taxonomy.ts';
import type { World } from './world.ts';

const CONFIDENCES: readonly Confidence[] = ['high', 'medium', 'low'];
type Counts<K extends string> = Record<K, number>;
const zero = <K extends string>(keys: readonly K[]) =>
  Object.fromEntries(keys.map((k) => [k, 0])) as Counts<K>;

export type UnsourcedFact = { kind: 'law' | 'party' | 'reservation' | 'jurisdiction'; about: string };
export type SourcesReport = {
  laws: {
    total: number;
    byStatus: Counts<Law['status']>;
    byConfidence: Counts<Confidence>;
    byBasis: Counts<NonNullable<Law['basis']> | 'unstated'>;
  };
  jurisdictions: {
    total: number;
    /** Jurisdictions with a row (any status, unknown included) for each of the nine Budapest offences. */
    withBudapestOffences: number;
    /** Among those, how many have at least one row that is not `unknown`. */
    withKnownBudapestOffence: number;
    extraditionOfNationalsSourced: number;
  };
  instruments: {
    total: number;
    parties: number;
    partiesByConfidence: Counts<Confidence>;
    reservations: number;
    contactPointsDesignated: number;
  };
  /** Per offence: how many jurisdictions have a row of each status, and how many have none. */
  coverage: Record<Offence, Counts<Law['status'] | 'noRow'>>;
  unsourced: number;
  unsourcedFacts: UnsourcedFact[];
  olderThan: null | {
    date: string;
    laws: number;
    examples: { jurisdiction: string; offence: string; checked: string }[];
  };
  /** Law rows without a `checked` date (so never counted as older than anything). */
  lawsUndated: number;
};

const hasUrl = (s: string | undefined) => s !== undefined && /^https?:\/\/\S+$/.test(s);

export function sourcesReport(world: World, olderThan?: string): SourcesReport {
  const byStatus = zero(LAW_STATUSES);
  const byConfidence = zero(CONFIDENCES);
  const byBasis = zero([...LAW_BASES, 'unstated'] as const);
  const coverage = Object.fromEntries(
    OFFENCES.map((o) => [o, { ...zero(LAW_STATUSES), noRow: world.jurisdictions.length }]),
  ) as SourcesReport['coverage'];
  const unsourcedFacts: UnsourcedFact[] = [];
  for (const law of world.laws) {
    byStatus[law.status] += 1;
    byConfidence[effectiveConfidence(law.confidence)] += 1;
    byBasis[law.basis ?? 'unstated'] += 1;
    coverage[law.offence][law.status] += 1;
    coverage[law.offence].noRow -= 1;
    if (!hasUrl(law.source)) {
      unsourcedFacts.push({ kind: 'law', about: `${law.jurisdiction}/${law.offence}` });
    }
  }
  const rowKeys = new Set(world.laws.map((l) => `${l.jurisdiction}|${l.offence}`));
  const known = new Set(world.laws.filter((l) => l.status !== 'unknown').map((l) => l.jurisdiction));
  const complete = world.jurisdictions.filter((j) =>
    BUDAPEST_OFFENCES.every((o) => rowKeys.has(`${j.code}|${o}`)),
  );
  for (const j of world.jurisdictions) {
    if (j.extraditesNationals !== undefined && !hasUrl(j.extraditesNationalsSource ?? j.source)) {
      unsourcedFacts.push({ kind: 'jurisdiction', about: `${j.code} extraditesNationals` });
    }
  }
  const partiesByConfidence = zero(CONFIDENCES);
  let parties = 0;
  let reservations = 0;
  let contactPoints = 0;
  for (const inst of world.instruments) {
    for (const p of inst.parties) {
      parties += 1;
      partiesByConfidence[effectiveConfidence(p.confidence, inst.confidence)] += 1;
      if (p.contactPoint) {
        contactPoints += 1;
        if (!hasUrl(p.contactPointSource ?? p.source ?? inst.source)) {
          unsourcedFacts.push({ kind: 'party', about: `${inst.id}/${p.jurisdiction} contact point` });
        }
      }
      if (!hasUrl(p.source ?? inst.source)) {
        unsourcedFacts.push({ kind: 'party', about: `${inst.id}/${p.jurisdiction}` });
      }
      for (const r of [...p.reservations, ...(p.offenceReservations ?? [])]) {
        reservations += 1;
        if (!hasUrl(r.source ?? p.source ?? inst.source)) {
          unsourcedFacts.push({ kind: 'reservation', about: `${inst.id}/${p.jurisdiction}` });
        }
      }
    }
  }
  const stale = olderThan ? world.laws.filter((l) => l.checked !== undefined && l.checked < olderThan) : [];
  return {
    laws: { total: world.laws.length, byStatus, byConfidence, byBasis },
    jurisdictions: {
      total: world.jurisdictions.length,
      withBudapestOffences: complete.length,
      withKnownBudapestOffence: complete.filter((j) => known.has(j.code)).length,
      extraditionOfNationalsSourced: world.jurisdictions.filter((j) => j.extraditesNationals !== undefined)
        .length,
    },
    instruments: {
      total: world.instruments.length,
      parties,
      partiesByConfidence,
      reservations,
      contactPointsDesignated: contactPoints,
    },
    coverage,
    unsourced: unsourcedFacts.length,
    unsourcedFacts,
    olderThan: olderThan
      ? {
          date: olderThan,
          laws: stale.length,
          examples: stale
            .slice(0, 20)
            .map((l) => ({ jurisdiction: l.jurisdiction, offence: l.offence, checked: l.checked ?? '' })),
        }
      : null,
    lawsUndated: world.laws.filter((l) => l.checked === undefined).length,
  };
}

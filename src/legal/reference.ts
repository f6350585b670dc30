// A brute-force reading of legal-rules.md v1, written straight from the text and sharing no code with
// the engine (only the world's types), so the differential tests compare two independent readings.
// Slow on purpose: every question walks every instrument, party and law row.
import type { WorldData } from './schemas.ts';

type A = 'yes' | 'no' | 'undetermined';
export type ReferenceAnswer = { answer: A; bases: string[]; reasons: string[]; alternative: string | null };

export function referenceBasis(
  w: WorldData,
  R: string,
  Q: string,
  O: string,
  M: string,
  D: string,
  suspectNational = false,
): ReferenceAnswer {
  const coercive = ['preservation', 'disclosure', 'mla', 'extradition'].includes(M);
  const law = (J: string) => {
    const row = w.laws.find((l) => l.jurisdiction === J && l.offence === O);
    return row && !(row.since && row.since > D) ? row : undefined;
  };
  const applying: { id: string; verdict: A; reasons: string[]; aut: boolean }[] = [];
  for (const I of w.instruments) {
    const inForce = (J: string) =>
      I.parties.find(
        (p) => p.jurisdiction === J && p.from !== undefined && p.from <= D && (!p.until || D < p.until),
      );
    const pr = inForce(R);
    const pq = inForce(Q);
    if (!pr || !pq) {
      continue; // rule 1.1
    }
    if (!(I.measures as string[]).includes(M)) {
      continue; // rule 1.2
    }
    if (!(I.offences === 'all' || (I.offences as string[]).includes(O))) {
      continue; // rule 1.2
    }
    if (coercive && !I.binding) {
      continue; // rule 1.3
    }
    // Rule 2: the default, the instrument's override, then the requested party's reservation.
    let dc = ['mla', 'disclosure', 'extradition'].includes(M);
    const override = (I.dualCriminality as Record<string, boolean | undefined>)[M];
    if (override !== undefined) {
      dc = override;
    }
    for (const res of pq.reservations) {
      if (res.measure === M && res.requireDualCriminality && !(res.exceptOffences as string[]).includes(O)) {
        dc = true;
      }
    }
    const results: string[] = [];
    const reasons: string[] = [];
    if (dc) {
      const sr = law(R)?.status ?? 'unknown';
      const sq = law(Q)?.status ?? 'unknown';
      const ok = (s: string) => s === 'criminalised' || s === 'partial';
      if (sr === 'none' || sq === 'none') {
        results.push('failed');
        reasons.push('dual-criminality-failed');
      } else {
        results.push(ok(sr) && ok(sq) ? 'met' : 'unknown');
      }
    }
    // Rule 3.
    const k = (I.minPenaltyYears as Record<string, number | undefined>)[M];
    if (k !== undefined) {
      const pr2 = law(R)?.maxPenaltyYears;
      const pq2 = law(Q)?.maxPenaltyYears;
      if ((pr2 !== undefined && pr2 < k) || (pq2 !== undefined && pq2 < k)) {
        results.push('failed');
        reasons.push('penalty-below-threshold');
      } else {
        results.push(pr2 !== undefined && pq2 !== undefined ? 'met' : 'unknown');
      }
    }
    // Rule 4 (extraditesNationals defaults to true).
    const q = w.jurisdictions.find((j) => j.code === Q);
    if (M === 'extradition' && suspectNational && q?.extraditesNationals === false) {
      results.push('failed');
      reasons.push('nationals-not-extradited');
    }
    const verdict: A = results.includes('failed')
      ? 'no'
      : results.includes('unknown')
        ? 'undetermined'
        : 'yes';
    applying.push({ id: I.id, verdict, reasons, aut: I.autDedereAutJudicare });
  }
  // Rule 5.
  const bases = applying.filter((a) => a.verdict === 'yes').map((a) => a.id);
  const answer: A =
    bases.length > 0 ? 'yes' : applying.some((a) => a.verdict === 'undetermined') ? 'undetermined' : 'no';
  let reasons: string[] = [];
  if (answer === 'no') {
    reasons =
      applying.length === 0 ? ['no-common-instrument'] : [...new Set(applying.flatMap((a) => a.reasons))];
  }
  const aut = applying.some((a) => a.aut && a.reasons.includes('nationals-not-extradited'));
  return {
    answer,
    bases,
    reasons,
    alternative: answer === 'no' && aut ? 'prosecute-in-requested-state' : null,
  };
}

export function referenceAnswer(w: WorldData, R: string, Q: string, O: string, M: string, D: string): A {
  return referenceBasis(w, R, Q, O, M, D).answer;
}

/** Rule 6 by brute force: every state's reach and the havens, asking every ordered pair. */
export function referenceHavens(w: WorldData, O: string, M: string, D: string, tau: number) {
  const codes = w.jurisdictions.map((j) => j.code);
  const out: { jurisdiction: string; reasons: string[]; reach: number }[] = [];
  for (const Q of codes) {
    const yes = codes.filter((R) => R !== Q && referenceAnswer(w, R, Q, O, M, D) === 'yes').length;
    const reach = codes.length < 2 ? 0 : yes / (codes.length - 1);
    const row = w.laws.find((l) => l.jurisdiction === Q && l.offence === O);
    const status = row && !(row.since && row.since > D) ? row.status : 'unknown';
    const reasons = [
      ...(status === 'none' ? ['not-criminalised'] : []),
      ...(reach < tau ? ['isolated'] : []),
    ];
    if (reasons.length > 0) {
      out.push({ jurisdiction: Q, reasons, reach });
    }
  }
  return out;
}

/** The number of ordered pairs answered yes for (O, M, D), by brute force. */
export function referenceYesCount(w: WorldData, O: string, M: string, D: string): number {
  const codes = w.jurisdictions.map((j) => j.code);
  let n = 0;
  for (const R of codes) {
    for (const Q of codes) {
      if (R !== Q && referenceAnswer(w, R, Q, O, M, D) === 'yes') {
        n += 1;
      }
    }
  }
  return n;
}

/** Rule 7 by brute force: every candidate applied to a copy of the world and every pair re-asked. */
export function referenceRecommend(
  w: WorldData,
  targets: { offence: string; measure: string }[],
  D: string,
  k: number,
): { instrument: string; jurisdiction: string; gain: number }[] {
  const inForce = (I: WorldData['instruments'][number], J: string) =>
    I.parties.some(
      (p) => p.jurisdiction === J && p.from !== undefined && p.from <= D && (!p.until || D < p.until),
    );
  const yesCount = (world: WorldData) =>
    targets.reduce((sum, t) => sum + referenceYesCount(world, t.offence, t.measure, D), 0);
  const out: { instrument: string; jurisdiction: string; gain: number }[] = [];
  let world = w;
  for (let step = 0; step < k; step += 1) {
    const before = yesCount(world);
    let best: { instrument: string; jurisdiction: string; gain: number } | undefined;
    const instruments = [...world.instruments].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const codes = world.jurisdictions.map((j) => j.code).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    for (const I of instruments) {
      const open = I.open ?? I.parties.length > 2;
      for (const J of codes) {
        const required = world.instruments.find((x) => x.id === I.openToPartiesOf);
        if (
          !open ||
          inForce(I, J) ||
          (I.openTo !== undefined && !I.openTo.includes(J)) ||
          (I.openToPartiesOf !== undefined && !(required && inForce(required, J)))
        ) {
          continue;
        }
        const joined: WorldData = {
          ...world,
          instruments: world.instruments.map((x) =>
            x.id === I.id
              ? {
                  ...x,
                  parties: [
                    ...x.parties.filter((p) => p.jurisdiction !== J),
                    { jurisdiction: J, from: D, reservations: [] },
                  ],
                }
              : x,
          ),
        };
        const gain = yesCount(joined) - before;
        if (gain > 0 && (!best || gain > best.gain)) {
          best = { instrument: I.id, jurisdiction: J, gain };
        }
      }
    }
    if (!best) {
      break;
    }
    out.push(best);
    const chosen = best;
    world = {
      ...world,
      instruments: world.instruments.map((x) =>
        x.id === chosen.instrument
          ? {
              ...x,
              parties: [
                ...x.parties.filter((p) => p.jurisdiction !== chosen.jurisdiction),
                { jurisdiction: chosen.jurisdiction, from: D, reservations: [] },
              ],
            }
          : x,
      ),
    };
  }
  return out;
}

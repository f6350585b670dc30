// A brute-force reading of legal-rules.md v1, written straight from the text and sharing no code with
// the engine, so the differential test compares two independent implementations.
import type { WorldData } from './schemas.ts';

type A = 'yes' | 'no' | 'undetermined';

export function referenceAnswer(w: WorldData, R: string, Q: string, O: string, M: string, D: string): A {
  const coercive = ['preservation', 'disclosure', 'mla', 'extradition'].includes(M);
  const law = (J: string) => {
    const row = w.laws.find((l) => l.jurisdiction === J && l.offence === O);
    return row && !(row.since && row.since > D) ? row : undefined;
  };
  const verdicts: A[] = [];
  for (const I of w.instruments) {
    const inForce = (J: string) =>
      I.parties.find(
        (p) => p.jurisdiction === J && p.from !== undefined && p.from <= D && (!p.until || D < p.until),
      );
    const pr = inForce(R);
    const pq = inForce(Q);
    if (
      !pr ||
      !pq ||
      !I.measures.includes(M as never) ||
      !(I.offences === 'all' || I.offences.includes(O as never)) ||
      (coercive && !I.binding)
    ) {
      continue;
    }
    let dc =
      I.dualCriminality[M as keyof typeof I.dualCriminality] ??
      ['mla', 'disclosure', 'extradition'].includes(M);
    if (
      pq.reservations.some(
        (res) => res.measure === M && res.requireDualCriminality && !res.exceptOffences.includes(O as never),
      )
    ) {
      dc = true;
    }
    const results: ('met' | 'failed' | 'unknown')[] = [];
    if (dc) {
      const s = [law(R)?.status ?? 'unknown', law(Q)?.status ?? 'unknown'];
      results.push(
        s.includes('none')
          ? 'failed'
          : s.every((x) => x === 'criminalised' || x === 'partial')
            ? 'met'
            : 'unknown',
      );
    }
    const k = I.minPenaltyYears[M as keyof typeof I.minPenaltyYears];
    if (k !== undefined) {
      const p = [law(R)?.maxPenaltyYears, law(Q)?.maxPenaltyYears];
      results.push(
        p.some((x) => x !== undefined && x < k)
          ? 'failed'
          : p.every((x) => x !== undefined)
            ? 'met'
            : 'unknown',
      );
    }
    verdicts.push(results.includes('failed') ? 'no' : results.includes('unknown') ? 'undetermined' : 'yes');
  }
  return verdicts.includes('yes') ? 'yes' : verdicts.includes('undetermined') ? 'undetermined' : 'no';
}

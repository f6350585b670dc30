// Human-readable renderings of legal answers for the terminal: the answer first, then why, with the
// sources; the date is always printed, and said to be today's when it was defaulted.
import type { Recommendation } from './accession.ts';
import type { BasisAnswer } from './basis.ts';
import type { Fact } from './explain.ts';
import type { Haven } from './havens.ts';
import type { MatrixResult } from './matrix.ts';
import type { CountryPlan } from './plan.ts';

const dateLine = (date: string, defaulted: boolean) =>
  `date: ${date}${defaulted ? ' (today, UTC; set --date to ask about another day)' : ''}`;
const percent = (x: number) => `${(x * 100).toFixed(1)}%`;
const factLine = (f: Fact) =>
  `        · ${f.text}${f.confidence ? ` [${f.confidence} confidence]` : ''}${f.source ? ` <${f.source}>` : ''}`;

export function renderBasis(
  a: BasisAnswer,
  q: { from: string; to: string; offence: string; measure: string; dateDefaulted: boolean },
): string {
  const lines = [
    `${q.from} asking ${q.to} for ${q.measure} (${q.offence}): ${a.answer.toUpperCase()}`,
    dateLine(a.date, q.dateDefaulted),
  ];
  if (a.bases.length > 0) {
    lines.push(`basis: ${a.bases.join(', ')}`);
  }
  if (a.reasons.length > 0) {
    lines.push(`reasons: ${a.reasons.join(', ')}`);
  }
  if (a.alternative) {
    lines.push(`alternative: ${a.alternative}`);
  }
  const applying = a.explanation.filter((e) => e.applies);
  lines.push('', 'instruments that apply:');
  if (applying.length === 0) {
    lines.push(
      '  none: the two states share no instrument in force that gives this measure for this offence',
    );
  }
  for (const e of applying) {
    lines.push(
      `  ${e.instrument} (${e.name}): ${e.verdict}${e.reasons.length ? ` (${e.reasons.join(', ')})` : ''}`,
    );
    for (const c of e.conditions) {
      lines.push(`    - ${c.condition}: ${c.result} — ${c.detail}`);
      lines.push(...c.facts.map(factLine));
    }
    if (e.caveat) {
      lines.push(`    ! not checked by Accord: ${e.caveat}`);
    }
  }
  lines.push('', 'instruments that do not apply:');
  // Instruments neither state is party to are counted, not listed (bilateral treaties are many).
  const notApplying = a.explanation.filter((x) => !x.applies);
  const involving = notApplying.filter((e) => (e.conditions[0]?.facts.length ?? 0) > 0);
  if (involving.length < notApplying.length) {
    lines.push(`  ${notApplying.length - involving.length} instrument(s) to which neither state is party`);
  }
  for (const e of involving) {
    const failed = e.conditions.filter((c) => c.result === 'failed');
    lines.push(`  ${e.instrument}: ${failed.map((c) => c.detail).join('; ')}`);
    lines.push(...failed.flatMap((c) => c.facts.map(factLine)));
  }
  return lines.join('\n');
}

export function renderMatrix(m: MatrixResult, defaulted: boolean): string {
  const n = m.jurisdictions.length;
  const count = (v: string) =>
    Object.values(m.answers).reduce((sum, row) => sum + Object.values(row).filter((x) => x === v).length, 0);
  return [
    `${m.offence}, ${m.measure}: coverage ${percent(m.coverage)} of ${n * (n - 1)} ordered pairs`,
    dateLine(m.date, defaulted),
    `yes ${count('yes')}, undetermined ${count('undetermined')}, no ${count('no')}; use --json for every pair`,
  ].join('\n');
}

export function renderHavens(havens: Haven[], date: string, defaulted: boolean): string {
  return [
    dateLine(date, defaulted),
    `${havens.length} haven(s):`,
    ...havens.map((h) => `  ${h.jurisdiction}  reach ${percent(h.reach)}  ${h.reasons.join(', ')}`),
  ].join('\n');
}

export function renderRecommendations(recs: Recommendation[], date: string, defaulted: boolean): string {
  return [
    dateLine(date, defaulted),
    ...(recs.length === 0
      ? ['no accession would add a basis']
      : recs.map(
          (r, i) =>
            `${i + 1}. ${r.jurisdiction} joins ${r.instrument}: +${r.gain} ordered pairs with a basis`,
        )),
  ].join('\n');
}

export function renderPlan(plans: CountryPlan[], date: string, defaulted: boolean): string {
  const lines = [dateLine(date, defaulted)];
  for (const p of plans) {
    lines.push('', `${p.country}:`);
    for (const m of p.measures) {
      const bases = m.bases.length ? ` (${m.bases.join(', ')})` : '';
      const reasons = m.reasons.length ? ` [${m.reasons.join(', ')}]` : '';
      lines.push(`  ${m.measure.padEnd(24)} ${m.answer}${bases}${reasons}`);
    }
    lines.push(`  extradition if the suspect is a national: ${p.extraditionIfNational}`);
    lines.push(...p.steps.map((s) => `  → ${s.text}`));
  }
  return lines.join('\n');
}

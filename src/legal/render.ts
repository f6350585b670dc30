// Human-readable renderings of legal answers for the terminal: the answer first, then why.
import type { BasisAnswer } from './basis.ts';
import type { Haven } from './havens.ts';
import type { CountryPlan } from './plan.ts';

const dateLine = (date: string, defaulted: boolean) =>
  `date: ${date}${defaulted ? ' (today, UTC; set --date to ask about another day)' : ''}`;

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
  lines.push('', 'instruments that apply:');
  const applying = a.explanation.filter((e) => e.applies);
  if (applying.length === 0) {
    lines.push('  none');
  }
  for (const e of applying) {
    lines.push(`  ${e.instrument}: ${e.verdict}${e.reasons.length ? ` (${e.reasons.join(', ')})` : ''}`);
    for (const c of e.conditions) {
      lines.push(`    - ${c.condition}: ${c.detail}`);
      for (const f of c.facts) {
        lines.push(
          `        ${f.text}${f.confidence ? ` [${f.confidence}]` : ''}${f.source ? ` <${f.source}>` : ''}`,
        );
      }
    }
  }
  lines.push('', 'instruments that do not apply:');
  for (const e of a.explanation.filter((x) => !x.applies)) {
    lines.push(`  ${e.instrument}: ${e.conditions[0]?.detail ?? ''}`);
  }
  return lines.join('\n');
}

export function renderHavens(havens: Haven[], date: string, defaulted: boolean): string {
  return [
    dateLine(date, defaulted),
    ...havens.map((h) => `${h.jurisdiction}  reach ${(h.reach * 100).toFixed(1)}%  ${h.reasons.join(', ')}`),
  ].join('\n');
}

export function renderPlan(plans: CountryPlan[], date: string, defaulted: boolean): string {
  const lines = [dateLine(date, defaulted)];
  for (const p of plans) {
    lines.push('', `${p.country}:`);
    for (const m of p.measures) {
      lines.push(
        `  ${m.measure.padEnd(24)} ${m.answer}${m.bases.length ? ` (${m.bases.join(', ')})` : ''}${m.reasons.length ? ` [${m.reasons.join(', ')}]` : ''}`,
      );
    }
    lines.push(`  extradition if the suspect is a national: ${p.extraditionIfNational}`);
    p.advice.forEach((a) => lines.push(`  → ${a}`));
  }
  return lines.join('\n');
}

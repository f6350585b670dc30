// The human rendering of `accord legal sources`: counts first, then the coverage table, then what
// needs attention (unsourced facts, facts not checked since a date).
import type { SourcesReport } from './sources-report.ts';
import { OFFENCES } from './taxonomy.ts';

const pad = (s: string | number, n: number) => String(s).padStart(n);
const line = (label: string, counts: Record<string, number>) =>
  `  ${label}: ${Object.entries(counts)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ')}`;

export function renderSources(r: SourcesReport): string {
  const out = [
    `Law rows: ${r.laws.total}`,
    line('by status', r.laws.byStatus),
    line('by confidence', r.laws.byConfidence),
    line('by basis', r.laws.byBasis),
    `Jurisdictions: ${r.jurisdictions.total}; with a row for each of the nine Budapest offences: ${r.jurisdictions.withBudapestOffences} (${r.jurisdictions.withKnownBudapestOffence} with at least one known status); extradition of nationals sourced: ${r.jurisdictions.extraditionOfNationalsSourced}`,
    `Instruments: ${r.instruments.total}; parties: ${r.instruments.parties}; reservations: ${r.instruments.reservations}; 24/7 points of contact designated: ${r.instruments.contactPointsDesignated}`,
    line('parties by confidence', r.instruments.partiesByConfidence),
    '',
    `Coverage (jurisdictions per offence)   criminalised partial   none unknown  no row`,
    ...OFFENCES.map((o) => {
      const c = r.coverage[o];
      return `  ${o.padEnd(34)}${pad(c.criminalised, 13)}${pad(c.partial, 8)}${pad(c.none, 7)}${pad(c.unknown, 8)}${pad(c.noRow, 8)}`;
    }),
    '',
    r.unsourced === 0
      ? 'Unsourced facts: 0'
      : `Unsourced facts: ${r.unsourced}\n${r.unsourcedFacts.map((f) => `  ${f.kind} ${f.about}`).join('\n')}`,
  ];
  if (r.olderThan) {
    out.push(
      `Law rows last checked before ${r.olderThan.date}: ${r.olderThan.laws}` +
        r.olderThan.examples.map((e) => `\n  ${e.jurisdiction} ${e.offence} (checked ${e.checked})`).join(''),
    );
  }
  if (r.lawsUndated > 0) {
    out.push(`Law rows without a checked date: ${r.lawsUndated}`);
  }
  return out.join('\n');
}

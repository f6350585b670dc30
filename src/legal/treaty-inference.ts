// Law rows inferred from a treaty obligation: a Party to the Budapest Convention is bound to
// criminalise the offences of its arts 2–10, so where no row was researched for such an offence the
// dataset records `criminalised` (or `partial` under a reservation that narrows the offence),
// confidence medium at best, never presented as a statute.
// @see Convention on Cybercrime (ETS 185) arts 2–10; reservations arts 4(2), 6(3), 9(4), 10(3)
import type { DatasetLaw } from './law-rows.ts';
import type { Confidence, Instrument } from './schemas.ts';
import { BUDAPEST_OFFENCES, OFFENCE_INFO, type Offence } from './taxonomy.ts';

export const BUDAPEST_ID = 'coe-ets-185';

/** The reservation paragraph that may narrow each offence's obligation, where the Convention has one. */
export const NARROWING_RESERVATION: Partial<Record<Offence, string>> = {
  'data-interference': '4(2)',
  'misuse-of-devices': '6(3)',
  csam: '9(4)',
  'copyright-infringement': '10(3)',
};

const atMostMedium = (c: Confidence | undefined): Confidence => (c === 'low' ? 'low' : 'medium');

/**
 * One row per (Budapest party in force from a known date, offence of arts 2–10) that has no row in
 * `researched`; `since` is the date the Convention binds the party, since the obligation starts then.
 */
export function inferTreatyObligations(
  budapest: Instrument,
  researched: readonly Pick<DatasetLaw, 'jurisdiction' | 'offence'>[],
  checked: string,
): DatasetLaw[] {
  const have = new Set(researched.map((r) => `${r.jurisdiction}|${r.offence}`));
  const rows: DatasetLaw[] = [];
  for (const party of budapest.parties) {
    if (party.from === undefined) {
      continue;
    }
    for (const offence of BUDAPEST_OFFENCES) {
      if (have.has(`${party.jurisdiction}|${offence}`)) {
        continue;
      }
      const article = OFFENCE_INFO[offence].articles.budapest ?? '';
      const reservation = party.offenceReservations?.find(
        (r) => r.offence === offence && r.article === NARROWING_RESERVATION[offence],
      );
      const source = party.source ?? budapest.source;
      if (source === undefined) {
        continue;
      }
      rows.push({
        jurisdiction: party.jurisdiction,
        offence,
        status: reservation ? 'partial' : 'criminalised',
        basis: 'treaty-obligation',
        since: party.from,
        reason:
          `treaty obligation, ${article} of the Budapest Convention (party from ${party.from})` +
          (reservation ? `, narrowed by its reservation under art. ${reservation.article}` : ''),
        source: reservation?.source ?? source,
        confidence: atMostMedium(party.confidence ?? budapest.confidence),
        checked,
      });
    }
  }
  return rows;
}

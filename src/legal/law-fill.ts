// The dataset's law rows as a whole: researched rows first, then rows inferred from the Budapest
// obligation, then an honest `unknown` for every remaining (jurisdiction, Budapest offence), citing
// the source that was checked, so that no cell of the nine offences is silently empty.
import type { DatasetLaw } from './law-rows.ts';
import { lawOrder } from './law-rows.ts';
import type { Instrument } from './schemas.ts';
import { BUDAPEST_OFFENCES } from './taxonomy.ts';
import { BUDAPEST_ID, inferTreatyObligations } from './treaty-inference.ts';

/** The tracker that was checked where no offence-level provision was retrieved (yes/no per country only). */
export const NOT_FOUND_SOURCE = 'https://unctad.org/page/cybercrime-legislation-worldwide';
export const NOT_FOUND_REASON =
  'no offence-level provision retrieved; the UNCTAD Global Cyberlaw Tracker, checked, says only whether a country has a cybercrime law';

export type GeneratedRows = { inferred: DatasetLaw[]; notFound: DatasetLaw[] };

export function generateLawRows(
  codes: readonly string[],
  instruments: readonly Instrument[],
  researched: readonly DatasetLaw[],
  checked: string,
): GeneratedRows {
  const budapest = instruments.find((i) => i.id === BUDAPEST_ID);
  const inferred = budapest ? inferTreatyObligations(budapest, researched, checked) : [];
  const have = new Set([...researched, ...inferred].map((r) => `${r.jurisdiction}|${r.offence}`));
  const notFound: DatasetLaw[] = codes.flatMap((jurisdiction) =>
    BUDAPEST_OFFENCES.filter((offence) => !have.has(`${jurisdiction}|${offence}`)).map(
      (offence): DatasetLaw => ({
        jurisdiction,
        offence,
        status: 'unknown',
        basis: 'not-found',
        reason: NOT_FOUND_REASON,
        source: NOT_FOUND_SOURCE,
        confidence: 'low',
        checked,
      }),
    ),
  );
  return { inferred: inferred.sort(lawOrder), notFound: notFound.sort(lawOrder) };
}

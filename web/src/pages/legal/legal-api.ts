// Typed calls to /api/v1/legal for the legal room.
import { api } from '../../api/client.ts';

export type Answer = 'yes' | 'no' | 'undetermined';
export type Fact = {
  about: string;
  text: string;
  source?: string;
  confidence?: 'high' | 'medium' | 'low';
  note?: string;
  basis?: LawBasis;
  inferred?: boolean;
};
export type LawBasis = 'statute' | 'secondary' | 'treaty-obligation' | 'not-found';
export type LawStatus = 'criminalised' | 'partial' | 'none' | 'unknown';
export type LawRow = {
  jurisdiction: string;
  offence: string;
  status: LawStatus;
  basis?: LawBasis;
  citation?: string;
  maxPenaltyYears?: number;
  since?: string;
  reason?: string;
  source?: string;
  confidence?: 'high' | 'medium' | 'low';
  checked?: string;
  note?: string;
};
export type Condition = { condition: string; result: string; detail: string; facts: Fact[] };
export type InstrumentVerdict = {
  instrument: string;
  name: string;
  applies: boolean;
  verdict: string;
  reasons: string[];
  conditions: Condition[];
  caveat?: string;
};
export type BasisAnswer = {
  answer: Answer;
  bases: string[];
  reasons: string[];
  alternative: string | null;
  date: string;
  explanation: InstrumentVerdict[];
};
export type Haven = { jurisdiction: string; reasons: string[]; reach: number };
export type Jurisdiction = { code: string; name: string };
export type Party = {
  jurisdiction: string;
  from?: string;
  until?: string | null;
  confidence?: string;
  note?: string;
  source?: string;
  approximateDate?: boolean;
  fromBasis?: string;
  reservations?: Reservation[];
  offenceReservations?: OffenceReservation[];
  contactPoint?: boolean;
  contactPointSource?: string;
};
/** A reservation making a measure need dual criminality (e.g. Budapest art. 29(4)). */
export type Reservation = {
  measure: string;
  requireDualCriminality: boolean;
  exceptOffences: string[];
  source?: string;
  confidence?: string;
  note?: string;
};
/** A reservation narrowing an offence the party must criminalise (Budapest arts 4(2), 6(3), 9(4), 10(3)). */
export type OffenceReservation = {
  article: string;
  offence: string;
  source?: string;
  confidence?: string;
  note?: string;
};
export type Instrument = {
  id: string;
  name: string;
  binding: boolean;
  measures: string[];
  offences: 'all' | string[];
  note?: string;
  caveat?: string;
  source?: string;
  confidence?: string;
  inForce?: string | null;
  adopted?: string;
  parties: Party[];
};
export type WhatIfResult = {
  before: { coverage: number; havens: Haven[] };
  after: { coverage: number; havens: Haven[] };
  changedPairs: { from: string; to: string; before: string; after: string }[];
};

export type LegalParams = {
  offence: string;
  measure: string;
  date: string;
  world: string;
  includeLowConfidence: boolean;
};
const qs = (params: Record<string, string | boolean | undefined>) =>
  new URLSearchParams(
    Object.entries(params)
      .filter((e): e is [string, string | true] => Boolean(e[1]))
      .map(([k, v]) => [k, String(v)]),
  ).toString();

export const legalApi = {
  jurisdictions: (world: string) =>
    api<{ jurisdictions: Jurisdiction[] }>('GET', `/legal/jurisdictions?${qs({ world })}`),
  laws: (jurisdiction: string) => api<{ laws: LawRow[] }>('GET', `/legal/laws?${qs({ jurisdiction })}`),
  instruments: (world: string) =>
    api<{ instruments: Instrument[] }>('GET', `/legal/instruments?${qs({ world })}`),
  basis: (p: LegalParams & { from: string; to: string; suspectNational: boolean }) =>
    api<BasisAnswer>(
      'GET',
      `/legal/basis?${qs({ ...p, date: p.date || undefined, suspectNational: String(p.suspectNational) })}`,
    ),
  havens: (p: LegalParams, threshold = 0.5) =>
    api<{ havens: Haven[]; reach: Record<string, number>; date: string }>(
      'GET',
      `/legal/havens?${qs({ ...p, date: p.date || undefined, threshold: String(threshold) })}`,
    ),
  matrix: (p: LegalParams) =>
    api<{ jurisdictions: string[]; coverage: number; answers: Record<string, Record<string, Answer>> }>(
      'GET',
      `/legal/matrix?${qs({ ...p, date: p.date || undefined })}`,
    ),
  recommend: (p: LegalParams, k = 5) =>
    api<{ recommendations: { instrument: string; jurisdiction: string; gain: number }[] }>(
      'GET',
      `/legal/recommend?${qs({ ...p, date: p.date || undefined, k: String(k) })}`,
    ),
  whatIf: (p: LegalParams, accessions: { jurisdiction: string; instrument: string }[]) =>
    api<WhatIfResult>('POST', '/legal/what-if', {
      offence: p.offence,
      measure: p.measure,
      world: p.world,
      accessions,
      ...(p.date ? { date: p.date } : {}),
    }),
};

// The slugs come from the engine's own taxonomy (a dependency-free module), so the UI never drifts.
export { MEASURES, OFFENCES } from '../../../../src/legal/taxonomy.ts';

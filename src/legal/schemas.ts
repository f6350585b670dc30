// The world JSON shape (legal-rules.md v1), shared by the built-in dataset and `--world` files, with
// Accord's optional additions: source, confidence and note on facts, `open` on instruments, a party
// `from` that may be absent (not in force, or no date known: such a party never applies), and
// descriptive fields for browsing (ISO alpha-3 and numeric codes, ratification, sources).
import { z } from 'zod';
import { MEASURES, OFFENCES } from './taxonomy.ts';

export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD')
  .refine(
    (d) =>
      !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d),
    'is not a real date',
  );
const code = z.string().regex(/^[A-Z]{2}$/, 'must be a two-letter upper-case code');
/** A year, a month or a day (sources sometimes give only `2014-02`). */
const partialDate = z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'must be YYYY, YYYY-MM or YYYY-MM-DD');
export const confidence = z.enum(['high', 'medium', 'low']);
const measure = z.enum(MEASURES, { error: `must be one of ${MEASURES.join(', ')}` });
const offence = z.enum(OFFENCES, { error: 'is not an offence slug of the taxonomy' });
const sourced = {
  source: z.string().optional(),
  confidence: confidence.optional(),
  note: z.string().optional(),
};

export const jurisdictionSchema = z.object({
  code,
  name: z.string().min(1),
  alpha3: z
    .string()
    .regex(/^[A-Z]{3}$/, 'must be a three-letter upper-case code')
    .optional(),
  numeric: z
    .string()
    .regex(/^\d{3}$/, 'must be a three-digit ISO 3166-1 numeric code')
    .optional(),
  /** Absent means true (legal-rules.md); explanations say when the default decided an answer. */
  extraditesNationals: z.boolean().optional(),
  /** Where the nationals rule was read (the jurisdiction's own `source` is its ISO code's). */
  extraditesNationalsSource: z.string().optional(),
  extraditesNationalsConfidence: confidence.optional(),
  extraditesNationalsNote: z.string().optional(),
  ...sourced,
});
export const LAW_STATUSES = ['criminalised', 'partial', 'none', 'unknown'] as const;
/**
 * Where a law row's status comes from: a statute (or an official extract of it) that was read, a
 * secondary source, an inference from a treaty obligation (never a statute), or nothing found.
 */
export const LAW_BASES = ['statute', 'secondary', 'treaty-obligation', 'not-found'] as const;
export const lawBasis = z.enum(LAW_BASES);
export const lawSchema = z.object({
  jurisdiction: code,
  offence,
  status: z.enum(LAW_STATUSES),
  basis: lawBasis.optional(),
  maxPenaltyYears: z.number().nonnegative().optional(),
  since: isoDate.optional(),
  citation: z.string().optional(),
  /** Why an inferred or unknown row says what it says (e.g. "treaty obligation, art. 2"). */
  reason: z.string().optional(),
  checked: isoDate.optional(),
  ...sourced,
});
export const reservationSchema = z.object({
  measure,
  requireDualCriminality: z.boolean(),
  exceptOffences: z.array(offence).default([]),
  ...sourced,
});
/**
 * A reservation that narrows what a party must criminalise (Budapest arts 4(2), 6(3), 9(4), 10(3)):
 * a row inferred from the treaty obligation is then `partial`, never `criminalised`.
 */
export const offenceReservationSchema = z.object({
  article: z.string().regex(/^\d+\(\d+\)$/, 'must be an article and paragraph such as 6(3)'),
  offence,
  ...sourced,
});
export const partySchema = z.object({
  jurisdiction: code,
  ratified: isoDate.optional(),
  from: isoDate.optional(),
  until: isoDate.nullable().optional(),
  reservations: z.array(reservationSchema).default([]),
  offenceReservations: z.array(offenceReservationSchema).optional(),
  /** Whether the party has designated a 24/7 point of contact (Budapest art. 35 and equivalents). */
  contactPoint: z.boolean().optional(),
  /** Where the designation was read (a declaration under art. 35 or its equivalent). */
  contactPointSource: z.string().optional(),
  /**
   * Present when `from` is not the retrieved entry-into-force date but derived from the sources (for
   * instance the latest date it can be); shown in every explanation that relies on it.
   */
  fromBasis: z.string().optional(),
  /** True exactly when fromBasis is present (kept for the UI's badge). */
  approximateDate: z.boolean().optional(),
  ...sourced,
});
export const instrumentSchema = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'must be lower-case letters, digits and dashes'),
  name: z.string().min(1),
  binding: z.boolean().default(true),
  /** Rule 7: open to accession (default: more than two parties). */
  open: z.boolean().optional(),
  /** Accord extension narrowing `open`: only these states may accede (e.g. signatories of a regional treaty). */
  openTo: z.array(code).optional(),
  /** Accord extension narrowing `open`: only parties (in force) of this instrument may accede (protocols). */
  openToPartiesOf: z.string().optional(),
  /** Why the instrument is (not) open, and to whom (shown with recommendations). */
  openNote: z.string().optional(),
  /** States that signed but are not bound (descriptive; never a basis). */
  signatories: z.array(code).optional(),
  measures: z.array(measure),
  offences: z.union([z.literal('all'), z.array(offence)]),
  dualCriminality: z.partialRecord(measure, z.boolean()).default({}),
  minPenaltyYears: z.partialRecord(measure, z.number().nonnegative()).default({}),
  autDedereAutJudicare: z.boolean().default(false),
  parties: z.array(partySchema),
  adopted: isoDate.optional(),
  inForce: partialDate.nullable().optional(),
  sources: z.array(z.string()).optional(),
  /**
   * What the instrument requires that rules v1 cannot express (e.g. UNTOC's organised-group and
   * transnational conditions): carried by every verdict on it, so an answer never hides it.
   */
  caveat: z.string().optional(),
  /** The shared research note on the instrument, verbatim. */
  sharedNote: z.string().optional(),
  ...sourced,
});
export const worldSchema = z.object({
  jurisdictions: z.array(jurisdictionSchema),
  laws: z.array(lawSchema).default([]),
  instruments: z.array(instrumentSchema).default([]),
});

export type WorldInput = z.input<typeof worldSchema>;
export type WorldData = z.output<typeof worldSchema>;
export type Jurisdiction = WorldData['jurisdictions'][number];
export type Law = WorldData['laws'][number];
export type LawBasis = z.infer<typeof lawBasis>;
export type Instrument = WorldData['instruments'][number];
export type Party = Instrument['parties'][number];
export type Confidence = z.infer<typeof confidence>;

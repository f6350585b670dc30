// The world JSON shape (legal-rules.md v1), shared by the built-in dataset and `--world` files, with
// Accord's optional additions: source, confidence and note on facts, `open` on instruments, and a
// party `from` that may be absent (ratified but not in force: such a party never applies).
import { z } from 'zod';
import { MEASURES, OFFENCES } from './taxonomy.ts';

const date = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD')
  .refine(
    (d) =>
      !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d),
    'is not a real date',
  );
const code = z.string().regex(/^[A-Z]{2}$/, 'must be a two-letter upper-case code');
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
  extraditesNationals: z.boolean().default(true),
  ...sourced,
});
export const lawSchema = z.object({
  jurisdiction: code,
  offence,
  status: z.enum(['criminalised', 'partial', 'none', 'unknown']),
  maxPenaltyYears: z.number().nonnegative().optional(),
  since: date.optional(),
  citation: z.string().optional(),
  checked: date.optional(),
  ...sourced,
});
export const reservationSchema = z.object({
  measure,
  requireDualCriminality: z.boolean(),
  exceptOffences: z.array(offence).default([]),
  ...sourced,
});
export const partySchema = z.object({
  jurisdiction: code,
  from: date.optional(),
  until: date.nullable().optional(),
  reservations: z.array(reservationSchema).default([]),
  /** True when `from` is not this party's own date (not retrieved) but a stand-in, shown in explanations. */
  approximateDate: z.boolean().optional(),
  ...sourced,
});
export const instrumentSchema = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'must be lower-case letters, digits and dashes'),
  name: z.string().min(1),
  binding: z.boolean().default(true),
  open: z.boolean().optional(),
  measures: z.array(measure),
  offences: z.union([z.literal('all'), z.array(offence)]),
  dualCriminality: z.partialRecord(measure, z.boolean()).default({}),
  minPenaltyYears: z.partialRecord(measure, z.number().nonnegative()).default({}),
  autDedereAutJudicare: z.boolean().default(false),
  parties: z.array(partySchema),
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
export type Instrument = WorldData['instruments'][number];
export type Party = Instrument['parties'][number];
export type Confidence = z.infer<typeof confidence>;

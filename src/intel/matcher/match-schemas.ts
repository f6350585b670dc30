// The zod contracts of matching, shared by the API and the web page: a batch of observables (kind
// optional: classified from the value) and the options of a streamed log upload.
import { z } from 'zod';
import { INDICATOR_KINDS } from './entry.ts';
import { EXTRACT_FORMATS } from './extract-formats.ts';

/** Observables in one JSON batch; larger inputs go through the streamed log upload. */
export const MAX_BATCH_OBSERVABLES = 10_000;

export const matchBatchInput = z.object({
  observables: z
    .array(
      z.object({
        kind: z.enum(INDICATOR_KINDS).optional(),
        value: z.string().min(1).max(4096),
      }),
    )
    .min(1)
    .max(MAX_BATCH_OBSERVABLES),
});
export type MatchBatchInput = z.infer<typeof matchBatchInput>;

export const matchQuery = z.object({
  record: z.enum(['sighting']).optional(),
});

export const matchLogQuery = matchQuery.extend({
  format: z.enum(['auto', ...EXTRACT_FORMATS]).default('auto'),
});

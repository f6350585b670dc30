// One matching run over observables (a batch) or a log (a stream): hits as they are found, each
// naming the indicators the reader may see, then a summary; optionally each matched value is
// recorded as a sighting through the sightings code (audited there).
import type { Ctx } from '../../platform/context.ts';
import type { Actor } from '../../platform/access/policy.ts';
import type { Tlp } from '../../platform/access/tlp-policy.ts';
import { reportSighting } from '../sightings.ts';
import { extractObservables, type ExtractionSummary } from './extract-stream.ts';
import type { ExtractFormat } from './extract-formats.ts';
import type { Observable } from './extract-classify.ts';
import type { IndicatorKind } from './entry.ts';
import type { MatcherService } from './matcher-service.ts';
import { findProducers, type ProducerRow } from './matcher-store.ts';
import { classifyValue } from './extract-classify.ts';
import { normaliseValue } from './normalise.ts';
import { ObservableLookup } from './observable-lookup.ts';
import type { MatchBatchInput } from './match-schemas.ts';

export type HitIndicator = {
  id: string;
  type: string;
  name: string | null;
  tlp: Tlp;
  producer: { id: string; name: string | null; country: string | null };
  firstSeen: string;
};
export type MatchHit = {
  kind: IndicatorKind;
  observable: string;
  line?: number;
  field?: string;
  indicators: HitIndicator[];
};
export type MatchSummary = {
  format: ExtractFormat | 'batch' | undefined;
  bytes: number;
  lines: number;
  observables: number;
  hits: number;
  /** Distinct observables that hit, and sightings recorded for them (with record). */
  matchedValues: number;
  sightingsRecorded: number;
  malformed: { unreadable: number; overlong: number; invalidValues: number };
  invalidSamples: ExtractionSummary['invalidSamples'];
};

/** Distinct matched values kept for sightings; beyond it, values are counted but not recorded. */
export const MAX_RECORDED_VALUES = 100_000;

export type MatchRunOptions = { record?: boolean; source?: string };

export type MatchRun = { hits: AsyncIterable<MatchHit>; summary: MatchSummary };

/** Matches the observables of a log read as a stream of chunks. */
export function matchLog(
  ctx: Ctx,
  service: MatcherService,
  actor: Actor,
  source: AsyncIterable<Uint8Array | string>,
  options: MatchRunOptions & { format?: ExtractFormat | 'auto' } = {},
): MatchRun {
  const extraction = extractObservables(source, { format: options.format ?? 'auto' });
  const run = matchBatches(ctx, service, actor, extraction.batches, options);
  return {
    hits: (async function* () {
      yield* run.hits;
      Object.assign(run.summary, {
        format: extraction.summary.format,
        bytes: extraction.summary.bytes,
        lines: extraction.summary.lines,
        malformed: {
          unreadable: extraction.summary.malformedLines - extraction.summary.overlongLines,
          overlong: extraction.summary.overlongLines,
          invalidValues: extraction.summary.invalidValues,
        },
        invalidSamples: extraction.summary.invalidSamples,
      });
    })(),
    summary: run.summary,
  };
}

/** Matches batches of observables already extracted (the API's JSON batch, or a log's batches). */
export function matchBatches(
  ctx: Ctx,
  service: MatcherService,
  actor: Actor,
  batches: AsyncIterable<Observable[]> | Iterable<Observable[]>,
  options: MatchRunOptions = {},
): MatchRun {
  const summary: MatchSummary = {
    format: 'batch',
    bytes: 0,
    lines: 0,
    observables: 0,
    hits: 0,
    matchedValues: 0,
    sightingsRecorded: 0,
    malformed: { unreadable: 0, overlong: 0, invalidValues: 0 },
    invalidSamples: [],
  };
  async function* hits(): AsyncGenerator<MatchHit> {
    const producers = await findProducers(ctx.db);
    const matched = new Map<string, { kind: IndicatorKind; value: string; count: number }>();
    const present = presenter(service, producers);
    const lookup = new ObservableLookup(service.index.matcher);
    for await (const batch of batches) {
      service.expire();
      const mask = service.index.classes.maskFor(actor);
      // The lookup's buffers belong to this run and hold the batch until the next one is looked up.
      lookup.run(batch, 0, batch.length, mask);
      let at = 0;
      for (let i = 0; i < batch.length; i += 1) {
        const o = batch[i] as Observable;
        const count = lookup.counts[i] as number;
        summary.observables += 1;
        at += count;
        if (count === 0) {
          continue;
        }
        const ids = lookup.ids.slice(at - count, at);
        summary.hits += 1;
        const key = `${o.kind} ${o.value}`;
        const seen = matched.get(key);
        if (seen) {
          seen.count += 1;
        } else if (matched.size < MAX_RECORDED_VALUES) {
          matched.set(key, { kind: o.kind, value: o.value, count: 1 });
        }
        yield {
          kind: o.kind,
          observable: o.value,
          ...(o.position.line > 0 ? { line: o.position.line } : {}),
          ...(o.position.field ? { field: o.position.field } : {}),
          indicators: ids.map(present),
        };
      }
    }
    summary.matchedValues = matched.size;
    if (options.record) {
      for (const m of matched.values()) {
        await reportSighting(ctx, actor, {
          kind: m.kind,
          value: m.value,
          count: m.count,
          source: options.source ?? 'accord match',
        });
        summary.sightingsRecorded += 1;
      }
    }
  }
  return { hits: hits(), summary };
}

function presenter(service: MatcherService, producers: Map<string, ProducerRow>) {
  return (entryId: number): HitIndicator => {
    const o = service.index.object(entryId)!;
    const producer = producers.get(o.producerOrganisationId);
    return {
      id: o.stixId,
      type: o.type,
      name: o.name,
      tlp: o.tlp,
      producer: {
        id: o.producerOrganisationId,
        name: producer?.name ?? null,
        country: producer?.country ?? null,
      },
      firstSeen: o.created,
    };
  };
}

/**
 * A JSON batch: hits and the summary at once. An observable without a kind is classified from its
 * value; one that is no valid value of its kind is counted (malformed.invalidValues), never an error.
 */
export async function matchObservableBatch(
  ctx: Ctx,
  service: MatcherService,
  actor: Actor,
  input: MatchBatchInput,
  options: MatchRunOptions = {},
): Promise<{ hits: MatchHit[]; summary: MatchSummary }> {
  const observables: Observable[] = [];
  let invalid = 0;
  input.observables.forEach((o, index) => {
    const classified = o.kind ? { kind: o.kind, value: o.value } : classifyValue(o.value);
    if (!classified || normaliseValue(classified.kind, classified.value) === undefined) {
      invalid += 1;
      return;
    }
    observables.push({ ...classified, position: { line: index + 1, offset: 0 } });
  });
  const run = matchBatches(ctx, service, actor, [observables], options);
  const hits: MatchHit[] = [];
  for await (const hit of run.hits) {
    hits.push(hit);
  }
  run.summary.lines = input.observables.length;
  run.summary.malformed.invalidValues = invalid;
  return { hits, summary: run.summary };
}

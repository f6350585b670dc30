// The global snapshot as one answer: the period and its buckets, values by number of reporting
// countries (with the distribution), activity per country for the map, new values over time, rising
// values, and objects by offence. Every part is computed under the reader's TLP visibility.
import { z } from 'zod';
import type { Ctx } from '../platform/context.ts';
import type { Actor } from '../platform/access/policy.ts';
import { TLP_LEVELS, type Tlp } from '../platform/access/tlp-policy.ts';
import { snapshotAggregates } from './snapshot-store.ts';
import {
  objectsByLabels,
  objectsByProducerCountry,
  objectsByTypes,
  type ClassifierRow,
} from './snapshot-objects-store.ts';
import type { SnapshotFilter } from './snapshot-sql.ts';
import { countByOffence, labelOffence } from './snapshot-offences.ts';

const DAY = 86_400_000;
/** Longest period the snapshot aggregates over (a year): beyond it the page stops being a snapshot. */
export const SNAPSHOT_MAX_DAYS = 366;
/** Periods longer than this are bucketed per week, so the chart keeps readable bars. */
const DAILY_UP_TO_DAYS = 62;

/** A comma-separated list whose every item matches `item` (the whole list is the field in errors). */
const list = (item: string, what: string) =>
  z
    .string()
    .max(2000)
    .regex(new RegExp(`^(${item})(,(${item}))*$`), `must be a comma-separated list of ${what}`)
    .transform((s) => s.split(','))
    .optional();

export const snapshotQuery = z.object({
  days: z.coerce.number().int().min(1).max(SNAPSHOT_MAX_DAYS).default(30),
  /** End of the period (exclusive); defaults to now. */
  until: z.iso.datetime({ offset: true }).optional(),
  tlp: list('clear|green|amber|amber\\+strict|red', `TLP levels (${TLP_LEVELS.join(', ')})`),
  type: list('[a-z0-9-]{1,64}', 'STIX types'),
  kind: list('[a-z0-9-]{1,32}', 'value kinds'),
  country: list('[A-Z]{2}', 'country codes (ISO 3166 alpha-2, upper case)'),
  minCountries: z.coerce.number().int().min(1).max(50).default(2),
  bucket: z.enum(['day', 'week']).optional(),
});
export type SnapshotQuery = z.infer<typeof snapshotQuery>;

export async function buildSnapshot(ctx: Ctx, actor: Actor, query: SnapshotQuery) {
  const until = query.until ? new Date(query.until) : ctx.now();
  const since = new Date(until.getTime() - query.days * DAY);
  const filter: SnapshotFilter = {
    tlps: query.tlp as Tlp[] | undefined,
    types: query.type,
    kinds: query.kind,
    countries: query.country,
    since: since.toISOString(),
    until: until.toISOString(),
  };
  const bucket = query.bucket ?? (query.days > DAILY_UP_TO_DAYS ? 'week' : 'day');
  const [aggregates, classifiers, producers] = await Promise.all([
    snapshotAggregates(ctx.db, actor, filter, {
      minCountries: query.minCountries,
      sharedLimit: 100,
      risingLimit: 15,
      bucket,
    }),
    classifiedObjects(ctx, actor, filter),
    objectsByProducerCountry(ctx.db, actor, filter),
  ]);
  return {
    since: filter.since,
    until: filter.until,
    bucket,
    ...aggregates,
    offences: countByOffence(classifiers),
    producers,
  };
}

/**
 * Objects with what classifies them. Labels decide first (snapshot-offences.ts), so the raw JSON,
 * where indicator_types and malware_types live, is read only for indicators and malware whose
 * labels classify nothing.
 */
async function classifiedObjects(ctx: Ctx, actor: Actor, filter: SnapshotFilter): Promise<ClassifierRow[]> {
  const byLabels = await objectsByLabels(ctx.db, actor, filter);
  const classifying = new Set(byLabels.flatMap((r) => r.labels).filter((l) => labelOffence(l) !== undefined));
  const open = (r: { labels: string[]; typed: boolean }) =>
    r.typed && !r.labels.some((l) => classifying.has(l));
  const typed = byLabels.some(open) ? await objectsByTypes(ctx.db, actor, filter, [...classifying]) : [];
  return [
    ...byLabels
      .filter((r) => !open(r))
      .map((r) => ({ labels: r.labels, indicatorTypes: [], malwareTypes: [], objects: r.objects })),
    ...typed,
  ];
}

export type Snapshot = Awaited<ReturnType<typeof buildSnapshot>>;

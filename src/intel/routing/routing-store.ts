// SQL of routing runs: the objects a run routes (TLP-filtered), the run with its decisions, and the
// per-country and per-team figures of the routing map.
import type { Queryable } from '../../platform/db/pool.ts';
import type { Actor } from '../../platform/access/policy.ts';
import type { Tlp } from '../../platform/access/tlp-policy.ts';
import { visibilityArgs, visibleToSql } from '../visibility-sql.ts';

export type RoutedObjectRow = {
  stix_id: string;
  tlp: Tlp;
  producer_organisation_id: string;
  author_user_id: string | null;
  audience_organisation_ids: string[];
  audience_user_ids: string[];
  raw: string;
};
const COLUMNS =
  'o.stix_id, o.tlp, o.producer_organisation_id, o.author_user_id, o.audience_organisation_ids, o.audience_user_ids, o.raw';

/** Latest, unrevoked versions of the given objects that the actor may see. */
export async function findVisibleObjectsByIds(
  q: Queryable,
  actor: Actor,
  stixIds: string[],
): Promise<RoutedObjectRow[]> {
  const r = await q.query<RoutedObjectRow>(
    `SELECT ${COLUMNS} FROM intel_objects o
      WHERE o.stix_id = ANY($3::text[]) AND o.is_latest AND NOT o.revoked AND ${visibleToSql('o', 1, 2)}`,
    [...visibilityArgs(actor), stixIds],
  );
  return r.rows;
}

/** Latest, unrevoked objects of a collection that the actor may see, in collection order. */
export async function findVisibleObjectsOfCollection(
  q: Queryable,
  actor: Actor,
  collectionId: string,
  limit: number,
): Promise<RoutedObjectRow[]> {
  const r = await q.query<RoutedObjectRow>(
    `SELECT ${COLUMNS} FROM taxii_collection_objects c JOIN intel_objects o ON o.pk = c.object_pk
      WHERE c.collection_id = $3 AND o.is_latest AND NOT o.revoked AND ${visibleToSql('o', 1, 2)}
      ORDER BY c.seq LIMIT $4`,
    [...visibilityArgs(actor), collectionId, limit],
  );
  return r.rows;
}

/** The import's recorded pks as disjoint ranges (batches may overlap where duplicates repeat). */
const IMPORT_RANGES = `SELECT unnest(range_agg(r)) AS r
  FROM intel_import_batches b CROSS JOIN LATERAL unnest(b.pks) AS u(r) WHERE b.import_id = $1`;

/** How many rows an import recorded (stored or matched), whatever their visibility: a progress total. */
export async function countImportObjects(q: Queryable, importId: string): Promise<number> {
  const r = await q.query<{ n: string }>(
    `SELECT coalesce(sum(upper(x.r) - lower(x.r)), 0) AS n FROM (${IMPORT_RANGES}) x`,
    [importId],
  );
  return Number(r.rows[0]?.n ?? 0);
}

/** Ranges fetched per round trip while filling a page. */
const RANGES_PER_QUERY = 64;

/**
 * The next page of an import's objects after `afterPk`, in pk order (keyset: an import may hold a
 * million objects): latest, unrevoked versions the actor may see, with their pk as the next cursor.
 * The import's ranges are walked in order, each in windows of at most the rows still missing from
 * the page: a window of n recorded pks holds at most n rows, so a query never reads more than a page,
 * whatever plan the planner picks (its row estimates lag behind a fresh import).
 */
export async function pageVisibleObjectsOfImport(
  q: Queryable,
  actor: Actor,
  importId: string,
  afterPk: number,
  limit: number,
): Promise<(RoutedObjectRow & { pk: string })[]> {
  const out: (RoutedObjectRow & { pk: string })[] = [];
  let rangeCursor = afterPk;
  for (;;) {
    const ranges = await q.query<{ lo: string; hi: string }>(
      `SELECT greatest(lower(x.r), $2 + 1) AS lo, upper(x.r) AS hi FROM (${IMPORT_RANGES}) x
        WHERE upper(x.r) > $2 + 1 ORDER BY lower(x.r) LIMIT $3`,
      [importId, rangeCursor, RANGES_PER_QUERY],
    );
    for (const range of ranges.rows) {
      const hi = Number(range.hi);
      for (let lo = Number(range.lo); lo < hi;) {
        const windowEnd = Math.min(hi, lo + limit - out.length);
        const r = await q.query<RoutedObjectRow & { pk: string }>(
          `SELECT o.pk, ${COLUMNS} FROM intel_objects o
            WHERE o.pk >= $3 AND o.pk < $4 AND o.is_latest AND NOT o.revoked AND ${visibleToSql('o', 1, 2)}
            ORDER BY o.pk`,
          [...visibilityArgs(actor), lo, windowEnd],
        );
        out.push(...r.rows);
        if (out.length >= limit) {
          return out;
        }
        lo = windowEnd;
      }
      rangeCursor = hi - 1;
    }
    if (ranges.rows.length < RANGES_PER_QUERY) {
      return out;
    }
  }
}

export type RunRow = {
  id: string;
  name: string;
  source_kind: 'objects' | 'collection' | 'list' | 'import';
  source_ref: string | null;
  organisation_id: string;
  created_by: string | null;
  data_versions: Record<string, string>;
  counts: Record<string, number>;
  created_at: string;
};

export async function insertRun(
  q: Queryable,
  run: Omit<RunRow, 'id' | 'created_at'> & { createdAt: string },
): Promise<RunRow> {
  const r = await q.query<RunRow>(
    `INSERT INTO routing_runs (name, source_kind, source_ref, organisation_id, created_by, data_versions, counts, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING *`,
    [
      run.name,
      run.source_kind,
      run.source_ref,
      run.organisation_id,
      run.created_by,
      JSON.stringify(run.data_versions),
      JSON.stringify(run.counts),
      run.createdAt,
    ],
  );
  return r.rows[0] as RunRow;
}

export type DecisionInsert = {
  kind: 'ip' | 'domain';
  value: string;
  objectStixId: string | null;
  tlp: Tlp;
  outcome: 'routed' | 'not-routed';
  countries: string[];
  asn: number | null;
  reason: string;
  flags: string[];
  cirtIds: string[];
  chain: Record<string, unknown>;
  withheld: { cirtId: string; reason: string }[];
};

/**
 * All decisions of a run, 5,000 per statement as parallel arrays (list columns as comma-joined text):
 * several times faster than expanding a JSON array row by row.
 */
export async function insertDecisions(
  q: Queryable,
  runId: string,
  decisions: DecisionInsert[],
  /** The seq before the first of these decisions (a run written page by page). */
  baseSeq = 0,
): Promise<void> {
  for (let start = 0; start < decisions.length; start += 5000) {
    const slice = decisions.slice(start, start + 5000);
    await q.query(
      `INSERT INTO routing_decisions (run_id, seq, kind, value, object_stix_id, tlp, outcome, countries, asn, reason, flags, cirt_ids, chain, withheld)
       SELECT $1, $2 + d.n, d.kind, d.value, d.object_id, d.tlp, d.outcome, string_to_array(d.countries, ','), d.asn, d.reason,
              string_to_array(d.flags, ','), string_to_array(d.cirt_ids, ',')::uuid[], d.chain, d.withheld
         FROM unnest($3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::bigint[], $10::text[],
                     $11::text[], $12::text[], $13::jsonb[], $14::jsonb[])
              WITH ORDINALITY AS d(kind, value, object_id, tlp, outcome, countries, asn, reason, flags, cirt_ids, chain, withheld, n)`,
      [
        runId,
        baseSeq + start,
        slice.map((d) => d.kind),
        slice.map((d) => d.value),
        slice.map((d) => d.objectStixId),
        slice.map((d) => d.tlp),
        slice.map((d) => d.outcome),
        slice.map((d) => d.countries.join(',')),
        slice.map((d) => d.asn),
        slice.map((d) => d.reason),
        slice.map((d) => d.flags.join(',')),
        slice.map((d) => d.cirtIds.join(',')),
        slice.map((d) => JSON.stringify(d.chain)),
        slice.map((d) => JSON.stringify(d.withheld)),
      ],
    );
  }
}

/** A run's counts, known once its last page is written. */
export async function updateRunCounts(
  q: Queryable,
  runId: string,
  counts: Record<string, number>,
): Promise<RunRow> {
  const r = await q.query<RunRow>('UPDATE routing_runs SET counts = $2 WHERE id = $1 RETURNING *', [
    runId,
    JSON.stringify(counts),
  ]);
  return r.rows[0] as RunRow;
}

export async function findRun(q: Queryable, id: string): Promise<RunRow | undefined> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) {
    return undefined;
  }
  const r = await q.query<RunRow>('SELECT * FROM routing_runs WHERE id = $1', [id]);
  return r.rows[0];
}

/** Runs of the given organisations (every run when `organisationIds` is null), newest first. */
export async function listRuns(
  q: Queryable,
  organisationIds: string[] | null,
  limit: number,
): Promise<RunRow[]> {
  const r = await q.query<RunRow>(
    `SELECT * FROM routing_runs WHERE $1::uuid[] IS NULL OR organisation_id = ANY($1)
      ORDER BY created_at DESC, id LIMIT $2`,
    [organisationIds, limit],
  );
  return r.rows;
}

export type CountryFigures = {
  country: string;
  values: number;
  notified: number;
  acknowledged: number;
  withheld: number;
};

/**
 * Per country: values routed there, how many of them reached a team's inbox, how many of those the
 * team acknowledged, and how many were withheld from every team by TLP.
 */
export async function countryFigures(q: Queryable, runId: string): Promise<CountryFigures[]> {
  const r = await q.query<CountryFigures>(
    `WITH per_value AS (
       SELECT d.seq, c.country,
              EXISTS (SELECT 1 FROM notifications n WHERE n.run_id = d.run_id AND n.cirt_id = ANY(d.cirt_ids)
                        AND n.items @> jsonb_build_array(jsonb_build_object('seq', d.seq))) AS notified,
              EXISTS (SELECT 1 FROM notifications n WHERE n.run_id = d.run_id AND n.cirt_id = ANY(d.cirt_ids)
                        AND n.acknowledged_at IS NOT NULL
                        AND n.items @> jsonb_build_array(jsonb_build_object('seq', d.seq))) AS acknowledged,
              jsonb_array_length(d.withheld) > 0 AND cardinality(d.cirt_ids) = jsonb_array_length(d.withheld) AS withheld
         FROM routing_decisions d CROSS JOIN LATERAL unnest(d.countries) AS c(country)
        WHERE d.run_id = $1 AND d.outcome = 'routed')
     SELECT country, count(*)::int AS values, count(*) FILTER (WHERE notified)::int AS notified,
            count(*) FILTER (WHERE acknowledged)::int AS acknowledged, count(*) FILTER (WHERE withheld)::int AS withheld
       FROM per_value GROUP BY country ORDER BY count(*) DESC, country`,
    [runId],
  );
  return r.rows;
}

export type DecisionRow = {
  seq: number;
  kind: 'ip' | 'domain';
  value: string;
  object_stix_id: string | null;
  tlp: Tlp;
  outcome: 'routed' | 'not-routed';
  countries: string[];
  asn: string | null;
  reason: string;
  flags: string[];
  cirt_ids: string[];
  withheld: { cirtId: string; reason: string }[];
};

export async function pageDecisions(
  q: Queryable,
  runId: string,
  afterSeq: number,
  limit: number,
): Promise<DecisionRow[]> {
  const r = await q.query<DecisionRow>(
    `SELECT seq, kind, value, object_stix_id, tlp, outcome, countries, asn, reason, flags, cirt_ids, withheld
       FROM routing_decisions WHERE run_id = $1 AND seq > $2 ORDER BY seq LIMIT $3`,
    [runId, afterSeq, limit],
  );
  return r.rows;
}

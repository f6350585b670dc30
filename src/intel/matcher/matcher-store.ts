// SQL of the store-fed matcher: stored rows in pk order (the start-up load and the catch-up after a
// `accord_intel_written` notification), and the LISTEN connection that wakes the catch-up.
import type { Db, Queryable } from '../../platform/db/pool.ts';
import type { Tlp } from '../../platform/access/tlp-policy.ts';
import { MATCHED_TYPES } from './store-values.ts';

export const INTEL_WRITTEN_CHANNEL = 'accord_intel_written';

export type MatcherRow = {
  pk: number;
  stixId: string;
  type: string;
  isLatest: boolean;
  revoked: boolean;
  created: string;
  validUntil: string | null;
  tlp: Tlp;
  producerOrganisationId: string;
  authorUserId: string | null;
  audienceOrganisationIds: string[];
  audienceUserIds: string[];
  name: string | null;
  /** Only for the types the matcher reads; other rows come back so their pk counts as seen. */
  raw: string | null;
};

const COLUMNS = `o.pk, o.stix_id AS "stixId", o.type, o.is_latest AS "isLatest", o.revoked, o.created,
  o.valid_until AS "validUntil", o.tlp, o.producer_organisation_id AS "producerOrganisationId",
  o.author_user_id AS "authorUserId", o.audience_organisation_ids AS "audienceOrganisationIds",
  o.audience_user_ids AS "audienceUserIds", o.name`;

/** Latest, unrevoked, unexpired rows of the matched types after `afterPk` (start-up load, in pages). */
export async function findLiveMatchableRows(
  q: Queryable,
  afterPk: number,
  now: string,
  limit: number,
): Promise<MatcherRow[]> {
  const r = await q.query<MatcherRow>(
    `SELECT ${COLUMNS}, o.raw FROM intel_objects o
      WHERE o.pk > $1 AND o.is_latest AND NOT o.revoked AND o.type = ANY($2)
        AND (o.valid_until IS NULL OR o.valid_until > $3)
      ORDER BY o.pk LIMIT $4`,
    [afterPk, MATCHED_TYPES, now, limit],
  );
  return r.rows;
}

/** The highest pk in the store (where following starts after the load). */
export async function findMaxObjectPk(q: Queryable): Promise<number> {
  const r = await q.query<{ max: number | null }>('SELECT max(pk) AS max FROM intel_objects');
  return r.rows[0]?.max ?? 0;
}

/**
 * Every row after `afterPk` and every row in the gaps (pk ranges not seen yet: a transaction that took
 * its pks earlier may commit later than one after it), whatever its state, so new versions,
 * revocations and late commits all reach the matcher.
 */
export async function findRowsSince(
  q: Queryable,
  afterPk: number,
  gaps: ReadonlyArray<readonly [number, number]>,
  limit: number,
): Promise<MatcherRow[]> {
  // Two index range scans (after the last pk, inside each gap) rather than one OR that scans the table.
  const r = await q.query<MatcherRow>(
    `SELECT * FROM (
       SELECT ${COLUMNS}, CASE WHEN o.type = ANY($2) THEN o.raw END AS raw FROM intel_objects o WHERE o.pk > $1
       UNION ALL
       SELECT ${COLUMNS}, CASE WHEN o.type = ANY($2) THEN o.raw END AS raw
         FROM unnest($3::bigint[], $4::bigint[]) g(lo, hi) JOIN intel_objects o ON o.pk BETWEEN g.lo AND g.hi
     ) rows ORDER BY pk LIMIT $5`,
    [afterPk, MATCHED_TYPES, gaps.map((g) => g[0]), gaps.map((g) => g[1]), limit],
  );
  return r.rows;
}

export type Listener = { close: () => Promise<void> };

/** Holds one connection listening on the channel; `onNotify` runs for each notification. */
export async function listenIntelWritten(db: Db, onNotify: () => void, onError: (e: Error) => void) {
  const client = await db.connect();
  client.on('notification', (message) => {
    if (message.channel === INTEL_WRITTEN_CHANNEL) {
      onNotify();
    }
  });
  client.on('error', onError);
  await client.query(`LISTEN ${INTEL_WRITTEN_CHANNEL}`);
  return {
    close: async () => {
      client.removeAllListeners('notification');
      await client.query(`UNLISTEN ${INTEL_WRITTEN_CHANNEL}`).catch(() => {});
      client.release();
    },
  } satisfies Listener;
}

export type ProducerRow = { id: string; name: string; country: string };

/** Organisations by id, to name the producer of each hit (a few hundred rows, read once per run). */
export async function findProducers(q: Queryable): Promise<Map<string, ProducerRow>> {
  const r = await q.query<ProducerRow>('SELECT id, name, country FROM organisations');
  return new Map(r.rows.map((row) => [row.id, row]));
}

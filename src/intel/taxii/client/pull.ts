// Pulling a remote TAXII collection into Accord: each page goes through the ingest core with the
// TLP and audience chosen for the source, joins a local collection if asked, and moves the stored
// resume position, all in one transaction, so a pull interrupted anywhere resumes without loss.
import type { Ctx } from '../../../platform/context.ts';
import type { Actor } from '../../../platform/access/policy.ts';
import type { Tlp } from '../../../platform/access/tlp-policy.ts';
import { inTransaction, type Queryable } from '../../../platform/db/pool.ts';
import { ingestStixObjectsIn } from '../../ingest/ingest-batch.ts';
import { emptyCounts, type IngestOutcome } from '../../ingest/ingest-types.ts';
import { addToCollection, findCollectionById } from '../taxii-store.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import type { TaxiiClient } from './taxii-http-client.ts';

export const PULL_PAGE_SIZE = 1000;

/** Where a pull resumes from, read and written inside the page's transaction. */
export type PullPosition = {
  load(q: Queryable): Promise<string | undefined>;
  save(q: Queryable, addedAfter: string): Promise<void>;
};

export type PullInput = {
  client: TaxiiClient;
  url: string;
  remoteCollectionId: string;
  producerOrganisationId: string;
  tlp?: Tlp | undefined;
  audienceOrganisationIds?: string[] | undefined;
  /** A local collection the pulled objects join (what a federation re-serves). */
  targetCollectionId?: string | undefined;
  /** Overrides the stored position (`--since`). */
  since?: string | undefined;
  position: PullPosition;
  source: { kind: 'taxii' | 'feed'; ref: string };
  pageSize?: number;
  onPage?: (p: {
    objects: number;
    counts: Record<IngestOutcome, number>;
    more: boolean;
  }) => Promise<void> | void;
  signal?: AbortSignal;
};

export type PullResult = {
  apiRoot: string;
  pages: number;
  objects: number;
  counts: Record<IngestOutcome, number>;
  lastAddedAfter: string | undefined;
};

export async function pullCollection(ctx: Ctx, actor: Actor, input: PullInput): Promise<PullResult> {
  if (input.targetCollectionId && !(await findCollectionById(ctx.db, input.targetCollectionId))) {
    throw new AppError('TAXII_COLLECTION_NOT_FOUND', `no local collection ${input.targetCollectionId}`);
  }
  const apiRoot = await input.client.resolveApiRoot(input.url);
  let addedAfter = input.since ?? (await input.position.load(ctx.db));
  // The filter a `next` cursor belongs to: the same added_after must accompany it on every page.
  let queryAfter = addedAfter;
  const counts = emptyCounts();
  let next: string | undefined;
  let pages = 0;
  let objects = 0;
  for (;;) {
    input.signal?.throwIfAborted();
    const page = await input.client.getPage(apiRoot, input.remoteCollectionId, {
      addedAfter: queryAfter,
      next,
      limit: input.pageSize ?? PULL_PAGE_SIZE,
    });
    pages += 1;
    const pageCounts = emptyCounts();
    if (page.objects.length > 0 || page.dateAddedLast) {
      await inTransaction(ctx.db, async (tx) => {
        if (page.objects.length > 0) {
          const batch = await ingestStixObjectsIn(tx, ctx, actor, page.objects, {
            producerOrganisationId: input.producerOrganisationId,
            authorUserId: actor.userId,
            ...(input.tlp ? { defaultTlp: input.tlp } : {}),
            audienceOrganisationIds: input.audienceOrganisationIds ?? [],
            source: input.source,
          });
          for (const k of Object.keys(batch.counts) as IngestOutcome[]) {
            pageCounts[k] += batch.counts[k];
          }
          if (input.targetCollectionId) {
            await joinCollection(tx, input.targetCollectionId, batch.results);
          }
        }
        if (page.dateAddedLast) {
          await input.position.save(tx, page.dateAddedLast);
        }
      });
    }
    for (const k of Object.keys(pageCounts) as IngestOutcome[]) {
      counts[k] += pageCounts[k];
    }
    objects += page.objects.length;
    addedAfter = page.dateAddedLast ?? addedAfter;
    await input.onPage?.({ objects: page.objects.length, counts: pageCounts, more: page.more });
    // Servers that page without `next` (TAXII allows it) continue from the last date added instead.
    if (!page.more || page.objects.length === 0) {
      break;
    }
    next = page.next;
    if (next === undefined) {
      if (!page.dateAddedLast) {
        break;
      }
      queryAfter = page.dateAddedLast;
    }
  }
  return { apiRoot, pages, objects, counts, lastAddedAfter: addedAfter };
}

async function joinCollection(
  tx: Queryable,
  collectionId: string,
  results: { id?: string; version?: string; outcome: IngestOutcome }[],
): Promise<void> {
  const stored = results.filter((r) => r.outcome !== 'rejected' && r.id && r.version);
  const pks = await tx.query<{ pk: string }>(
    `SELECT o.pk FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS t(stix_id, version, n)
       JOIN intel_objects o ON o.stix_id = t.stix_id AND o.modified = t.version::timestamptz ORDER BY t.n`,
    [stored.map((r) => r.id), stored.map((r) => r.version)],
  );
  await addToCollection(
    tx,
    collectionId,
    pks.rows.map((r) => Number(r.pk)),
  );
}

/** The position of a manual `accord intel pull`, per organisation, server URL and remote collection. */
export function storedPullPosition(
  ctx: Ctx,
  organisationId: string,
  apiRootUrl: string,
  remoteCollectionId: string,
): PullPosition {
  return {
    async load(q) {
      const r = await q.query<{ last_added_after: string }>(
        `SELECT last_added_after FROM taxii_pull_positions
          WHERE organisation_id = $1 AND api_root_url = $2 AND remote_collection_id = $3`,
        [organisationId, apiRootUrl, remoteCollectionId],
      );
      return r.rows[0]?.last_added_after;
    },
    async save(q, addedAfter) {
      await q.query(
        `INSERT INTO taxii_pull_positions (organisation_id, api_root_url, remote_collection_id, last_added_after, updated_at)
         VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (organisation_id, api_root_url, remote_collection_id)
         DO UPDATE SET last_added_after = EXCLUDED.last_added_after, updated_at = EXCLUDED.updated_at`,
        [organisationId, apiRootUrl, remoteCollectionId, addedAfter, ctx.now().toISOString()],
      );
    },
  };
}

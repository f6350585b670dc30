// What a routing run routes, read from its source: stored objects by id, a TAXII collection, an
// uploaded list, or what an import stored. Objects come through the TLP visibility predicate, so a run
// never reads what its router may not see; each value keeps its object's TLP and audience for the
// release rules. An import is read page by page (it may hold a million objects); the others, bounded
// by their limits, come as one page.
import type { Ctx } from '../../platform/context.ts';
import type { Queryable } from '../../platform/db/pool.ts';
import type { Actor } from '../../platform/access/policy.ts';
import type { SharedResource } from '../../platform/access/tlp-policy.ts';
import { AppError } from '../../platform/errors/app-error.ts';
import { rightsOn, type CollectionRow } from '../taxii/taxii-store.ts';
import { parseValueList, routableValuesOfObject, type RoutableValue } from './routable-values.ts';
import { getImport } from '../ingest/imports.ts';
import {
  countImportObjects,
  findVisibleObjectsByIds,
  findVisibleObjectsOfCollection,
  pageVisibleObjectsOfImport,
  type RoutedObjectRow,
} from './routing-store.ts';
import { MAX_COLLECTION_OBJECTS } from './schemas.ts';

export type SourcedValue = RoutableValue & { objectId: string | null; resource: SharedResource };
export type GatheredValues = {
  values: SourcedValue[];
  /** Object ids asked for that are missing, revoked or not visible (one answer for all three). */
  notFound: string[];
  /** Objects without a routable value (e.g. a hash indicator). */
  withoutValues: number;
  invalidLines: { line: number; text: string }[];
  sourceRef: string | null;
};

export type RunSource =
  | { kind: 'objects'; ids: string[] }
  | { kind: 'collection'; id: string }
  | { kind: 'list'; text: string; tlp: SharedResource['tlp']; fileName?: string | undefined }
  | { kind: 'import'; importId: string };

/** Objects of an import read per page: bounds a run's working set whatever the import's size. */
export const IMPORT_PAGE = 2000;

function valuesOfRows(rows: RoutedObjectRow[]): { values: SourcedValue[]; withoutValues: number } {
  const values: SourcedValue[] = [];
  let withoutValues = 0;
  for (const row of rows) {
    const found = routableValuesOfObject(JSON.parse(row.raw) as Record<string, unknown>);
    if (found.length === 0) {
      withoutValues += 1;
    }
    const resource: SharedResource = {
      tlp: row.tlp,
      producerOrganisationId: row.producer_organisation_id,
      authorUserId: row.author_user_id,
      audienceOrganisationIds: row.audience_organisation_ids,
      audienceUserIds: row.audience_user_ids,
    };
    for (const v of found) {
      values.push({ ...v, objectId: row.stix_id, resource });
    }
  }
  return { values, withoutValues };
}

/**
 * An import may be routed by whoever may see it (the rule of GET /api/v1/intel/imports/:id), once its
 * job has succeeded. Returns its file name for the run's name.
 */
export async function checkImportSource(ctx: Ctx, actor: Actor, importId: string): Promise<string> {
  const view = await getImport(ctx, actor, importId);
  if (view.status !== 'succeeded') {
    throw new AppError('INTEL_ROUTING_IMPORT_UNFINISHED', `import ${importId} is ${view.status}`, [
      { path: 'source.importId', reason: `the import is ${view.status}; route it once it has succeeded` },
    ]);
  }
  return view.fileName;
}

/** One page of a source: its values, and how much of the source's total it covers. */
export type SourcePage = { values: SourcedValue[]; withoutValues: number; units: number };
export type OpenedSource = {
  sourceRef: string | null;
  /** The size of the source in its own units (objects, or values), for progress. */
  total: number;
  notFound: string[];
  invalidLines: { line: number; text: string }[];
  pages: () => AsyncGenerator<SourcePage>;
};

/** Opens a source for a run inside the run's transaction; an import must have passed checkImportSource. */
export async function openRunSource(
  q: Queryable,
  actor: Actor,
  organisationId: string,
  source: RunSource,
  importName?: string,
): Promise<OpenedSource> {
  if (source.kind === 'import') {
    const importId = source.importId;
    return {
      sourceRef: importName ?? importId,
      total: await countImportObjects(q, importId),
      notFound: [],
      invalidLines: [],
      pages: async function* () {
        let after = 0;
        for (;;) {
          const rows = await pageVisibleObjectsOfImport(q, actor, importId, after, IMPORT_PAGE);
          if (rows.length === 0) {
            return;
          }
          const last = Number(rows.at(-1)?.pk);
          yield { ...valuesOfRows(rows), units: rows.length };
          after = last;
        }
      },
    };
  }
  const gathered = await gatherValues(q, actor, organisationId, source);
  return {
    sourceRef: gathered.sourceRef,
    total: gathered.values.length,
    notFound: gathered.notFound,
    invalidLines: gathered.invalidLines,
    pages: async function* () {
      yield { values: gathered.values, withoutValues: gathered.withoutValues, units: gathered.values.length };
    },
  };
}

async function gatherValues(
  q: Queryable,
  actor: Actor,
  organisationId: string,
  source: Exclude<RunSource, { kind: 'import' }>,
): Promise<GatheredValues> {
  switch (source.kind) {
    case 'objects': {
      const ids = [...new Set(source.ids)];
      const rows = await findVisibleObjectsByIds(q, actor, ids);
      const found = new Set(rows.map((r) => r.stix_id));
      return {
        ...valuesOfRows(rows),
        notFound: ids.filter((id) => !found.has(id)),
        invalidLines: [],
        sourceRef: ids.length === 1 ? (ids[0] ?? null) : `${ids.length} objects`,
      };
    }
    case 'collection': {
      const r = await q.query<CollectionRow>('SELECT * FROM taxii_collections WHERE id = $1', [source.id]);
      const collection = r.rows[0];
      if (!collection || !rightsOn(actor, collection).canRead) {
        throw new AppError('INTEL_ROUTING_SOURCE_NOT_FOUND', 'no such collection, or none you may read', [
          { path: 'source.id', reason: 'unknown or unreadable collection' },
        ]);
      }
      const rows = await findVisibleObjectsOfCollection(q, actor, source.id, MAX_COLLECTION_OBJECTS);
      return { ...valuesOfRows(rows), notFound: [], invalidLines: [], sourceRef: collection.title };
    }
    case 'list': {
      const parsed = parseValueList(source.text);
      // The router's organisation vouches for an uploaded list, as the producer of an object would.
      const resource: SharedResource = {
        tlp: source.tlp,
        producerOrganisationId: organisationId,
        authorUserId: actor.userId,
        audienceOrganisationIds: [],
        audienceUserIds: [],
      };
      return {
        values: parsed.values.map((v) => ({ ...v, objectId: null, resource })),
        notFound: [],
        withoutValues: 0,
        invalidLines: parsed.invalid,
        sourceRef: source.fileName ?? null,
      };
    }
  }
}

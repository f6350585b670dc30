// What a routing run routes, gathered from its source: stored objects by id, a TAXII collection, or
// an uploaded list. Objects come through the TLP visibility predicate, so a run never reads what its
// router may not see; each value keeps its object's TLP and audience for the release rules.
import type { Queryable } from '../../platform/db/pool.ts';
import type { Actor } from '../../platform/access/policy.ts';
import type { SharedResource } from '../../platform/access/tlp-policy.ts';
import { AppError } from '../../platform/errors/app-error.ts';
import { rightsOn, type CollectionRow } from '../taxii/taxii-store.ts';
import { parseValueList, routableValuesOfObject, type RoutableValue } from './routable-values.ts';
import {
  findVisibleObjectsByIds,
  findVisibleObjectsOfCollection,
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
  | { kind: 'list'; text: string; tlp: SharedResource['tlp']; fileName?: string | undefined };

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

export async function gatherValues(
  q: Queryable,
  actor: Actor,
  organisationId: string,
  source: RunSource,
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

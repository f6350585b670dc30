// One intel_objects row in COPY's text format: the columns the store queries plus the raw JSON.
import { copyField, textArrayLiteral } from '../../platform/db/copy-rows.ts';
import type { StoredObjectInput } from '../store.ts';

export const OBJECT_COPY_COLUMNS = [
  'pk',
  'stix_id',
  'type',
  'spec_version',
  'created',
  'modified',
  'revoked',
  'valid_from',
  'valid_until',
  'created_by_ref',
  'producer_organisation_id',
  'author_user_id',
  'tlp',
  'audience_organisation_ids',
  'audience_user_ids',
  'name',
  'labels',
  'dedupe_key',
  'raw',
  'is_latest',
] as const;

/**
 * The COPY text of every column but the first (pk, drawn at write time) and the last (is_latest,
 * decided by the batch's plan): built once where the object is prepared, on a worker thread for an
 * import, so the writer only frames it.
 */
export function objectCopyFields(o: StoredObjectInput): string {
  return [
    copyField(o.stixId),
    copyField(o.type),
    copyField(o.specVersion),
    copyField(o.created),
    copyField(o.modified),
    o.revoked ? 't' : 'f',
    copyField(o.validFrom),
    copyField(o.validUntil),
    copyField(o.createdByRef),
    copyField(o.producerOrganisationId),
    copyField(o.authorUserId),
    copyField(o.tlp),
    o.audienceOrganisationIds.length === 0 ? '{}' : copyField(textArrayLiteral(o.audienceOrganisationIds)),
    o.audienceUserIds.length === 0 ? '{}' : copyField(textArrayLiteral(o.audienceUserIds)),
    copyField(o.name),
    o.labels.length === 0 ? '{}' : copyField(textArrayLiteral(o.labels)),
    copyField(o.dedupeKey),
    copyField(o.raw),
  ].join('\t');
}

export function objectCopyRow(pk: number, fields: string, isLatest: boolean): string {
  return `${pk}\t${fields}\t${isLatest ? 't' : 'f'}`;
}

// One intel_objects row in COPY's text format: the columns the store queries plus the raw JSON.
import { copyField, textArrayLiteral } from '../../platform/db/copy-rows.ts';
import type { PreparedObject } from './prepare-object.ts';

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

/** The audience arrays are the batch's, the same for every row: encoded once. */
export function audienceFields(audience: { organisationIds: string[]; userIds: string[] }): string {
  return `${copyField(textArrayLiteral(audience.organisationIds))}\t${copyField(textArrayLiteral(audience.userIds))}`;
}

export function objectCopyRow(pk: number, o: PreparedObject, isLatest: boolean, audience: string): string {
  return [
    pk,
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
    audience,
    copyField(o.name),
    o.labels.length === 0 ? '{}' : copyField(textArrayLiteral(o.labels)),
    copyField(o.dedupeKey),
    copyField(o.raw),
    isLatest ? 't' : 'f',
  ].join('\t');
}

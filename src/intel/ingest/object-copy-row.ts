// One intel_objects row in COPY's binary format: the columns the store queries plus the raw JSON.
import { CopyWriter, OID_TEXT, OID_UUID } from '../../platform/db/copy-binary.ts';
import { timestampParts } from '../stix/timestamp.ts';
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

const writer = new CopyWriter();

function timestamp(w: CopyWriter, text: string | null): void {
  if (text === null) {
    w.null();
  } else {
    const { seconds, micros } = timestampParts(text);
    w.timestampField(seconds, micros);
  }
}

/**
 * The binary COPY fields of every column but the first (pk, drawn at write time) and the last
 * (is_latest, decided by the batch's plan): built once where the object is prepared, on a worker
 * thread for an import, so the writer only frames it. Timestamps must be valid STIX timestamps
 * (validation guarantees it for every column here).
 */
export function objectCopyFields(o: StoredObjectInput): Uint8Array {
  writeObjectFields(o);
  return writer.copy();
}

/**
 * The same fields as a view of a scratch buffer, valid until the next call: for a caller that copies
 * them at once (the import worker packs them into its batch), which saves a copy and an allocation.
 */
export function objectFieldsView(o: StoredObjectInput): Uint8Array {
  writeObjectFields(o);
  return writer.view();
}

function writeObjectFields(o: StoredObjectInput): void {
  const w = writer;
  w.reset();
  w.textField(o.stixId);
  w.textField(o.type);
  w.textField(o.specVersion);
  timestamp(w, o.created);
  timestamp(w, o.modified);
  w.boolField(o.revoked);
  timestamp(w, o.validFrom);
  timestamp(w, o.validUntil);
  w.textField(o.createdByRef);
  w.uuidField(o.producerOrganisationId);
  w.uuidField(o.authorUserId);
  w.textField(o.tlp);
  w.arrayField(o.audienceOrganisationIds, OID_UUID);
  w.arrayField(o.audienceUserIds, OID_UUID);
  w.textField(o.name);
  w.arrayField(o.labels, OID_TEXT);
  w.textField(o.dedupeKey);
  w.textField(o.raw);
}

/** Writes a whole row: pk, the prepared fields, is_latest. */
export function writeObjectRow(w: CopyWriter, pk: number, fields: Uint8Array, isLatest: boolean): void {
  w.int8Field(pk);
  w.bytes(fields);
  w.boolField(isLatest);
}

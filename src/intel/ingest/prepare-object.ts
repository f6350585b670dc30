// Turns one incoming STIX object into the row the store writes, or a rejection with its reason:
// Accord's validation, one TLP (markings, else the default), the dedupe key (canonical pattern or
// normalised value, never a name) and the normalised values it carries for correlation.
import { createHash } from 'node:crypto';
import type { Tlp } from '../../platform/access/tlp-policy.ts';
import { canonicalisePattern } from '../pattern/canonical.ts';
import { parsePatternOnce } from '../pattern/parser.ts';
import { serialisePattern } from '../pattern/serialise.ts';
import { CATEGORY_OF } from '../stix/catalogue.ts';
import { isRecord, type StixRecord } from '../stix/stix-record.ts';
import { validateStixObject } from '../stix/validate-object.ts';
import { tlpOfMarkingDefinition, tlpOfMarkings } from '../tlp.ts';
import type { StoredObjectInput } from '../store.ts';
import { objectCopyFields } from './object-copy-row.ts';
import { timestampMicros } from '../stix/timestamp.ts';
import { patternValues, scoValues, uniqueValues, type ObjectValue } from './object-values.ts';

export type PreparedObject = StoredObjectInput & {
  /** Objects without `modified` (SCOs, marking definitions) have one version: the same id is a duplicate. */
  versioned: boolean;
  /** `modified` in microseconds since the epoch, PostgreSQL's timestamptz precision. */
  modifiedMicros: number;
  values: ObjectValue[];
  /** The row's columns in binary COPY, but pk and is_latest (object-copy-row.ts). */
  row: Uint8Array;
};

/**
 * What the batch writer needs of a prepared object: a worker thread hands over only this
 * (batch-codec.ts). Its type and version text are in its row already.
 */
export type BatchObject = Pick<
  PreparedObject,
  'stixId' | 'modifiedMicros' | 'versioned' | 'dedupeKey' | 'values' | 'row'
>;

export type PrepareContext = {
  producerOrganisationId: string;
  authorUserId: string | null;
  /** TLP of an unmarked object, already resolved (option, producer default or AMBER). */
  defaultTlp: Tlp;
  audienceOrganisationIds: string[];
  audienceUserIds: string[];
  knownMarkingDefinitions: ReadonlyMap<string, unknown>;
  /** Used as created/modified of objects that have neither (SCOs): the time of ingest. */
  nowIso: string;
};

/** Codes a rejected object carries (documented in docs/errors.md). */
export type RejectionCode =
  | 'INTEL_OBJECT_INVALID'
  | 'INTEL_PATTERN_INVALID'
  | 'INTEL_TLP_CONTRADICTORY'
  | 'INTEL_RECORD_MALFORMED'
  | 'INTEL_RECORD_TOO_LARGE';

export type PrepareResult =
  { ok: true; value: PreparedObject } | { ok: false; id?: string; reason: string; code: RejectionCode };

function codeOf(problems: { path: string; reason: string }[]): RejectionCode {
  if (problems.some((p) => p.path === '$.pattern')) {
    return 'INTEL_PATTERN_INVALID';
  }
  // tlp.ts words every contradiction this way.
  return problems.some((p) => p.reason.includes('contradictory TLP'))
    ? 'INTEL_TLP_CONTRADICTORY'
    : 'INTEL_OBJECT_INVALID';
}

// PostgreSQL text cannot hold NUL; JSON escapes it in `raw`, but the indexed columns would fail the batch.
function hasNul(texts: (string | null)[]): boolean {
  return texts.some((t) => t !== null && t.includes('\u0000'));
}

const MAX_REASONS = 5;

function stringOrNull(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

/** Longest dedupe key kept as text (UTF-8 bytes); a b-tree entry holds at most about 2,700. */
const MAX_KEY_BYTES = 1000;

/** `kind text`, or `kind sha256:<hex of text>` when the text is too long for the key's index. */
export function boundedKey(kind: string, text: string): string {
  const key = `${kind} ${text}`;
  return key.length * 3 <= MAX_KEY_BYTES || Buffer.byteLength(key) <= MAX_KEY_BYTES
    ? key
    : `${kind} sha256:${createHash('sha256').update(text).digest('hex')}`;
}

function dedupeOf(object: StixRecord): { key: string | null; values: ObjectValue[] } {
  if (object.type === 'indicator') {
    if (object.pattern_type !== 'stix' || typeof object.pattern !== 'string') {
      return { key: null, values: [] };
    }
    // Validation has just parsed it (parsePatternOnce keeps that parse); it cannot fail for a valid object.
    const parsed = parsePatternOnce(object.pattern);
    if (!parsed.ok) {
      return { key: null, values: [] };
    }
    return {
      key: boundedKey('indicator', serialisePattern(canonicalisePattern(parsed.value))),
      values: patternValues(parsed.value),
    };
  }
  if (CATEGORY_OF.get(String(object.type)) !== 'sco') {
    return { key: null, values: [] };
  }
  const values = uniqueValues(scoValues(object));
  const first = values[0];
  // Address-like SCOs dedupe on their one value; files on their strongest hashes together.
  const key =
    first === undefined
      ? null
      : boundedKey(
          String(object.type),
          values
            .map((v) => `${v.kind}=${v.value}`)
            .sort()
            .join(' '),
        );
  return { key, values };
}

function tlpOf(
  object: StixRecord,
  ctx: PrepareContext,
): { ok: true; tlp: Tlp } | { ok: false; reason: string } {
  if (object.type === 'marking-definition' && tlpOfMarkingDefinition(object) !== undefined) {
    // A TLP marking definition is public: it only names a level.
    return { ok: true, tlp: 'clear' };
  }
  const refs = Array.isArray(object.object_marking_refs) ? (object.object_marking_refs as string[]) : [];
  const result = tlpOfMarkings(refs, ctx.knownMarkingDefinitions);
  if (!result.ok) {
    return { ok: false, reason: result.details.map((d) => `${d.path}: ${d.reason}`).join('; ') };
  }
  return { ok: true, tlp: result.value ?? ctx.defaultTlp };
}

/** No COPY fields yet (prepareObject without them). */
const NO_ROW = new Uint8Array(0);

/**
 * Validates and prepares one object; every problem is a rejection, never an exception. Without
 * `withRow`, the object's `row` is left empty for the caller to build (objectFieldsView).
 */
export function prepareObject(object: unknown, ctx: PrepareContext, withRow = true): PrepareResult {
  const id = isRecord(object) && typeof object.id === 'string' ? object.id : undefined;
  const problems = validateStixObject(object, { knownMarkingDefinitions: ctx.knownMarkingDefinitions });
  if (problems.length > 0 || !isRecord(object) || id === undefined) {
    const shown = problems.slice(0, MAX_REASONS).map((p) => `${p.path}: ${p.reason}`);
    const more = problems.length > MAX_REASONS ? ` (and ${problems.length - MAX_REASONS} more)` : '';
    return {
      ok: false,
      ...(id === undefined ? {} : { id }),
      reason: `${shown.join('; ')}${more}`,
      code: problems.length > 0 ? codeOf(problems) : 'INTEL_OBJECT_INVALID',
    };
  }
  const tlp = tlpOf(object, ctx);
  if (!tlp.ok) {
    return { ok: false, id, reason: tlp.reason, code: 'INTEL_TLP_CONTRADICTORY' };
  }
  let raw: string;
  try {
    raw = JSON.stringify(object);
  } catch (error) {
    return {
      ok: false,
      id,
      reason: `cannot be serialised as JSON: ${(error as Error).message}`,
      code: 'INTEL_OBJECT_INVALID',
    };
  }
  const created = stringOrNull(object.created) ?? ctx.nowIso;
  const modified = stringOrNull(object.modified) ?? stringOrNull(object.created) ?? ctx.nowIso;
  const { key, values } = dedupeOf(object);
  const name = stringOrNull(object.name) ?? stringOrNull(object.value);
  const labels = Array.isArray(object.labels) ? object.labels.filter((l) => typeof l === 'string') : [];
  if (hasNul([id, name, key, ...labels, ...values.map((v) => v.value)])) {
    return {
      ok: false,
      id,
      reason: 'a name, label or value contains a NUL character',
      code: 'INTEL_OBJECT_INVALID',
    };
  }
  const stored: StoredObjectInput = {
    stixId: id,
    type: String(object.type),
    specVersion: stringOrNull(object.spec_version) ?? '2.1',
    created,
    modified,
    revoked: object.revoked === true,
    validFrom: stringOrNull(object.valid_from),
    validUntil: stringOrNull(object.valid_until),
    createdByRef: stringOrNull(object.created_by_ref),
    producerOrganisationId: ctx.producerOrganisationId,
    authorUserId: ctx.authorUserId,
    tlp: tlp.tlp,
    audienceOrganisationIds: ctx.audienceOrganisationIds,
    audienceUserIds: ctx.audienceUserIds,
    name,
    labels,
    dedupeKey: key,
    raw,
  };
  return {
    ok: true,
    value: {
      ...stored,
      versioned: typeof object.modified === 'string',
      modifiedMicros: timestampMicros(modified),
      values,
      row: withRow ? objectCopyFields(stored) : NO_ROW,
    },
  };
}

// Accord's checks of the properties every STIX object shares: type, id, spec_version, timestamps
// and their order, labels, confidence, revoked, extensions and property names.
// @see STIX 2.1 section 3.2 (common properties)
import type { ErrorDetail } from '../../platform/errors/app-error.ts';
import { CATEGORY_OF, ORDERED_TIMESTAMPS, TIMESTAMP_PROPERTIES, type Category } from './catalogue.ts';
import { childPath, isStixTypeName, typeOfIdentifier } from './identifier.ts';
import { compareTimestamps, hasMillisecondPrecision, isStixTimestamp } from './timestamp.ts';
import { isRecord, type StixRecord, type ValidationOptions } from './stix-record.ts';
import { checkExternalReferences, checkMarkings } from './validate-markings.ts';

const PROPERTY_NAME = /^[a-z0-9_]{1,250}$/;
/**
 * Names already found valid: nearly every object of a bundle repeats the same dozen, and a Set lookup
 * of a parsed key costs a fraction of the regular expression. Bounded, so that a file of random keys
 * cannot grow it without end.
 */
const validNames = new Set<string>();
const VALID_NAMES_KEPT = 4096;

function isPropertyName(key: string): boolean {
  if (validNames.has(key)) {
    return true;
  }
  if (!PROPERTY_NAME.test(key)) {
    return false;
  }
  if (validNames.size < VALID_NAMES_KEPT) {
    validNames.add(key);
  }
  return true;
}
const EXTENSION_KEY = /^([a-z][a-z0-9]*(-[a-z0-9]+)*-ext|extension-definition--[0-9a-f-]{36})$/;

/** A custom type is an SCO when an extension says `new-sco`, otherwise it is taken as an SDO. */
export function categoryOf(object: StixRecord): Category {
  const known = CATEGORY_OF.get(String(object.type));
  if (known !== undefined) {
    return known;
  }
  const extensions = isRecord(object.extensions) ? Object.values(object.extensions) : [];
  const kind = extensions
    .map((e) => (isRecord(e) ? e.extension_type : undefined))
    .find((k) => typeof k === 'string');
  return kind === 'new-sco' ? 'sco' : kind === 'new-sro' ? 'sro' : 'sdo';
}

function checkIdentity(object: StixRecord, problems: ErrorDetail[]): void {
  const { type, id } = object;
  if (typeof type !== 'string' || !isStixTypeName(type)) {
    problems.push({
      path: '$.type',
      reason: 'must be a STIX type name: 3–250 characters of a–z, 0–9 and single hyphens',
    });
  }
  const idType = typeOfIdentifier(id);
  if (idType === undefined) {
    problems.push({ path: '$.id', reason: 'must be an identifier <type>--<RFC 4122 UUID>' });
  } else if (idType !== type) {
    problems.push({
      path: '$.id',
      reason: `names type '${idType}' but the object is of type '${String(type)}'`,
    });
  }
}

function checkTimestamps(object: StixRecord, category: Category, problems: ErrorDetail[]): void {
  const valid = new Set<string>();
  for (const key in object) {
    if (!TIMESTAMP_PROPERTIES.has(key)) {
      continue;
    }
    const value = object[key];
    if (typeof value !== 'string' || !isStixTimestamp(value)) {
      problems.push({
        path: childPath('$', key),
        reason: 'must be an RFC 3339 timestamp in UTC ending in Z, e.g. 2024-01-31T12:00:00.000Z',
      });
    } else if (
      (key === 'created' || key === 'modified') &&
      category !== 'sco' &&
      !hasMillisecondPrecision(value)
    ) {
      problems.push({
        path: childPath('$', key),
        reason: 'must be precise to the millisecond (at least 3 fractional digits)',
      });
    } else {
      valid.add(key);
    }
  }
  for (const { from, to, strict, types } of ORDERED_TIMESTAMPS) {
    if (!valid.has(from) || !valid.has(to) || (types && !types.includes(String(object.type)))) {
      continue;
    }
    const a = object[from] as string;
    const b = object[to] as string;
    const order = compareTimestamps(a, b);
    if (order > 0 || (strict && order === 0)) {
      problems.push({
        path: childPath('$', to),
        reason: `must be ${strict ? 'later than' : 'the same as or later than'} ${from} (${a})`,
      });
    }
  }
}

function checkScalars(object: StixRecord, problems: ErrorDetail[]): void {
  const { confidence, labels, revoked, extensions } = object;
  if (
    confidence !== undefined &&
    !(Number.isInteger(confidence) && (confidence as number) >= 0 && (confidence as number) <= 100)
  ) {
    problems.push({ path: '$.confidence', reason: 'must be an integer from 0 to 100' });
  }
  if (
    labels !== undefined &&
    (!Array.isArray(labels) || labels.length === 0 || !labels.every((l) => typeof l === 'string'))
  ) {
    problems.push({ path: '$.labels', reason: 'must be a non-empty list of strings' });
  }
  if (revoked !== undefined && typeof revoked !== 'boolean') {
    problems.push({ path: '$.revoked', reason: 'must be true or false' });
  }
  if (extensions !== undefined) {
    if (!isRecord(extensions) || Object.keys(extensions).length === 0) {
      problems.push({ path: '$.extensions', reason: 'must be a non-empty dictionary' });
    } else {
      for (const [key, value] of Object.entries(extensions)) {
        if (!EXTENSION_KEY.test(key) || !isRecord(value)) {
          problems.push({
            path: childPath('$.extensions', key),
            reason: 'must be an <name>-ext or extension-definition--<uuid> key holding an object',
          });
        }
      }
    }
  }
  for (const key in object) {
    if (!isPropertyName(key)) {
      problems.push({
        path: childPath('$', key),
        reason: 'property names may only hold a–z, 0–9 and underscore',
      });
    }
  }
}

/**
 * The common properties of any STIX object.
 * @see STIX 2.1 section 3.2
 */
export function checkCommonProperties(
  object: StixRecord,
  options: ValidationOptions,
  problems: ErrorDetail[],
): void {
  const category = categoryOf(object);
  checkIdentity(object, problems);
  const required =
    category === 'sco'
      ? []
      : object.type === 'marking-definition'
        ? ['spec_version', 'created']
        : ['spec_version', 'created', 'modified'];
  for (const key of required.filter((k) => object[k] === undefined)) {
    problems.push({
      path: childPath('$', key),
      reason: `is required on ${category === 'meta' ? String(object.type) : `an ${category.toUpperCase()}`}`,
    });
  }
  if (object.spec_version !== undefined && object.spec_version !== '2.1') {
    problems.push({ path: '$.spec_version', reason: "must be '2.1'" });
  }
  checkTimestamps(object, category, problems);
  if (object.external_references !== undefined) {
    checkExternalReferences(object.external_references, problems);
  }
  checkMarkings(object, options, problems);
  checkScalars(object, problems);
}

// Checks specific to object types: required properties, indicator patterns (parsed when
// pattern_type is 'stix'), counts and coordinates, and the values of the common SCOs.
// @see STIX 2.1 sections 4–7 (one subsection per type)
import type { ErrorDetail } from '../../platform/errors/app-error.ts';
import { checkPattern } from '../pattern/check.ts';
import { parsePatternOnce } from '../pattern/parser.ts';
import { REQUIRED } from './catalogue.ts';
import { HEX_DIGEST_LENGTH, canonicalHashAlgorithm } from './hash-algorithms.ts';
import { childPath } from './identifier.ts';
import { normaliseDomain, normaliseEmail, normaliseIpValue } from './normalise.ts';
import { isRecord, type StixRecord } from './stix-record.ts';

type Check = (object: StixRecord, problems: ErrorDetail[]) => void;

const isPresent = (value: unknown) => value !== undefined && value !== null;
const MAC = /^([0-9a-f]{2}:){5}[0-9a-f]{2}$/;

function checkRequired(object: StixRecord, problems: ErrorDetail[]): void {
  for (const rule of REQUIRED[String(object.type)] ?? []) {
    const options = rule.split('|');
    if (!options.some((key) => isPresent(object[key]))) {
      const reason = options.length === 1 ? 'is required' : `one of ${options.join(', ')} is required`;
      problems.push({ path: childPath('$', options[0]!), reason });
    }
  }
}

function checkInteger(
  object: StixRecord,
  key: string,
  min: number,
  max: number,
  problems: ErrorDetail[],
): void {
  const value = object[key];
  if (
    value !== undefined &&
    !(Number.isInteger(value) && (value as number) >= min && (value as number) <= max)
  ) {
    problems.push({ path: childPath('$', key), reason: `must be an integer from ${min} to ${max}` });
  }
}

/** @see STIX 2.1 section 4.7 (indicator) and section 9 (patterning) */
const checkIndicator: Check = (object, problems) => {
  const { pattern, pattern_type: patternType } = object;
  if (typeof pattern !== 'string' || patternType !== 'stix') {
    return;
  }
  const parsed = parsePatternOnce(pattern);
  if (!parsed.ok) {
    const { line, column, message } = parsed.error;
    problems.push({
      path: '$.pattern',
      reason: `invalid STIX pattern at line ${line}, column ${column}: ${message}`,
    });
    return;
  }
  problems.push(...checkPattern(parsed.value).map((reason) => ({ path: '$.pattern', reason })));
};

/** @see STIX 2.1 section 4.11: latitude and longitude come together; precision needs both. */
const checkLocation: Check = (object, problems) => {
  const { latitude, longitude, precision } = object;
  if (latitude !== undefined && (typeof latitude !== 'number' || latitude < -90 || latitude > 90)) {
    problems.push({ path: '$.latitude', reason: 'must be a number from -90.0 to 90.0' });
  }
  if (longitude !== undefined && (typeof longitude !== 'number' || longitude < -180 || longitude > 180)) {
    problems.push({ path: '$.longitude', reason: 'must be a number from -180.0 to 180.0' });
  }
  if ((latitude === undefined) !== (longitude === undefined)) {
    problems.push({
      path: latitude === undefined ? '$.latitude' : '$.longitude',
      reason: 'latitude and longitude go together',
    });
  }
  if (precision !== undefined && latitude === undefined) {
    problems.push({ path: '$.precision', reason: 'needs latitude and longitude' });
  }
};

const SPECIFIC: Readonly<Record<string, Check>> = {
  indicator: checkIndicator,
  location: checkLocation,
  malware: (object, problems) => {
    if (object.is_family === true && !isPresent(object.name)) {
      problems.push({ path: '$.name', reason: 'is required when is_family is true' });
    }
  },
  'observed-data': (object, problems) => {
    checkInteger(object, 'number_observed', 1, 999_999_999, problems);
    if (isPresent(object.objects) && isPresent(object.object_refs)) {
      problems.push({ path: '$.objects', reason: 'objects and object_refs may not both be present' });
    }
  },
  sighting: (object, problems) => checkInteger(object, 'count', 0, 999_999_999, problems),
  relationship: (object, problems) => {
    if (typeof object.relationship_type !== 'string' || !/^[a-z0-9-]+$/.test(object.relationship_type)) {
      problems.push({ path: '$.relationship_type', reason: 'must hold only a–z, 0–9 and hyphen' });
    }
  },
  'ipv4-addr': (object, problems) =>
    checkValue(object, (v) => normaliseIpValue(4, v), 'an IPv4 address or CIDR block', problems),
  'ipv6-addr': (object, problems) =>
    checkValue(object, (v) => normaliseIpValue(6, v), 'an IPv6 address or CIDR block', problems),
  'domain-name': (object, problems) => checkValue(object, normaliseDomain, 'a domain name', problems),
  'email-addr': (object, problems) => checkValue(object, normaliseEmail, 'an e-mail address', problems),
  url: (object, problems) =>
    checkValue(object, (v) => (URL.canParse(v) ? v : undefined), 'an absolute URL', problems),
  'mac-addr': (object, problems) =>
    checkValue(
      object,
      (v) => (MAC.test(v) ? v : undefined),
      'a lower-case, colon-separated MAC-48 address',
      problems,
    ),
  'autonomous-system': (object, problems) => checkInteger(object, 'number', 0, 4_294_967_295, problems),
};

function checkValue(
  object: StixRecord,
  read: (text: string) => string | undefined,
  what: string,
  problems: ErrorDetail[],
): void {
  const { value } = object;
  if (value !== undefined && (typeof value !== 'string' || read(value) === undefined)) {
    problems.push({ path: '$.value', reason: `must be ${what}` });
  }
}

/** Digests under a hashes dictionary must fit their algorithm. @see STIX 2.1 section 2.7 */
export function checkHashes(hashes: unknown, path: string, problems: ErrorDetail[]): void {
  if (!isRecord(hashes) || Object.keys(hashes).length === 0) {
    problems.push({ path, reason: 'must be a non-empty dictionary of algorithm to digest' });
    return;
  }
  for (const [key, digest] of Object.entries(hashes)) {
    const name = canonicalHashAlgorithm(key);
    const length = name === undefined ? undefined : HEX_DIGEST_LENGTH[name];
    const ok =
      typeof digest === 'string' &&
      (length === undefined ? digest !== '' : digest.length === length && /^[0-9a-fA-F]+$/.test(digest));
    if (!ok) {
      problems.push({
        path: childPath(path, key),
        reason: length ? `must be ${length} hex digits (${name})` : 'must be a non-empty string',
      });
    }
  }
}

/** Checks the rules of the object's own type; unknown (custom) types have none. */
export function checkTypeRules(object: StixRecord, problems: ErrorDetail[]): void {
  checkRequired(object, problems);
  SPECIFIC[String(object.type)]?.(object, problems);
  if (object.hashes !== undefined) {
    checkHashes(object.hashes, '$.hashes', problems);
  }
}

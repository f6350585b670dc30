// Reference properties: every *_ref holds an identifier and every *_refs a non-empty list of them,
// and the references STIX types point at objects of the right types (created_by_ref → identity…).
// @see STIX 2.1 section 3.2 (created_by_ref, object_marking_refs) and each type's relationships
import type { ErrorDetail } from '../../platform/errors/app-error.ts';
import { CATEGORY_OF } from './catalogue.ts';
import { REFERENCE_TARGETS } from './reference-targets.ts';
import { childPath, typeOfIdentifier } from './identifier.ts';
import { isRecord, type StixRecord } from './stix-record.ts';

const COMMON_TARGETS: Readonly<Record<string, readonly string[]>> = {
  created_by_ref: ['identity'],
  object_marking_refs: ['marking-definition'],
};

/** Custom types are unknown: they may stand where any SDO or SCO may. */
function fits(targetType: string, allowed: readonly string[]): boolean {
  const category = CATEGORY_OF.get(targetType);
  return (
    allowed.includes('*') ||
    allowed.includes(targetType) ||
    (allowed.includes('sdo') && (category === 'sdo' || category === undefined)) ||
    (allowed.includes('sco') && (category === 'sco' || category === undefined))
  );
}

function describe(allowed: readonly string[]): string {
  return allowed.map((a) => (a === 'sdo' ? 'an SDO' : a === 'sco' ? 'an SCO' : a)).join(' or ');
}

function checkReference(
  path: string,
  value: unknown,
  allowed: readonly string[] | undefined,
  problems: ErrorDetail[],
): void {
  const type = typeOfIdentifier(value);
  if (type === undefined) {
    problems.push({ path, reason: 'must be an identifier <type>--<uuid>' });
  } else if (allowed !== undefined && !fits(type, allowed)) {
    problems.push({ path, reason: `must refer to ${describe(allowed)}, not to a ${type}` });
  }
}

function checkProperty(
  path: string,
  key: string,
  value: unknown,
  allowed: readonly string[] | undefined,
  problems: ErrorDetail[],
): void {
  if (key.endsWith('_ref')) {
    checkReference(path, value, allowed, problems);
  } else if (!Array.isArray(value) || value.length === 0) {
    problems.push({ path, reason: 'must be a non-empty list of identifiers' });
  } else {
    value.forEach((item, i) => checkReference(childPath(path, i), item, allowed, problems));
  }
}

const NO_TARGETS: Readonly<Record<string, readonly string[]>> = {};
const TARGETS_BY_TYPE = new Map<string, Readonly<Record<string, readonly string[]>>>();

/** The typed references of an object type, merged once per type. */
function targetsOf(type: string): Readonly<Record<string, readonly string[]>> {
  let targets = TARGETS_BY_TYPE.get(type);
  if (targets === undefined) {
    targets = { ...COMMON_TARGETS, ...REFERENCE_TARGETS[type] };
    // Unknown types are not cached: an attacker's bundle must not grow the map without end.
    if (REFERENCE_TARGETS[type] !== undefined) {
      TARGETS_BY_TYPE.set(type, targets);
    }
  }
  return targets;
}

/** Walks nested objects and lists; observed-data `objects` holds local keys, not identifiers. */
function walk(
  value: unknown,
  path: string,
  targets: Readonly<Record<string, readonly string[]>>,
  problems: ErrorDetail[],
): void {
  if (Array.isArray(value)) {
    value.forEach((item, i) => {
      if (typeof item === 'object' && item !== null) {
        walk(item, childPath(path, i), NO_TARGETS, problems);
      }
    });
    return;
  }
  if (!isRecord(value)) {
    return;
  }
  for (const key in value) {
    const child = value[key];
    // Paths are built only where a reference is checked or a nested value walked: most properties
    // of most objects are plain strings, and ingest validates every object.
    if (key.endsWith('_ref') || key.endsWith('_refs')) {
      checkProperty(childPath(path, key), key, child, targets[key], problems);
    } else if (typeof child === 'object' && child !== null && !(path === '$' && key === 'objects')) {
      walk(child, childPath(path, key), NO_TARGETS, problems);
    }
  }
}

// Typed references inside the items of lists, keyed by the property that holds the list.
const ITEM_TARGETS: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>> = {
  granular_markings: { marking_ref: ['marking-definition'] },
  body_multipart: { body_raw_ref: ['artifact', 'file'] },
};

/** Checks references, including the typed ones inside granular markings and MIME parts. */
export function checkReferences(object: StixRecord, problems: ErrorDetail[]): void {
  const targets = targetsOf(String(object.type));
  walk(object, '$', targets, problems);
  for (const [key, itemTargets] of Object.entries(ITEM_TARGETS)) {
    const list = object[key];
    if (!Array.isArray(list)) {
      continue;
    }
    list.forEach((item, i) => {
      for (const [refKey, allowed] of Object.entries(itemTargets)) {
        const ref = isRecord(item) ? item[refKey] : undefined;
        const type = typeOfIdentifier(ref);
        if (type !== undefined && !fits(type, allowed)) {
          problems.push({
            path: childPath(childPath(childPath('$', key), i), refKey),
            reason: `must refer to ${describe(allowed)}, not to a ${type}`,
          });
        }
      }
    });
  }
}

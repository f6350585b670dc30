// A STIX object as parsed JSON, before validation, and the options of Accord's validation.

export type StixRecord = Record<string, unknown>;

/** Marking definitions the caller knows (e.g. from the same bundle), by id, for resolving TLP. */
export type ValidationOptions = { knownMarkingDefinitions?: ReadonlyMap<string, unknown> };

export function isRecord(value: unknown): value is StixRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// Parses the TAXII 2.1 query parameters of objects, manifest and versions requests.
// @see TAXII 2.1 section 3.4 (filtering) and 3.5 (pagination).
import type { ErrorDetail } from '../../platform/errors/app-error.ts';

export const TAXII_DEFAULT_LIMIT = 1000;
export const TAXII_MAX_LIMIT = 10_000;

export type VersionMatch = { last: boolean; first: boolean; all: boolean; timestamps: string[] };
export type TaxiiFilter = {
  addedAfter: string | undefined;
  limit: number;
  next: string | undefined;
  ids: string[] | undefined;
  types: string[] | undefined;
  versions: VersionMatch;
  specVersions: string[] | undefined;
};

const STIX_ID = /^[a-z0-9][a-z0-9-]+[a-z0-9]--[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const STIX_TYPE = /^[a-z0-9][a-z0-9-]{1,248}[a-z0-9]$/;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$/;

const list = (value: unknown) =>
  typeof value === 'string' && value !== '' ? value.split(',').map((v) => v.trim()) : undefined;

export function parseTaxiiFilter(
  query: Record<string, unknown>,
  defaultVersion: 'last' | 'all' = 'last',
): { ok: true; filter: TaxiiFilter } | { ok: false; details: ErrorDetail[] } {
  const details: ErrorDetail[] = [];
  const addedAfter = typeof query.added_after === 'string' ? query.added_after : undefined;
  if (addedAfter !== undefined && (!TIMESTAMP.test(addedAfter) || Number.isNaN(Date.parse(addedAfter)))) {
    details.push({ path: 'added_after', reason: 'must be a UTC timestamp like 2026-11-22T09:00:00.000Z' });
  }
  let limit = TAXII_DEFAULT_LIMIT;
  if (query.limit !== undefined) {
    limit = Number(query.limit);
    if (!Number.isInteger(limit) || limit < 1) {
      details.push({ path: 'limit', reason: 'must be a positive whole number' });
    }
    limit = Math.min(limit, TAXII_MAX_LIMIT);
  }
  const ids = list(query['match[id]']);
  ids
    ?.filter((id) => !STIX_ID.test(id))
    .forEach((id) => details.push({ path: 'match[id]', reason: `"${id}" is not a STIX identifier` }));
  const types = list(query['match[type]']);
  types
    ?.filter((t) => !STIX_TYPE.test(t))
    .forEach((t) => details.push({ path: 'match[type]', reason: `"${t}" is not a STIX type name` }));
  const specVersions = list(query['match[spec_version]']);
  specVersions
    ?.filter((v) => !/^2\.[01]$/.test(v))
    .forEach((v) => details.push({ path: 'match[spec_version]', reason: `"${v}" is not 2.0 or 2.1` }));
  const versions: VersionMatch = { last: false, first: false, all: false, timestamps: [] };
  for (const v of list(query['match[version]']) ?? [defaultVersion]) {
    if (v === 'last' || v === 'first' || v === 'all') {
      versions[v] = true;
    } else if (TIMESTAMP.test(v) && !Number.isNaN(Date.parse(v))) {
      versions.timestamps.push(new Date(v).toISOString());
    } else {
      details.push({ path: 'match[version]', reason: `"${v}" is not last, first, all or a timestamp` });
    }
  }
  const next = typeof query.next === 'string' ? query.next : undefined;
  if (details.length > 0) {
    return { ok: false, details };
  }
  return {
    ok: true,
    filter: {
      // Kept as sent: Date would drop microseconds, and membership times differ by one microsecond.
      addedAfter,
      limit,
      next,
      ids,
      types,
      versions,
      specVersions,
    },
  };
}

// What the matcher indexes and how a reader's visibility is expressed. One index serves every reader:
// each entry carries a visibility class id and a lookup drops the hits the reader's filter rejects.
import type { Result } from '../../platform/errors/app-error.ts';

export const INDICATOR_KINDS = ['ipv4', 'ipv6', 'domain', 'url', 'email', 'md5', 'sha1', 'sha256'] as const;
export type IndicatorKind = (typeof INDICATOR_KINDS)[number];

/**
 * One indicator value. entryId is the caller's integer id (several entries may share it, e.g. the
 * values of one OR pattern); ipv4/ipv6 values are addresses or CIDR ranges.
 */
export type MatchEntry = { entryId: number; kind: IndicatorKind; value: string; visibility: number };

/** Entry ids are stored in Int32Array (-1 marks a removed slot); classes in Uint16Array. */
export const MAX_ENTRY_ID = 0x7fffffff;
export const MAX_VISIBILITY_CLASS = 0xffff;

export type AddRejection = 'invalid-value' | 'invalid-entry-id' | 'invalid-visibility';
export type AddResult = Result<void, AddRejection>;

/** A precomputed bitset over visibility class ids, or a predicate (slower, for ad-hoc readers). */
export type VisibilityFilter = Uint32Array | ((visibilityClass: number) => boolean);

/** The interface shared by the indexed matcher and the naive reference matcher. */
export interface Matcher {
  /** Adds an entry, or updates its visibility if (entryId, kind, value) is already present. */
  add(entry: MatchEntry): AddResult;
  /** Removes (entryId, kind, value); false if it was not present. */
  remove(entry: Omit<MatchEntry, 'visibility'>): boolean;
  /**
   * Entry ids of every visible entry covering the observable, most specific first (longest prefix,
   * longest domain suffix), then by entry id. An invalid observable matches nothing.
   */
  match(kind: IndicatorKind, value: string, filter: VisibilityFilter): number[];
  /** Hot path for parsed addresses: appends hits to out (same order as match), returns their count. */
  matchIPv4(address: number, filter: VisibilityFilter, out: number[]): number;
  matchIPv6(words: Uint32Array, filter: VisibilityFilter, out: number[]): number;
  /**
   * Many parsed addresses at once (log matching): appends the hits of each address to out in
   * address order, sets counts[i] to the number of hits of addresses[i], returns the total.
   */
  matchIPv4Batch(
    addresses: Uint32Array,
    filter: VisibilityFilter,
    counts: Uint32Array,
    out: number[],
  ): number;
  /** Number of live entries. */
  readonly size: number;
}

export function validateEntryNumbers(entry: MatchEntry): AddResult {
  if (!Number.isInteger(entry.entryId) || entry.entryId < 0 || entry.entryId > MAX_ENTRY_ID) {
    return { ok: false, reason: 'invalid-entry-id' };
  }
  if (
    !Number.isInteger(entry.visibility) ||
    entry.visibility < 0 ||
    entry.visibility > MAX_VISIBILITY_CLASS
  ) {
    return { ok: false, reason: 'invalid-visibility' };
  }
  return { ok: true, value: undefined };
}

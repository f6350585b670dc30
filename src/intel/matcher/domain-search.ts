// Subdomain matching over a hashed table of reversed domains: the observable is reversed once
// ("a.example.com" → "moc.elpmaxe.a"), hashed left to right, and probed at every label boundary, so
// "com", "example.com" and "a.example.com" cost one pass and one probe each.
import {
  collectGroup,
  findGroup,
  finishHash,
  HASH_SEED_1,
  HASH_SEED_2,
  stepHash1,
  stepHash2,
  type ByteTable,
} from './byte-table.ts';
import type { VisibilityFilter } from './entry.ts';
import type { HitList } from './hits.ts';

// A domain has at most 127 labels (253 characters).
const groups = new Int32Array(128);
const lengths = new Int32Array(128);

/** Appends visible hits for the reversed domain key[0, length), longest suffix first. */
export function searchSuffixes(
  table: ByteTable,
  key: Uint8Array,
  length: number,
  filter: VisibilityFilter,
  hits: HitList,
): void {
  let found = 0;
  let h1 = HASH_SEED_1;
  let h2 = HASH_SEED_2;
  for (let i = 0; i <= length; i += 1) {
    if (i === length || key[i] === 46) {
      const group = findGroup(table, key, i, finishHash(h1, i), finishHash(h2, i));
      if (group >= 0) {
        groups[found] = group;
        lengths[found] = i;
        found += 1;
      }
    }
    if (i < length) {
      h1 = stepHash1(h1, key[i]!);
      h2 = stepHash2(h2, key[i]!);
    }
  }
  for (let f = found - 1; f >= 0; f -= 1) {
    collectGroup(table, groups[f]!, filter, hits, lengths[f]);
  }
}

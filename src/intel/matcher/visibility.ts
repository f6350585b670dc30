// Reader filters over visibility class ids: a bitset computed once per reader (TLP, audience and
// sharing scope already folded into class ids by the caller) and tested per hit inside the lookup.
import { MAX_VISIBILITY_CLASS, type VisibilityFilter } from './entry.ts';

/** A bitset of the classes a reader may see, from the ids or from a predicate over 0..maxClass. */
export function createVisibilityMask(
  classes: Iterable<number> | ((visibilityClass: number) => boolean),
  maxClass = MAX_VISIBILITY_CLASS,
): Uint32Array {
  const mask = new Uint32Array((maxClass >>> 5) + 1);
  const set = (c: number) => {
    if (Number.isInteger(c) && c >= 0 && c <= maxClass) {
      mask[c >>> 5] = mask[c >>> 5]! | (1 << (c & 31));
    }
  };
  if (typeof classes === 'function') {
    for (let c = 0; c <= maxClass; c += 1) {
      if (classes(c)) {
        set(c);
      }
    }
  } else {
    for (const c of classes) {
      set(c);
    }
  }
  return mask;
}

/** Classes outside the mask are invisible (a short mask is a valid "sees only low classes"). */
export function isVisible(filter: VisibilityFilter, visibilityClass: number): boolean {
  if (typeof filter === 'function') {
    return filter(visibilityClass);
  }
  return (((filter[visibilityClass >>> 5] ?? 0) >>> (visibilityClass & 31)) & 1) === 1;
}

/** A filter that sees everything (administration, tests). */
export const SEE_ALL: Uint32Array = createVisibilityMask(() => true);

// A PostgreSQL array literal for a large text array parameter. node-postgres escapes every element
// with two regular-expression replacements; an import batch passes arrays of 5,000 ids, keys and
// values several times, and that escaping was a visible share of the writer thread's time. Most
// batches hold no quote or backslash at all: one test over the whole array, then one join.

/** `{"a","b"}` for a text[] parameter (pass it where node-postgres would take the array). */
export function textArrayParam(items: readonly string[]): string {
  if (items.length === 0) {
    return '{}';
  }
  // Joined with a separator no element can hold here (PostgreSQL text cannot hold NUL), so one test
  // sees every element; an element with a NUL fails in PostgreSQL as it would as an array.
  if (!/[\\"]/.test(items.join('\u0000'))) {
    return `{"${items.join('","')}"}`;
  }
  return `{${items.map((s) => `"${s.replace(/[\\"]/g, (c) => `\\${c}`)}"`).join(',')}}`;
}

/** `{1,2}` for an int or bigint array parameter of safe integers. */
export function integerArrayParam(items: readonly number[]): string {
  return `{${items.join(',')}}`;
}

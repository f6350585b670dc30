// IPv4 addresses straight from log bytes, without decoding lines into strings: the hot loop of
// matching a large plain-text log. A dotted quad counts when it stands alone (not part of a longer
// run of digits and dots, such as a version number 1.2.3.4.5 or an OID); parts follow parseIPv4
// (0–255, no leading zeros).

const DOT = 46;
const isDigit = (c: number) => c >= 48 && c <= 57;

/**
 * Appends to out the addresses found in bytes[from, to) and, in where, their byte offsets; returns
 * the new count (starting from `count`), stopping early when out is full (the caller resumes at
 * where[count - 1] + 7, past the last address found).
 */
export function scanIPv4(
  bytes: Uint8Array,
  from: number,
  to: number,
  out: Uint32Array,
  where: Int32Array,
  count = 0,
): number {
  let i = from;
  while (i < to && count < out.length) {
    const c = bytes[i]!;
    if (!isDigit(c)) {
      i += 1;
      continue;
    }
    // A token starts here unless a digit or "digit." comes right before it.
    const start = i;
    const before = start > from ? bytes[start - 1]! : 0;
    let value = 0;
    let parts = 0;
    let ok = !(isDigit(before) || (before === DOT && start - 2 >= from && isDigit(bytes[start - 2]!)));
    while (i < to) {
      const first = bytes[i]!;
      if (!isDigit(first)) {
        ok = false;
        break;
      }
      let part = first - 48;
      let digits = 1;
      i += 1;
      while (i < to && isDigit(bytes[i]!)) {
        part = part * 10 + (bytes[i]! - 48);
        digits += 1;
        i += 1;
      }
      if (digits > 3 || part > 255 || (digits > 1 && first === 48)) {
        ok = false;
      }
      value = value * 256 + part;
      parts += 1;
      if (parts === 4 || i >= to || bytes[i] !== DOT || !isDigit(bytes[i + 1] ?? 0)) {
        break;
      }
      i += 1; // the dot
    }
    // Standing alone: nothing like ".5" or another digit right after the fourth part.
    const after = i < to ? bytes[i]! : 0;
    const continues = after === DOT && i + 1 < to && isDigit(bytes[i + 1]!);
    if (ok && parts === 4 && !continues) {
      out[count] = value >>> 0;
      where[count] = start;
      count += 1;
    } else {
      // Skip the rest of this run of digits and dots, so its tail is not read as an address.
      while (i < to && (isDigit(bytes[i]!) || (bytes[i] === DOT && isDigit(bytes[i + 1] ?? 0)))) {
        i += 1;
      }
    }
  }
  return count;
}

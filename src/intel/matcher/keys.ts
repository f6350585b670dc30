// Byte keys of the hashed families, written into a caller's scratch buffer: domains reversed (so every
// parent domain is a prefix and one right-to-left pass hashes them all), digests decoded from hex,
// URLs and e-mail addresses as UTF-8 of their canonical text. Common input takes an allocation-free
// path; anything unusual goes through the normalise.ts definition.
import { DIGEST_LENGTH, normaliseDigest, normaliseDomain } from './normalise.ts';

const encoder = new TextEncoder();

/**
 * Writes the canonical domain reversed ("a.example.com" → "moc.elpmaxe.a") into out and returns its
 * length, or -1 if text is not a domain. out must hold 253 bytes.
 */
export function writeDomainKey(text: string, out: Uint8Array): number {
  // Plain lower/upper-case ASCII names take the fast path; any doubt defers to normaliseDomain.
  let end = text.length;
  if (end > 0 && text.charCodeAt(end - 1) === 46) {
    end -= 1;
  }
  if (end === 0 || end > 253) {
    return slowDomainKey(text, out);
  }
  let label = 0;
  let firstLabelNumeric = true;
  let inFirstLabel = true;
  let previous = 46;
  for (let i = end - 1, j = 0; i >= 0; i -= 1, j += 1) {
    let c = text.charCodeAt(i);
    if (c === 46) {
      if (label === 0 || previous === 45) {
        return slowDomainKey(text, out);
      }
      inFirstLabel = false;
      label = 0;
    } else {
      if (c >= 65 && c <= 90) {
        c += 32;
      } else if (!((c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 45 || c === 95)) {
        return slowDomainKey(text, out);
      }
      label += 1;
      if (label > 63 || (c === 45 && previous === 46)) {
        return slowDomainKey(text, out);
      }
      if (inFirstLabel && (c < 48 || c > 57)) {
        firstLabelNumeric = false;
      }
    }
    out[j] = c;
    previous = c;
  }
  return label === 0 || previous === 45 || firstLabelNumeric ? slowDomainKey(text, out) : end;
}

/** The definition (normaliseDomain) for anything the fast path is not sure about. */
function slowDomainKey(text: string, out: Uint8Array): number {
  return writeReversed(normaliseDomain(text), out);
}

function writeReversed(domain: string | undefined, out: Uint8Array): number {
  if (domain === undefined) {
    return -1;
  }
  for (let i = domain.length - 1, j = 0; i >= 0; i -= 1, j += 1) {
    out[j] = domain.charCodeAt(i);
  }
  return domain.length;
}

/** Decodes a hex digest of the given kind into out; its byte length, or -1. */
export function writeDigestKey(kind: keyof typeof DIGEST_LENGTH, text: string, out: Uint8Array): number {
  const chars = DIGEST_LENGTH[kind];
  if (text.length !== chars) {
    const canonical = normaliseDigest(kind, text);
    return canonical === undefined ? -1 : writeDigestKey(kind, canonical, out);
  }
  for (let i = 0; i < chars; i += 2) {
    const hi = hexDigit(text.charCodeAt(i));
    const lo = hexDigit(text.charCodeAt(i + 1));
    if (hi < 0 || lo < 0) {
      return -1;
    }
    out[i >>> 1] = (hi << 4) | lo;
  }
  return chars >>> 1;
}

/**
 * Decodes a hex digest of the given kind straight into big-endian 32-bit words (the digest table's
 * key); the word count, or -1.
 */
export function writeDigestWords(kind: keyof typeof DIGEST_LENGTH, text: string, out: Uint32Array): number {
  const chars = DIGEST_LENGTH[kind];
  if (text.length !== chars) {
    const canonical = normaliseDigest(kind, text);
    return canonical === undefined ? -1 : writeDigestWords(kind, canonical, out);
  }
  for (let w = 0, i = 0; i < chars; w += 1) {
    let v = 0;
    for (const end = i + 8; i < end; i += 1) {
      const h = hexDigit(text.charCodeAt(i));
      if (h < 0) {
        return -1;
      }
      v = (v << 4) | h;
    }
    out[w] = v >>> 0;
  }
  return chars >>> 3;
}

function hexDigit(c: number): number {
  if (c >= 48 && c <= 57) {
    return c - 48;
  }
  const lower = c | 0x20;
  return lower >= 97 && lower <= 102 ? lower - 87 : -1;
}

/** UTF-8 of text into out; its length, or -1 if out is too small (the caller grows it). */
export function writeUtf8Key(text: string, out: Uint8Array): number {
  const { read, written } = encoder.encodeInto(text, out);
  return read === text.length ? written : -1;
}

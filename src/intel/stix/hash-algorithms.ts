// Hash algorithm names of STIX (hash-algorithm-ov) and the spellings producers use for them
// (md5, SHA256, 'sha-1'…), with the digest length of each hex algorithm.
// @see STIX 2.1 section 10.7 (hash-algorithm-ov) and section 2.7 (hashes type)

/** Hex digest length per algorithm; SSDEEP and TLSH are not plain hex and are not listed. */
export const HEX_DIGEST_LENGTH: Readonly<Record<string, number>> = {
  MD5: 32,
  'SHA-1': 40,
  'SHA-224': 56,
  'SHA-256': 64,
  'SHA-384': 96,
  'SHA-512': 128,
  'SHA3-224': 56,
  'SHA3-256': 64,
  'SHA3-384': 96,
  'SHA3-512': 128,
  'RIPEMD-160': 40,
  WHIRLPOOL: 128,
};

const VOCABULARY = [...Object.keys(HEX_DIGEST_LENGTH), 'SSDEEP', 'TLSH'];
const BY_FOLDED = new Map(VOCABULARY.map((name) => [fold(name), name]));

function fold(name: string): string {
  return name.toUpperCase().replace(/[-_ ]/g, '');
}

/** The vocabulary spelling of a hashes key ('sha256' → 'SHA-256'), or undefined for custom keys. */
export function canonicalHashAlgorithm(key: string): string | undefined {
  return BY_FOLDED.get(fold(key));
}

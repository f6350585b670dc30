// A country's flag as an emoji, built from its ISO 3166-1 alpha-2 code (two regional indicators).

const REGIONAL_INDICATOR_A = 0x1f1e6;

/** The flag for a two-letter code, or '' when the code is not two letters. */
export function flagEmoji(code: string): string {
  const upper = code.toUpperCase();
  if (!/^[A-Z]{2}$/.test(upper)) {
    return '';
  }
  return String.fromCodePoint(...[...upper].map((c) => REGIONAL_INDICATOR_A + c.charCodeAt(0) - 65));
}

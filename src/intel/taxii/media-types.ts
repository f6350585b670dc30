// TAXII 2.1 content negotiation: which Accept and Content-Type values a request may carry.
// @see TAXII 2.1 section 1.6.8 (media types) and 3.2 (406 / 415).
export const TAXII_MEDIA_TYPE = 'application/taxii+json;version=2.1';
export const STIX_MEDIA_TYPE = 'application/stix+json;version=2.1';

type MediaRange = { type: string; version: string | undefined; q: number };

function parseRanges(header: string): MediaRange[] {
  return header
    .split(',')
    .map((part) => {
      const [type = '', ...params] = part.split(';').map((s) => s.trim().toLowerCase());
      const get = (name: string) =>
        params
          .find((p) => p.startsWith(`${name}=`))
          ?.slice(name.length + 1)
          .replace(/^"|"$/g, '');
      return { type, version: get('version'), q: Number(get('q') ?? 1) };
    })
    .filter((r) => r.type !== '' && r.q > 0);
}

/** Whether a TAXII response may be sent for this Accept header (absent Accept means anything). */
export function acceptsTaxii(accept: string | undefined, allowStix = false): boolean {
  if (!accept) {
    return true;
  }
  return parseRanges(accept).some((r) => {
    if (r.type === '*/*' || r.type === 'application/*') {
      return true;
    }
    const okType = r.type === 'application/taxii+json' || (allowStix && r.type === 'application/stix+json');
    return okType && (r.version === undefined || r.version === '2.1');
  });
}

/** Whether a POST body's Content-Type is a TAXII 2.1 envelope. */
export function isTaxiiContentType(contentType: string | undefined): boolean {
  if (!contentType) {
    return false;
  }
  const [range] = parseRanges(contentType);
  return range?.type === 'application/taxii+json' && (range.version === undefined || range.version === '2.1');
}

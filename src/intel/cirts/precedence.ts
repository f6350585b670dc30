// Which CIRT is responsible: the most specific constituency wins, range > ASN > country; among ranges
// the longest prefix; among domains the longest suffix. Ties keep every team at that level.

export type ConstituencyMatch = {
  cirtId: string;
  via: 'range' | 'asn' | 'country' | 'domain';
  specificity: number;
  detail: string;
};

const LEVEL: Record<ConstituencyMatch['via'], number> = { range: 4, domain: 3, asn: 2, country: 1 };

export function mostSpecific(matches: readonly ConstituencyMatch[]): ConstituencyMatch[] {
  if (matches.length === 0) {
    return [];
  }
  const rank = (m: ConstituencyMatch) => LEVEL[m.via] * 1000 + m.specificity;
  const best = Math.max(...matches.map(rank));
  const seen = new Set<string>();
  return matches.filter((m) => rank(m) === best && !seen.has(m.cirtId) && seen.add(m.cirtId));
}

/** The suffixes a domain pattern could match, most specific first: a.b.example.org → *.b.example.org, … */
export function domainCandidates(domain: string): string[] {
  const labels = domain.toLowerCase().replace(/\.$/, '').split('.');
  const out: string[] = [labels.join('.')];
  for (let i = 1; i < labels.length; i += 1) {
    out.push(`*.${labels.slice(i).join('.')}`);
  }
  return out;
}

// Per value of a run: its route decision (special-purpose never routed, country from both datasets,
// ASN, ccTLD for domains) and its responsible teams by the most specific constituency, asked of the
// directory in chunks of one query each.
import type { Queryable } from '../../platform/db/pool.ts';
import { findConstituencyMatchesBatch, type ConstituencyQuery } from '../cirts/cirt-store.ts';
import { domainCandidates, mostSpecific, type ConstituencyMatch } from '../cirts/precedence.ts';
import { routeAddress, routeDomain, type RoutingDecision, type RoutingLookups } from './route-decision.ts';
import type { SourcedValue } from './routing-sources.ts';

export type RunProgress = (done: number, total: number) => void;

/** The network address of a block ("192.0.2.0/24" → "192.0.2.0"): what country and ASN are looked up for. */
function addressOf(value: string): string {
  const slash = value.indexOf('/');
  return slash < 0 ? value : value.slice(0, slash);
}

export function decideRoute(lookups: RoutingLookups, v: SourcedValue): RoutingDecision {
  return v.kind === 'ip' ? routeAddress(lookups, addressOf(v.value)) : routeDomain(lookups, v.value);
}

/** The constituency questions for one value: one per country it routes to (two when the datasets disagree). */
export function constituencyQueries(v: SourcedValue, d: RoutingDecision): ConstituencyQuery[] {
  // Special-purpose addresses are never routed, not even to a team that lists the block.
  if (d.specialPurpose) {
    return [];
  }
  const base = {
    ip: v.kind === 'ip' ? v.value : undefined,
    asn: d.asn?.asn,
    domainCandidates: v.kind === 'domain' ? domainCandidates(v.value) : undefined,
  };
  return (d.countries.length > 0 ? d.countries : [undefined]).map((country) => ({ ...base, country }));
}

const RESOLVE_CHUNK = 2000;

/** Responsible teams per value, the most specific per question, asked in chunks of one query each. */
export async function resolveTeams(
  q: Queryable,
  perValue: ConstituencyQuery[][],
  onProgress?: RunProgress,
): Promise<ConstituencyMatch[][]> {
  const out: ConstituencyMatch[][] = [];
  for (let start = 0; start < perValue.length; start += RESOLVE_CHUNK) {
    const chunk = perValue.slice(start, start + RESOLVE_CHUNK);
    const answers = await findConstituencyMatchesBatch(q, chunk.flat());
    let at = 0;
    for (const queries of chunk) {
      const seen = new Set<string>();
      const matches = queries.flatMap((_, k) => mostSpecific(answers[at + k] ?? []));
      at += queries.length;
      out.push(matches.filter((m) => !seen.has(m.cirtId) && seen.add(m.cirtId)));
    }
    onProgress?.(Math.min(start + RESOLVE_CHUNK, perValue.length), perValue.length);
  }
  return out;
}

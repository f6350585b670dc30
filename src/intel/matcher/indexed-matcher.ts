// The matcher used in production: one compact index per family (IPv4, IPv6, domains, URLs, e-mail
// addresses, MD5, SHA-1, SHA-256), each with incremental updates (layered-index.ts), answering for
// any reader through a visibility filter applied inside the lookup.
import { parseIPv4, parseIPv6 } from '../../platform/net/ip-parse.ts';
import { normaliseValue } from './normalise.ts';
import { collectGroup, findKey } from './byte-table.ts';
import { searchSuffixes } from './domain-search.ts';
import { searchIpv4 } from './ipv4-table.ts';
import { BATCH, searchIpv4Batch } from './ipv4-batch.ts';
import { searchIpv6 } from './ipv6-table.ts';
import { HitList } from './hits.ts';
import { writeDigestWords, writeDomainKey } from './keys.ts';
import { searchDigest } from './digest-table.ts';
import { EntryParser, type ByteKind } from './entry-parse.ts';
import {
  createByteFamily,
  createDigestFamily,
  createIpv4Family,
  createIpv6Family,
  type ByteFamily,
  type DigestFamily,
} from './families.ts';
import {
  validateEntryNumbers,
  type AddRejection,
  type AddResult,
  type IndicatorKind,
  type MatchEntry,
  type Matcher,
  type VisibilityFilter,
} from './entry.ts';
import { familyMemory, type FamilyStats } from './matcher-stats.ts';
import type { RebuildPool } from './rebuild-pool.ts';

type DigestKind = 'md5' | 'sha1' | 'sha256';

export type BulkResult = { added: number; rejected: Array<{ entry: MatchEntry; reason: AddRejection }> };

export class IndexedMatcher implements Matcher {
  readonly #ipv4 = createIpv4Family();
  readonly #ipv6 = createIpv6Family();
  readonly #bytes: Record<Exclude<ByteKind, DigestKind>, ByteFamily> = {
    domain: createByteFamily(),
    url: createByteFamily(),
    email: createByteFamily(),
  };
  readonly #digests: Record<DigestKind, DigestFamily> = {
    md5: createDigestFamily(),
    sha1: createDigestFamily(),
    sha256: createDigestFamily(),
  };
  readonly #digestWords = new Uint32Array(8);
  readonly #hits = new HitList();
  readonly #single = new HitList();
  readonly #batchCounts = new Uint32Array(BATCH);
  readonly #words = new Uint32Array(4);
  readonly #parser = new EntryParser();

  get size(): number {
    return this.#ipv4.size + this.#ipv6.size + this.#keyedFamilies().reduce((n, f) => n + f.size, 0);
  }

  add(entry: MatchEntry): AddResult {
    const checked = validateEntryNumbers(entry);
    const parsed = checked.ok ? this.#parser.parse(entry) : undefined;
    if (!checked.ok || !parsed) {
      return checked.ok ? { ok: false, reason: 'invalid-value' } : checked;
    }
    if (parsed.shape === 'prefix') {
      this.#prefixFamily(parsed.family).add(parsed.key, parsed.record);
    } else {
      this.#keyed(parsed.family).add(parsed.key, parsed.record);
    }
    return { ok: true, value: undefined };
  }

  /**
   * Loads many entries with one rebuild per touched family (start-up from the store, large feeds).
   * Same upsert semantics as add.
   */
  addMany(entries: Iterable<MatchEntry>): BulkResult {
    const result: BulkResult = { added: 0, rejected: [] };
    const v4 = this.#ipv4.startBulk();
    const v6 = this.#ipv6.startBulk();
    const bytes = new Map<ByteKind, ReturnType<ByteFamily['startBulk']>>();
    for (const entry of entries) {
      const checked = validateEntryNumbers(entry);
      if (!checked.ok || !this.#parser.parseValue(entry.kind, entry.value)) {
        result.rejected.push({ entry, reason: checked.ok ? 'invalid-value' : checked.reason });
        continue;
      }
      result.added += 1;
      const kind = entry.kind;
      if (kind === 'ipv4' || kind === 'ipv6') {
        (kind === 'ipv4' ? v4 : v6).push(this.#parser.net, this.#parser.len, entry.entryId, entry.visibility);
        continue;
      }
      let columns = bytes.get(kind);
      if (!columns) {
        columns = this.#keyed(kind).startBulk();
        bytes.set(kind, columns);
      }
      columns.push(this.#parser.scratch, this.#parser.keyLength, entry.entryId, entry.visibility);
    }
    this.#ipv4.finishBulk(v4);
    this.#ipv6.finishBulk(v6);
    for (const [kind, columns] of bytes) {
      this.#keyed(kind).finishBulk(columns);
    }
    return result;
  }

  remove(entry: Omit<MatchEntry, 'visibility'>): boolean {
    const parsed = this.#parser.parse({ ...entry, visibility: 0 });
    if (!parsed) {
      return false;
    }
    if (parsed.shape === 'prefix') {
      return this.#prefixFamily(parsed.family).remove(parsed.key, parsed.record);
    }
    return this.#keyed(parsed.family).remove(parsed.key, parsed.record);
  }

  /**
   * Rebuilds outgrown families on the pool's worker thread instead of this one (the server's matcher);
   * without it they are rebuilt synchronously (CLI runs, benchmarks, tests).
   */
  useBackgroundRebuild(pool: RebuildPool | undefined): void {
    this.#ipv4.setBackgroundBuild(pool && ((base, pending) => pool.build('ipv4', base, pending)));
    this.#ipv6.setBackgroundBuild(pool && ((base, pending) => pool.build('ipv6', base, pending)));
    for (const family of Object.values(this.#bytes)) {
      family.setBackgroundBuild(pool && ((base, pending) => pool.build('bytes', base, pending)));
    }
    for (const family of Object.values(this.#digests)) {
      family.setBackgroundBuild(pool && ((base, pending) => pool.build('digest', base, pending)));
    }
  }

  /** Whether some family is being rebuilt in the background. */
  get rebuilding(): boolean {
    return [this.#ipv4, this.#ipv6, ...this.#keyedFamilies()].some((f) => f.rebuilding);
  }

  /** Merges every delta into its base now (otherwise done when a delta outgrows its cap). */
  compact(): void {
    this.#ipv4.compact();
    this.#ipv6.compact();
    this.#keyedFamilies().forEach((f) => f.compact());
  }

  match(kind: IndicatorKind, value: string, filter: VisibilityFilter): number[] {
    const out: number[] = [];
    switch (kind) {
      case 'ipv4': {
        const address = parseIPv4(value);
        if (address >= 0) {
          this.matchIPv4(address, filter, out);
        }
        return out;
      }
      case 'ipv6':
        if (parseIPv6(value, this.#words)) {
          this.matchIPv6(this.#words, filter, out);
        }
        return out;
      case 'domain':
        this.matchDomain(value, filter, out);
        return out;
      case 'url':
      case 'email': {
        const canonical = normaliseValue(kind, value);
        const length = canonical === undefined ? -1 : this.#parser.utf8(canonical);
        if (length >= 0) {
          this.#matchExact(this.#bytes[kind], length, filter, out);
        }
        return out;
      }
      case 'md5':
      case 'sha1':
      case 'sha256':
        if (writeDigestWords(kind, value, this.#digestWords) >= 0) {
          this.#matchDigest(this.#digests[kind], filter, out);
        }
        return out;
    }
  }

  matchIPv4(address: number, filter: VisibilityFilter, out: number[]): number {
    const family = this.#ipv4;
    family.refresh();
    const hits = this.#hits;
    hits.count = 0;
    if (family.base) {
      searchIpv4(family.base, address, filter, hits);
    }
    // Without a delta (the usual case) no array of layers is built per lookup.
    if (family.frozen || family.delta) {
      for (const layer of [family.frozen, family.delta]) {
        if (layer) {
          const before = hits.count;
          searchIpv4(layer, address, filter, hits);
          if (before > 0 && hits.count > before) {
            hits.sort();
          }
        }
      }
    }
    return hits.appendTo(out);
  }

  matchIPv4Batch(
    addresses: Uint32Array,
    filter: VisibilityFilter,
    counts: Uint32Array,
    out: number[],
  ): number {
    const family = this.#ipv4;
    family.refresh();
    const hits = this.#hits;
    const single = this.#single;
    const batchCounts = this.#batchCounts;
    let total = 0;
    for (let from = 0; from < addresses.length; from += BATCH) {
      const n = Math.min(BATCH, addresses.length - from);
      hits.count = 0;
      if (!family.delta && !family.frozen) {
        // The usual case: the base alone writes the caller's counts.
        if (family.base) {
          searchIpv4Batch(family.base, addresses, from, n, filter, hits, counts, from);
        } else {
          counts.fill(0, from, from + n);
        }
        total += hits.appendTo(out);
        continue;
      }
      batchCounts.fill(0);
      if (family.base) {
        searchIpv4Batch(family.base, addresses, from, n, filter, hits, batchCounts);
      }
      for (let k = 0, at = 0; k < n; k += 1) {
        single.count = 0;
        for (let end = at + batchCounts[k]!; at < end; at += 1) {
          single.push(hits.ids[at]!, hits.specs[at]!);
        }
        if (family.frozen) {
          searchIpv4(family.frozen, addresses[from + k]!, filter, single);
        }
        if (family.delta) {
          searchIpv4(family.delta, addresses[from + k]!, filter, single);
        }
        single.sort();
        counts[from + k] = single.appendTo(out);
        total += single.count;
      }
    }
    return total;
  }

  matchIPv6(words: Uint32Array, filter: VisibilityFilter, out: number[]): number {
    const family = this.#ipv6;
    family.refresh();
    const hits = this.#hits;
    hits.count = 0;
    if (family.base) {
      searchIpv6(family.base, words, filter, hits);
    }
    // Without a delta (the usual case) no array of layers is built per lookup.
    if (family.frozen || family.delta) {
      for (const layer of [family.frozen, family.delta]) {
        if (layer) {
          const before = hits.count;
          searchIpv6(layer, words, filter, hits);
          if (before > 0 && hits.count > before) {
            hits.sort();
          }
        }
      }
    }
    return hits.appendTo(out);
  }

  /** Entries on the domain or any parent domain, longest suffix first. */
  matchDomain(domain: string, filter: VisibilityFilter, out: number[]): number {
    const length = writeDomainKey(domain, this.#parser.scratch);
    const family = this.#bytes.domain;
    family.refresh();
    const hits = this.#hits;
    hits.count = 0;
    if (length < 0) {
      return 0;
    }
    if (family.base) {
      searchSuffixes(family.base, this.#parser.scratch, length, filter, hits);
    }
    // Without a delta (the usual case) no array of layers is built per lookup.
    if (family.frozen || family.delta) {
      for (const layer of [family.frozen, family.delta]) {
        if (layer) {
          const before = hits.count;
          searchSuffixes(layer, this.#parser.scratch, length, filter, hits);
          if (before > 0 && hits.count > before) {
            hits.sort();
          }
        }
      }
    }
    return hits.appendTo(out);
  }

  #matchExact(family: ByteFamily, length: number, filter: VisibilityFilter, out: number[]): void {
    family.refresh();
    const hits = this.#hits;
    hits.count = 0;
    if (family.base) {
      collectGroup(family.base, findKey(family.base, this.#parser.scratch, length), filter, hits);
    }
    // Without a delta (the usual case) no array of layers is built per lookup.
    if (family.frozen || family.delta) {
      for (const layer of [family.frozen, family.delta]) {
        if (layer) {
          collectGroup(layer, findKey(layer, this.#parser.scratch, length), filter, hits);
          hits.sort();
        }
      }
    }
    hits.appendTo(out);
  }

  #matchDigest(family: DigestFamily, filter: VisibilityFilter, out: number[]): void {
    family.refresh();
    const hits = this.#hits;
    hits.count = 0;
    if (family.base) {
      searchDigest(family.base, this.#digestWords, filter, hits);
    }
    // Without a delta (the usual case) no array of layers is built per lookup.
    if (family.frozen || family.delta) {
      for (const layer of [family.frozen, family.delta]) {
        if (layer) {
          searchDigest(layer, this.#digestWords, filter, hits);
          hits.sort();
        }
      }
    }
    hits.appendTo(out);
  }

  #keyed(kind: ByteKind): ByteFamily | DigestFamily {
    return kind === 'md5' || kind === 'sha1' || kind === 'sha256' ? this.#digests[kind] : this.#bytes[kind];
  }

  #keyedFamilies(): Array<ByteFamily | DigestFamily> {
    return [...Object.values(this.#bytes), ...Object.values(this.#digests)];
  }

  #prefixFamily(family: 'ipv4' | 'ipv6') {
    return family === 'ipv4' ? this.#ipv4 : this.#ipv6;
  }

  /** Entries, pending delta entries and typed-array bytes per family. */
  stats(): Record<IndicatorKind, FamilyStats> {
    const families = { ipv4: this.#ipv4, ipv6: this.#ipv6, ...this.#bytes, ...this.#digests };
    return Object.fromEntries(
      Object.entries(families).map(([kind, family]) => [kind, familyMemory(family)]),
    ) as Record<IndicatorKind, FamilyStats>;
  }
}

export function createIndexedMatcher(entries?: Iterable<MatchEntry>): IndexedMatcher {
  const matcher = new IndexedMatcher();
  if (entries) {
    matcher.addMany(entries);
  }
  return matcher;
}

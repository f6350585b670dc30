// The matcher used in production: one compact index per family (IPv4, IPv6, domains, URLs, e-mail
// addresses, MD5, SHA-1, SHA-256), each with incremental updates (layered-index.ts), answering for
// any reader through a visibility filter applied inside the lookup.
import { parseCidr, parseIPv4, parseIPv6, ipv4Mask, maskIPv6 } from './ip-parse.ts';
import { normaliseValue } from './normalise.ts';
import { findKey } from './byte-table.ts';
import { searchSuffixes } from './domain-search.ts';
import { BATCH, searchIpv4, searchIpv4Batch } from './ipv4-table.ts';
import { searchIpv6 } from './ipv6-table.ts';
import { HitList } from './hits.ts';
import { isVisible } from './visibility.ts';
import { writeDigestKey, writeDomainKey, writeUtf8Key } from './keys.ts';
import {
  createByteFamily,
  createIpv4Family,
  createIpv6Family,
  type ByteFamily,
  type ByteRecord,
  type PrefixRecord,
} from './families.ts';
import {
  validateEntryNumbers,
  type AddResult,
  type IndicatorKind,
  type MatchEntry,
  type Matcher,
  type VisibilityFilter,
} from './entry.ts';
import type { AddRejection } from './entry.ts';
import { familyMemory, type FamilyStats } from './matcher-stats.ts';

type ByteKind = Exclude<IndicatorKind, 'ipv4' | 'ipv6'>;
type Parsed =
  | { shape: 'prefix'; family: 'ipv4' | 'ipv6'; key: string; record: PrefixRecord }
  | { shape: 'bytes'; family: ByteKind; key: string; record: ByteRecord };

export type BulkResult = { added: number; rejected: Array<{ entry: MatchEntry; reason: AddRejection }> };

export class IndexedMatcher implements Matcher {
  readonly #ipv4 = createIpv4Family();
  readonly #ipv6 = createIpv6Family();
  readonly #bytes: Record<ByteKind, ByteFamily> = {
    domain: createByteFamily(),
    url: createByteFamily(),
    email: createByteFamily(),
    md5: createByteFamily(),
    sha1: createByteFamily(),
    sha256: createByteFamily(),
  };
  readonly #hits = new HitList();
  readonly #single = new HitList();
  readonly #batchCounts = new Uint32Array(BATCH);
  readonly #words = new Uint32Array(4);
  readonly #net = new Uint32Array(4);
  #len = 0;
  #keyLength = 0;
  #scratch = new Uint8Array(4096);

  get size(): number {
    return this.#ipv4.size + this.#ipv6.size + Object.values(this.#bytes).reduce((n, f) => n + f.size, 0);
  }

  add(entry: MatchEntry): AddResult {
    const checked = validateEntryNumbers(entry);
    const parsed = checked.ok ? this.#parse(entry) : undefined;
    if (!checked.ok || !parsed) {
      return checked.ok ? { ok: false, reason: 'invalid-value' } : checked;
    }
    if (parsed.shape === 'prefix') {
      this.#prefixFamily(parsed.family).add(parsed.key, parsed.record);
    } else {
      this.#bytes[parsed.family].add(parsed.key, parsed.record);
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
      if (!checked.ok || !this.#parseValue(entry.kind, entry.value)) {
        result.rejected.push({ entry, reason: checked.ok ? 'invalid-value' : checked.reason });
        continue;
      }
      result.added += 1;
      const kind = entry.kind;
      if (kind === 'ipv4' || kind === 'ipv6') {
        (kind === 'ipv4' ? v4 : v6).push(this.#net, this.#len, entry.entryId, entry.visibility);
        continue;
      }
      let columns = bytes.get(kind);
      if (!columns) {
        columns = this.#bytes[kind].startBulk();
        bytes.set(kind, columns);
      }
      columns.push(this.#scratch, this.#keyLength, entry.entryId, entry.visibility);
    }
    this.#ipv4.finishBulk(v4);
    this.#ipv6.finishBulk(v6);
    for (const [kind, columns] of bytes) {
      this.#bytes[kind].finishBulk(columns);
    }
    return result;
  }

  remove(entry: Omit<MatchEntry, 'visibility'>): boolean {
    const parsed = this.#parse({ ...entry, visibility: 0 });
    if (!parsed) {
      return false;
    }
    if (parsed.shape === 'prefix') {
      return this.#prefixFamily(parsed.family).remove(parsed.key, parsed.record);
    }
    return this.#bytes[parsed.family].remove(parsed.key, parsed.record);
  }

  /** Merges every delta into its base now (otherwise done when a delta outgrows its cap). */
  compact(): void {
    this.#ipv4.compact();
    this.#ipv6.compact();
    Object.values(this.#bytes).forEach((f) => f.compact());
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
        const length = canonical === undefined ? -1 : this.#utf8(canonical);
        if (length >= 0) {
          this.#matchExact(this.#bytes[kind], length, filter, out);
        }
        return out;
      }
      case 'md5':
      case 'sha1':
      case 'sha256': {
        const length = writeDigestKey(kind, value, this.#scratch);
        if (length >= 0) {
          this.#matchExact(this.#bytes[kind], length, filter, out);
        }
        return out;
      }
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
    if (family.delta) {
      const before = hits.count;
      searchIpv4(family.delta, address, filter, hits);
      if (before > 0 && hits.count > before) {
        hits.sort();
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
      batchCounts.fill(0);
      if (family.base) {
        searchIpv4Batch(family.base, addresses, from, n, filter, hits, batchCounts);
      }
      if (!family.delta) {
        for (let k = 0; k < n; k += 1) {
          counts[from + k] = batchCounts[k]!;
        }
        total += hits.appendTo(out);
        continue;
      }
      for (let k = 0, at = 0; k < n; k += 1) {
        single.count = 0;
        for (let end = at + batchCounts[k]!; at < end; at += 1) {
          single.push(hits.ids[at]!, hits.specs[at]!);
        }
        searchIpv4(family.delta, addresses[from + k]!, filter, single);
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
    if (family.delta) {
      const before = hits.count;
      searchIpv6(family.delta, words, filter, hits);
      if (before > 0 && hits.count > before) {
        hits.sort();
      }
    }
    return hits.appendTo(out);
  }

  /** Entries on the domain or any parent domain, longest suffix first. */
  matchDomain(domain: string, filter: VisibilityFilter, out: number[]): number {
    const length = writeDomainKey(domain, this.#scratch);
    const family = this.#bytes.domain;
    family.refresh();
    const hits = this.#hits;
    hits.count = 0;
    if (length < 0) {
      return 0;
    }
    if (family.base) {
      searchSuffixes(family.base, this.#scratch, length, filter, hits);
    }
    if (family.delta) {
      const before = hits.count;
      searchSuffixes(family.delta, this.#scratch, length, filter, hits);
      if (before > 0 && hits.count > before) {
        hits.sort();
      }
    }
    return hits.appendTo(out);
  }

  #matchExact(family: ByteFamily, length: number, filter: VisibilityFilter, out: number[]): void {
    family.refresh();
    const hits = this.#hits;
    hits.count = 0;
    for (const table of [family.base, family.delta]) {
      const group = table ? findKey(table, this.#scratch, length) : -1;
      for (let k = group < 0 ? 0 : table!.first[group]!; group >= 0 && k < table!.first[group + 1]!; k += 1) {
        const id = table!.data[2 * k]!;
        if (id >= 0 && isVisible(filter, table!.data[2 * k + 1]!)) {
          hits.push(id, 0);
        }
      }
    }
    hits.sort();
    hits.appendTo(out);
  }

  #utf8(text: string): number {
    let length = writeUtf8Key(text, this.#scratch);
    while (length < 0) {
      this.#scratch = new Uint8Array(this.#scratch.length * 4);
      length = writeUtf8Key(text, this.#scratch);
    }
    return length;
  }

  #prefixFamily(family: 'ipv4' | 'ipv6') {
    return family === 'ipv4' ? this.#ipv4 : this.#ipv6;
  }

  /**
   * Parses an entry's value into this.#net/#len (IP kinds) or this.#scratch[0, #keyLength) (the
   * others) without building strings; same acceptance as normaliseValue.
   */
  #parseValue(kind: IndicatorKind, value: string): boolean {
    switch (kind) {
      case 'ipv4':
      case 'ipv6': {
        let cidr = parseCidr(value);
        if (!cidr.ok) {
          cidr = parseCidr(value.trim());
        }
        if (!cidr.ok || (cidr.value.family === 4) !== (kind === 'ipv4')) {
          return false;
        }
        const v = cidr.value;
        if (v.family === 4) {
          this.#net[0] = (v.address & ipv4Mask(v.prefix)) >>> 0;
        } else {
          this.#net.set(maskIPv6(v.words, v.prefix));
        }
        this.#len = v.prefix;
        return true;
      }
      case 'domain':
        this.#keyLength = writeDomainKey(value, this.#scratch);
        break;
      case 'url':
      case 'email': {
        const canonical = normaliseValue(kind, value);
        this.#keyLength = canonical === undefined ? -1 : this.#utf8(canonical);
        break;
      }
      case 'md5':
      case 'sha1':
      case 'sha256':
        this.#keyLength = writeDigestKey(kind, value, this.#scratch);
        break;
    }
    return this.#keyLength >= 0;
  }

  /** The parsed entry as a record with its own copies, and its upsert key (entry id + value). */
  #parse(entry: MatchEntry): Parsed | undefined {
    if (!this.#parseValue(entry.kind, entry.value)) {
      return undefined;
    }
    const base = { entryId: entry.entryId, visibility: entry.visibility };
    if (entry.kind === 'ipv4' || entry.kind === 'ipv6') {
      const net = this.#net.slice(0, entry.kind === 'ipv4' ? 1 : 4);
      const key = `${entry.entryId} ${net.join(':')}/${this.#len}`;
      return { shape: 'prefix', family: entry.kind, key, record: { ...base, net, len: this.#len } };
    }
    const bytes = this.#scratch.slice(0, this.#keyLength);
    const key = `${entry.entryId} ${Buffer.from(bytes.buffer, 0, bytes.length).toString('latin1')}`;
    return { shape: 'bytes', family: entry.kind, key, record: { ...base, key: bytes } };
  }

  /** Entries, pending delta entries and typed-array bytes per family. */
  stats(): Record<IndicatorKind, FamilyStats> {
    return {
      ipv4: familyMemory(this.#ipv4),
      ipv6: familyMemory(this.#ipv6),
      domain: familyMemory(this.#bytes.domain),
      url: familyMemory(this.#bytes.url),
      email: familyMemory(this.#bytes.email),
      md5: familyMemory(this.#bytes.md5),
      sha1: familyMemory(this.#bytes.sha1),
      sha256: familyMemory(this.#bytes.sha256),
    };
  }
}

export function createIndexedMatcher(entries?: Iterable<MatchEntry>): IndexedMatcher {
  const matcher = new IndexedMatcher();
  if (entries) {
    matcher.addMany(entries);
  }
  return matcher;
}

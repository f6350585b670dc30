// The reference matcher: a plain array of entries scanned on every lookup, IPs compared as BigInt
// after node:net validation (independent of ip-parse.ts), domains by string suffix. Obviously correct
// and slow; the indexed matcher must answer exactly as this one does.
import { isIP } from 'node:net';
import { normaliseValue } from './normalise.ts';
import { isVisible } from './visibility.ts';
import {
  validateEntryNumbers,
  type AddResult,
  type IndicatorKind,
  type MatchEntry,
  type Matcher,
  type VisibilityFilter,
} from './entry.ts';

type Stored = { entryId: number; kind: IndicatorKind; canonical: string; visibility: number };

/** An IP address in text to [value, bits], or undefined if node:net does not accept it. */
function addressValue(text: string): [bigint, number] | undefined {
  const family = text.includes('%') ? 0 : isIP(text);
  if (family === 4) {
    return [text.split('.').reduce((acc, part) => acc * 256n + BigInt(part), 0n), 32];
  }
  if (family !== 6) {
    return undefined;
  }
  let body = text;
  const lastColon = body.lastIndexOf(':');
  if (body.includes('.')) {
    const v4 = addressValue(body.slice(lastColon + 1))![0];
    body = `${body.slice(0, lastColon + 1)}${(v4 >> 16n).toString(16)}:${(v4 & 0xffffn).toString(16)}`;
  }
  const [head = '', tail] = body.split('::');
  const headGroups = head === '' ? [] : head.split(':');
  const tailGroups = tail === undefined || tail === '' ? [] : tail.split(':');
  const zeros = Array<string>(8 - headGroups.length - tailGroups.length).fill('0');
  const groups = tail === undefined ? headGroups : [...headGroups, ...zeros, ...tailGroups];
  return [groups.reduce((acc, g) => acc * 65536n + BigInt(`0x${g}`), 0n), 128];
}

function covers(canonical: string, address: [bigint, number]): number {
  const [net, prefixText] = canonical.split('/');
  const entry = addressValue(net!);
  if (!entry || entry[1] !== address[1]) {
    return -1;
  }
  const prefix = prefixText === undefined ? entry[1] : Number(prefixText);
  const shift = BigInt(entry[1] - prefix);
  return entry[0] >> shift === address[0] >> shift ? prefix : -1;
}

export class NaiveMatcher implements Matcher {
  readonly #entries: Stored[] = [];

  get size(): number {
    return this.#entries.length;
  }

  add(entry: MatchEntry): AddResult {
    const checked = validateEntryNumbers(entry);
    if (!checked.ok) {
      return checked;
    }
    const canonical = normaliseValue(entry.kind, entry.value);
    if (canonical === undefined) {
      return { ok: false, reason: 'invalid-value' };
    }
    const existing = this.#find(entry.entryId, entry.kind, canonical);
    if (existing >= 0) {
      this.#entries[existing]!.visibility = entry.visibility;
    } else {
      this.#entries.push({
        entryId: entry.entryId,
        kind: entry.kind,
        canonical,
        visibility: entry.visibility,
      });
    }
    return { ok: true, value: undefined };
  }

  remove(entry: Omit<MatchEntry, 'visibility'>): boolean {
    const canonical = normaliseValue(entry.kind, entry.value);
    const at = canonical === undefined ? -1 : this.#find(entry.entryId, entry.kind, canonical);
    if (at >= 0) {
      this.#entries.splice(at, 1);
    }
    return at >= 0;
  }

  match(kind: IndicatorKind, value: string, filter: VisibilityFilter): number[] {
    const hits: Array<{ id: number; spec: number }> = [];
    const address = kind === 'ipv4' || kind === 'ipv6' ? addressValue(value) : undefined;
    const observed = kind === 'ipv4' || kind === 'ipv6' ? undefined : normaliseValue(kind, value);
    for (const e of this.#entries) {
      if (e.kind !== kind || !isVisible(filter, e.visibility)) {
        continue;
      }
      let spec = -1;
      if (address) {
        spec = covers(e.canonical, address);
      } else if (observed !== undefined && kind === 'domain') {
        spec = observed === e.canonical || observed.endsWith(`.${e.canonical}`) ? e.canonical.length : -1;
      } else if (observed !== undefined) {
        spec = observed === e.canonical ? 0 : -1;
      }
      if (spec >= 0) {
        hits.push({ id: e.entryId, spec });
      }
    }
    return hits.sort((a, b) => b.spec - a.spec || a.id - b.id).map((h) => h.id);
  }

  matchIPv4(address: number, filter: VisibilityFilter, out: number[]): number {
    const text = [address >>> 24, (address >>> 16) & 255, (address >>> 8) & 255, address & 255].join('.');
    const hits = this.match('ipv4', text, filter);
    out.push(...hits);
    return hits.length;
  }

  matchIPv4Batch(
    addresses: Uint32Array,
    filter: VisibilityFilter,
    counts: Uint32Array,
    out: number[],
  ): number {
    let total = 0;
    addresses.forEach((address, i) => {
      counts[i] = this.matchIPv4(address, filter, out);
      total += counts[i];
    });
    return total;
  }

  matchIPv6(words: Uint32Array, filter: VisibilityFilter, out: number[]): number {
    const text = Array.from(words, (w) => `${(w >>> 16).toString(16)}:${(w & 0xffff).toString(16)}`).join(
      ':',
    );
    const hits = this.match('ipv6', text, filter);
    out.push(...hits);
    return hits.length;
  }

  #find(entryId: number, kind: IndicatorKind, canonical: string): number {
    return this.#entries.findIndex(
      (e) => e.entryId === entryId && e.kind === kind && e.canonical === canonical,
    );
  }
}

export function createNaiveMatcher(entries: Iterable<MatchEntry> = []): NaiveMatcher {
  const matcher = new NaiveMatcher();
  for (const entry of entries) {
    matcher.add(entry);
  }
  return matcher;
}

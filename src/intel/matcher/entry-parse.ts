// Entry values parsed into what the families store: the masked network and prefix length of an IP
// value, or the byte key of the others (reversed domain, UTF-8 URL or e-mail, decoded digest), with no
// intermediate strings on the bulk path. Accepts exactly what normaliseValue accepts.
import { ipv4Mask, maskIPv6, parseCidr } from '../../platform/net/ip-parse.ts';
import { normaliseValue } from './normalise.ts';
import { writeDigestKey, writeDomainKey, writeUtf8Key } from './keys.ts';
import type { ByteRecord, PrefixRecord } from './families.ts';
import type { IndicatorKind, MatchEntry } from './entry.ts';

export type ByteKind = Exclude<IndicatorKind, 'ipv4' | 'ipv6'>;
export type ParsedEntry =
  | { shape: 'prefix'; family: 'ipv4' | 'ipv6'; key: string; record: PrefixRecord }
  | { shape: 'bytes'; family: ByteKind; key: string; record: ByteRecord };

/** Reusable parsing state: after parseValue, net/len or scratch[0, keyLength) hold the result. */
export class EntryParser {
  readonly net = new Uint32Array(4);
  len = 0;
  keyLength = 0;
  scratch = new Uint8Array(4096);

  /** UTF-8 of text into scratch (grown as needed); its length. */
  utf8(text: string): number {
    let length = writeUtf8Key(text, this.scratch);
    while (length < 0) {
      this.scratch = new Uint8Array(this.scratch.length * 4);
      length = writeUtf8Key(text, this.scratch);
    }
    return length;
  }

  /**
   * Parses an entry's value into this.net/#len (IP kinds) or this.scratch[0, #keyLength) (the
   * others) without building strings; same acceptance as normaliseValue.
   */
  parseValue(kind: IndicatorKind, value: string): boolean {
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
          this.net[0] = (v.address & ipv4Mask(v.prefix)) >>> 0;
        } else {
          this.net.set(maskIPv6(v.words, v.prefix));
        }
        this.len = v.prefix;
        return true;
      }
      case 'domain':
        this.keyLength = writeDomainKey(value, this.scratch);
        break;
      case 'url':
      case 'email': {
        const canonical = normaliseValue(kind, value);
        this.keyLength = canonical === undefined ? -1 : this.utf8(canonical);
        break;
      }
      case 'md5':
      case 'sha1':
      case 'sha256':
        this.keyLength = writeDigestKey(kind, value, this.scratch);
        break;
    }
    return this.keyLength >= 0;
  }

  /** The parsed entry as a record with its own copies, and its upsert key (entry id + value). */
  parse(entry: MatchEntry): ParsedEntry | undefined {
    if (!this.parseValue(entry.kind, entry.value)) {
      return undefined;
    }
    const base = { entryId: entry.entryId, visibility: entry.visibility };
    if (entry.kind === 'ipv4' || entry.kind === 'ipv6') {
      const net = this.net.slice(0, entry.kind === 'ipv4' ? 1 : 4);
      const key = `${entry.entryId} ${net.join(':')}/${this.len}`;
      return { shape: 'prefix', family: entry.kind, key, record: { ...base, net, len: this.len } };
    }
    const bytes = this.scratch.slice(0, this.keyLength);
    const key = `${entry.entryId} ${Buffer.from(bytes.buffer, 0, bytes.length).toString('latin1')}`;
    return { shape: 'bytes', family: entry.kind, key, record: { ...base, key: bytes } };
  }
}

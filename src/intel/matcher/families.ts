// The families of the index (IPv4, IPv6, byte-keyed, digests) as FamilyOps for LayeredIndex: how records go
// into columns, how a table is built, and how an entry is found again for removal or an update.
import { ByteColumnsBuilder, PrefixColumnsBuilder } from './columns.ts';
import {
  buildByteTable,
  editByteEntry,
  findKey,
  forEachByteEntry,
  locateInGroup,
  type ByteTable,
} from './byte-table.ts';
import {
  buildDigestTable,
  editDigest,
  forEachDigest,
  locateDigest,
  wordsOfKey,
  type DigestTable,
} from './digest-table.ts';
import { buildIpv4Table, type Ipv4Table } from './ipv4-table.ts';
import { editIpv4, forEachIpv4, locateIpv4 } from './ipv4-edit.ts';
import { buildIpv6Table, editIpv6, forEachIpv6, locateIpv6, type Ipv6Table } from './ipv6-table.ts';
import { LayeredIndex, type FamilyOps, type LayerRecord } from './layered-index.ts';

/** An IP block with host bits cleared; net has 1 word (IPv4) or 4 (IPv6). */
export type PrefixRecord = LayerRecord & { net: Uint32Array; len: number };
/** A byte key: reversed domain, URL or e-mail in UTF-8, or a decoded digest. */
export type ByteRecord = LayerRecord & { key: Uint8Array };

const ipv4Ops: FamilyOps<PrefixRecord, PrefixColumnsBuilder, Ipv4Table> = {
  columns: () => new PrefixColumnsBuilder(1),
  append: (c, r) => c.push(r.net, r.len, r.entryId, r.visibility),
  appendLive: (c, t) => forEachIpv4(t, (net, len, id, vis) => c.push(net, len, id, vis)),
  build: (c) => buildIpv4Table(c),
  locate: (t, r) => locateIpv4(t, r.net[0]!, r.len, r.entryId),
  edit: editIpv4,
};

const ipv6Ops: FamilyOps<PrefixRecord, PrefixColumnsBuilder, Ipv6Table> = {
  columns: () => new PrefixColumnsBuilder(4),
  append: (c, r) => c.push(r.net, r.len, r.entryId, r.visibility),
  appendLive: (c, t) => forEachIpv6(t, (net, len, id, vis) => c.push(net, len, id, vis)),
  build: (c) => buildIpv6Table(c),
  locate: (t, r) => locateIpv6(t, r.net, r.len, r.entryId),
  edit: editIpv6,
};

const byteOps: FamilyOps<ByteRecord, ByteColumnsBuilder, ByteTable> = {
  columns: () => new ByteColumnsBuilder(),
  append: (c, r) => c.push(r.key, r.key.length, r.entryId, r.visibility),
  appendLive: (c, t) => forEachByteEntry(t, (key, id, vis) => c.push(key, key.length, id, vis)),
  build: (c) => buildByteTable(c),
  locate: (t, r) => {
    const group = findKey(t, r.key, r.key.length);
    return group < 0 ? -1 : locateInGroup(t, group, r.entryId);
  },
  edit: editByteEntry,
};

const digestWords = new Uint32Array(8);
const digestOps: FamilyOps<ByteRecord, ByteColumnsBuilder, DigestTable> = {
  columns: () => new ByteColumnsBuilder(),
  append: (c, r) => c.push(r.key, r.key.length, r.entryId, r.visibility),
  appendLive: (c, t) => forEachDigest(t, (key, id, vis) => c.push(key, key.length, id, vis)),
  build: (c) => buildDigestTable(c),
  locate: (t, r) => locateDigest(t, wordsOfKey(r.key, digestWords), r.entryId),
  edit: editDigest,
};

export type Ipv4Family = LayeredIndex<PrefixRecord, PrefixColumnsBuilder, Ipv4Table>;
export type Ipv6Family = LayeredIndex<PrefixRecord, PrefixColumnsBuilder, Ipv6Table>;
export type ByteFamily = LayeredIndex<ByteRecord, ByteColumnsBuilder, ByteTable>;
export type DigestFamily = LayeredIndex<ByteRecord, ByteColumnsBuilder, DigestTable>;

export const createIpv4Family = (): Ipv4Family => new LayeredIndex(ipv4Ops);
export const createIpv6Family = (): Ipv6Family => new LayeredIndex(ipv6Ops);
export const createByteFamily = (): ByteFamily => new LayeredIndex(byteOps);
export const createDigestFamily = (): DigestFamily => new LayeredIndex(digestOps);

/** The families' operations by name, for the rebuild worker (rebuild-worker.ts). */
export const FAMILY_OPS = { ipv4: ipv4Ops, ipv6: ipv6Ops, bytes: byteOps, digest: digestOps };
export type FamilyName = keyof typeof FAMILY_OPS;

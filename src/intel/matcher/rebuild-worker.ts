// The worker thread that rebuilds one family's base table off the event loop: the old base (a copy)
// and the pending entries come in as structured clones, the new table goes back with its buffers
// transferred, not copied.
import { parentPort } from 'node:worker_threads';
import type { ByteColumnsBuilder, PrefixColumnsBuilder } from './columns.ts';
import { FAMILY_OPS, type FamilyName } from './families.ts';
import type { Ipv4Table } from './ipv4-table.ts';
import type { Ipv6Table } from './ipv6-table.ts';
import type { ByteTable } from './byte-table.ts';
import type { DigestTable } from './digest-table.ts';

export type RebuildRequest = {
  id: number;
  family: FamilyName;
  base: Ipv4Table | Ipv6Table | ByteTable | DigestTable | undefined;
  /** A PrefixColumnsBuilder or ByteColumnsBuilder, as a plain object after cloning. */
  pending: PrefixColumnsBuilder | ByteColumnsBuilder;
};
export type RebuildResponse = { id: number; table?: unknown; error?: string };

/** The new base: live entries of the old base, then the pending entries. */
export function rebuildTable(
  request: Omit<RebuildRequest, 'id'>,
): Ipv4Table | Ipv6Table | ByteTable | DigestTable {
  if (request.family === 'bytes' || request.family === 'digest') {
    const ops = FAMILY_OPS[request.family] as typeof FAMILY_OPS.bytes;
    const columns = ops.columns();
    if (request.base) {
      ops.appendLive(columns, request.base as ByteTable);
    }
    const p = request.pending as ByteColumnsBuilder;
    for (let i = 0; i < p.count; i += 1) {
      const key = p.pool.subarray(p.offsets[i], p.offsets[i + 1]);
      columns.push(key, key.length, p.ids[i]!, p.vis[i]!);
    }
    return ops.build(columns);
  }
  const ops = FAMILY_OPS[request.family] as typeof FAMILY_OPS.ipv4;
  const columns = ops.columns();
  if (request.base) {
    ops.appendLive(columns, request.base as Ipv4Table);
  }
  const p = request.pending as PrefixColumnsBuilder;
  for (let i = 0; i < p.count; i += 1) {
    columns.push(p.net.subarray(i * p.words, (i + 1) * p.words), p.len[i]!, p.ids[i]!, p.vis[i]!);
  }
  return ops.build(columns);
}

/** Every ArrayBuffer reachable from the table (typed arrays at any depth), once each. */
export function buffersOf(value: unknown, out = new Set<ArrayBuffer>()): ArrayBuffer[] {
  if (ArrayBuffer.isView(value)) {
    if (value.buffer instanceof ArrayBuffer) {
      out.add(value.buffer);
    }
  } else if (value !== null && typeof value === 'object') {
    Object.values(value).forEach((v) => buffersOf(v, out));
  }
  return [...out];
}

parentPort?.on('message', (request: RebuildRequest) => {
  let response: RebuildResponse;
  try {
    const table = rebuildTable(request);
    response = { id: request.id, table };
    parentPort!.postMessage(response, buffersOf(table));
  } catch (error) {
    response = { id: request.id, error: (error as Error).message };
    parentPort!.postMessage(response);
  }
});

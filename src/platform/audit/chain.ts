// The audit log's hash chain: each entry's hash is SHA-256 over the previous hash and a canonical
// JSON of the entry, so a modified, deleted or reordered entry breaks the chain at that point.
import { createHash } from 'node:crypto';

export const GENESIS_HASH = '0'.repeat(64);

export type AuditEntry = {
  seq: number;
  at: string;
  actorUserId: string | null;
  actorOrganisationId: string | null;
  action: string;
  resourceType: string;
  resourceId: string | null;
  summary: Record<string, unknown>;
  requestId: string | null;
};

export type ChainedEntry = AuditEntry & { prevHash: string; hash: string };

/** JSON with object keys sorted at every depth, so the same entry always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    return JSON.stringify(value) ?? 'null';
  }
  if (Array.isArray(value)) {
    return `[${value.map(canonicalJson).join(',')}]`;
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record)
    .filter((key) => record[key] !== undefined)
    .sort();
  return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(record[key])}`).join(',')}}`;
}

export function hashEntry(prevHash: string, entry: AuditEntry): string {
  return createHash('sha256').update(prevHash).update('\n').update(canonicalJson(entry)).digest('hex');
}

export type ChainVerdict =
  | { ok: true; entries: number; head: string }
  | { ok: false; entries: number; brokenAt: number; reason: string };

/** Walks entries in seq order; names the first entry whose link or content does not check out. */
export async function verifyChain(
  entries: Iterable<ChainedEntry> | AsyncIterable<ChainedEntry>,
): Promise<ChainVerdict> {
  let prevHash = GENESIS_HASH;
  let count = 0;
  for await (const entry of entries) {
    count += 1;
    const problem = checkLink(entry, prevHash, count);
    if (problem) {
      return { ok: false, entries: count, brokenAt: entry.seq, reason: problem };
    }
    prevHash = entry.hash;
  }
  return { ok: true, entries: count, head: prevHash };
}

function checkLink(entry: ChainedEntry, prevHash: string, expectedSeq: number): string | undefined {
  const { prevHash: storedPrev, hash, ...content } = entry;
  if (entry.seq !== expectedSeq) {
    return `expected entry ${expectedSeq} here: an entry was deleted or the log reordered`;
  }
  if (storedPrev !== prevHash) {
    return 'its link to the previous entry does not match: an entry was deleted, inserted or reordered';
  }
  if (hashEntry(prevHash, content) !== hash) {
    return 'its content does not match its hash: the entry was modified';
  }
  return undefined;
}

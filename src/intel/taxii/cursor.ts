// Stateless keyset cursors for TAXII `next`: the position is the last membership seq served, bound
// by a digest to the collection and query, so a cursor given to another query is refused rather
// than misread. Any node can resume any cursor: no paging state lives in memory.
import { createHash } from 'node:crypto';

export type CursorPosition = { seq: number };

function digest(scope: string, seq: number): string {
  return createHash('sha256').update(`${scope}\n${seq}`).digest('base64url').slice(0, 10);
}

export function encodeCursor(scope: string, position: CursorPosition): string {
  return `${position.seq.toString(36)}.${digest(scope, position.seq)}`;
}

/** The position, or undefined when the cursor is malformed or belongs to another query. */
export function decodeCursor(scope: string, cursor: string): CursorPosition | undefined {
  const match = /^([0-9a-z]{1,13})\.([A-Za-z0-9_-]{10})$/.exec(cursor);
  if (!match) {
    return undefined;
  }
  const seq = parseInt(match[1] as string, 36);
  return Number.isSafeInteger(seq) && digest(scope, seq) === match[2] ? { seq } : undefined;
}

// Bulk writes with COPY FROM STDIN (text format): one message stream instead of one array parameter
// per column. For thousands of rows it costs PostgreSQL a fraction of `INSERT … SELECT unnest(…)`
// (no array parsing) and Node a fraction of pg's array-literal escaping.
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { from as copyFrom } from 'pg-copy-streams';
import type { Tx } from './pool.ts';

/** A field of COPY's text format: NULL is `\N`; backslash, tab, newline and carriage return escaped. */
export function copyField(value: string | number | boolean | null): string {
  if (value === null) {
    return '\\N';
  }
  if (typeof value === 'boolean') {
    return value ? 't' : 'f';
  }
  if (typeof value === 'number') {
    return String(value);
  }
  // Most values need nothing: test first, rewrite only when one of the four bytes occurs.
  return /[\\\t\n\r]/.test(value) ? value.replace(/[\\\t\n\r]/g, escapeChar) : value;
}

function escapeChar(c: string): string {
  return c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r';
}

/** A PostgreSQL array literal of text, so arrays survive as one field (quoted and escaped). */
export function textArrayLiteral(items: readonly string[]): string {
  return `{${items.map((s) => `"${s.replace(/[\\"]/g, (c) => `\\${c}`)}"`).join(',')}}`;
}

/** Rows per COPY chunk written to the socket: bounds the strings held at once. */
const CHUNK_ROWS = 1000;

/**
 * Streams rows into `table (columns)` with COPY; `encode` turns row i into its tab-separated fields
 * (each already passed through copyField). Runs in the caller's transaction; an error (a unique
 * violation, say) fails the statement and the transaction like any other.
 */
export async function copyRows(
  tx: Tx,
  table: string,
  columns: readonly string[],
  count: number,
  encode: (i: number) => string,
): Promise<void> {
  if (count === 0) {
    return;
  }
  const sink = tx.query(copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN`));
  await pipeline(
    Readable.from(
      (function* chunks() {
        for (let start = 0; start < count; start += CHUNK_ROWS) {
          let text = '';
          for (let i = start; i < Math.min(count, start + CHUNK_ROWS); i += 1) {
            text += `${encode(i)}\n`;
          }
          yield text;
        }
      })(),
    ),
    sink,
  );
}

/**
 * Whether a COPY failed on another transaction's rows: a unique violation (it stored the same key
 * first) or a deadlock (two batches writing the same keys in different orders). The caller undoes the
 * COPY to a savepoint and writes with INSERT … ON CONFLICT, which settles both.
 */
export function isConcurrentWriteConflict(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return code === '23505' || code === '40P01';
}

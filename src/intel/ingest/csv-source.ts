// Reads a CSV feed or plain list line by line as import records, streaming with byte offsets: a
// resumed import starts at the first line after its last commit. Comments, blank lines and header
// lines are skipped; a line that is too long or binary is reported, never kept whole.
import { createReadStream } from 'node:fs';
import type { CsvMapping } from './csv-mapping.ts';
import { splitCsvLine } from './csv-line.ts';
import { rowToIndicator } from './csv-row.ts';
import type { ImportRecord, ResumePoint } from './import-record.ts';

export const MAX_LINE_BYTES = 64 * 1024;

/** Indicators of rows without a date: the import gives them the timestamps already stored, if any. */
export const UNDATED_ROWS = new WeakSet<object>();

export type CsvSourceOptions = { mapping: CsvMapping; producerOrganisationId: string; fallbackTime: string };

type Line = { text: string; number: number; end: number } | { tooLong: true; number: number; end: number };

/** Lines with the byte offset after each, from `start`; `firstNumber` is the number of the first. */
export async function* readLines(
  path: string,
  start: number,
  firstNumber: number,
  maxBytes = MAX_LINE_BYTES,
): AsyncGenerator<Line> {
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let tooLong = false;
  let offset = start;
  let number = firstNumber;
  const stream = createReadStream(path, { start, highWaterMark: 1 << 20 });
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    let from = 0;
    for (let nl = chunk.indexOf(0x0a); nl >= 0; nl = chunk.indexOf(0x0a, from)) {
      const end = offset + nl + 1;
      const size = pendingBytes + nl - from;
      if (tooLong || size > maxBytes) {
        yield { tooLong: true, number, end };
      } else {
        pending.push(chunk.subarray(from, nl));
        yield { text: Buffer.concat(pending).toString('utf8'), number, end };
      }
      pending = [];
      pendingBytes = 0;
      tooLong = false;
      number += 1;
      from = nl + 1;
    }
    if (from < chunk.length && !tooLong) {
      pendingBytes += chunk.length - from;
      if (pendingBytes > maxBytes) {
        tooLong = true;
        pending = [];
      } else {
        pending.push(chunk.subarray(from));
      }
    }
    offset += chunk.length;
  }
  if (tooLong) {
    yield { tooLong: true, number, end: offset };
  } else if (pendingBytes > 0) {
    yield { text: Buffer.concat(pending).toString('utf8'), number, end: offset };
  }
}

/** NUL, other C0 controls than tab, LF and CR, or bytes that are not UTF-8 (decoded as U+FFFD). */
export function looksBinary(text: string): boolean {
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) || c === 0xfffd) {
      return true;
    }
  }
  return false;
}

export async function* readCsvRecords(
  path: string,
  resume: ResumePoint,
  options: CsvSourceOptions,
): AsyncGenerator<ImportRecord> {
  const { mapping } = options;
  for await (const line of readLines(path, resume.position, resume.records + 1)) {
    const locator = `line ${line.number}`;
    const position = line.end;
    const ordinal = line.number;
    if ('tooLong' in line) {
      yield {
        kind: 'rejection',
        locator,
        reason: `the line is longer than ${MAX_LINE_BYTES} bytes`,
        code: 'INTEL_RECORD_TOO_LARGE',
        position,
        ordinal,
      };
      continue;
    }
    const text = line.text.replace(/^\ufeff/, '').replace(/\r$/, '');
    if (text.trim() === '' || (mapping.comment !== null && text.trimStart().startsWith(mapping.comment))) {
      continue;
    }
    if (looksBinary(text)) {
      yield {
        kind: 'rejection',
        locator,
        reason: 'binary data, not text',
        code: 'INTEL_RECORD_MALFORMED',
        position,
        ordinal,
      };
      continue;
    }
    const cells = mapping.delimiter === null ? [text.trim()] : splitCsvLine(text, mapping.delimiter);
    if (mapping.headerNames.includes((cells[mapping.value] ?? '').trim().toLowerCase())) {
      continue;
    }
    const row = rowToIndicator(cells, mapping, options.producerOrganisationId, options.fallbackTime);
    if (!row.ok) {
      yield {
        kind: 'rejection',
        locator,
        reason: row.reason,
        code: 'INTEL_RECORD_MALFORMED',
        position,
        ordinal,
      };
      continue;
    }
    if (!row.dated) {
      UNDATED_ROWS.add(row.object);
    }
    yield { kind: 'object', object: row.object, locator, position, ordinal };
  }
}

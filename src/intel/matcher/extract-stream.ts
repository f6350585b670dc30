// Streaming extraction: bytes in (a Readable or any async iterable of chunks), batches of observables
// out, in bounded memory whatever the input size: lines are cut from chunks as they arrive, a line
// longer than maxLineBytes is skipped to its end and counted, unreadable lines are counted, never
// fatal. The format is detected from the first lines unless given.
import { createCsvExtractor } from './extract-csv.ts';
import { createEveExtractor } from './extract-eve.ts';
import { createJsonLinesExtractor } from './extract-json.ts';
import { createZeekExtractor } from './extract-zeek.ts';
import { createTextExtractor } from './extract-text-lines.ts';
import { createIPv4Extractor } from './extract-ipv4-lines.ts';
import { detectFormat, DETECT_SAMPLE_LINES } from './extract-detect.ts';
import type { ExtractFormat, LineExtractor, LineSink } from './extract-formats.ts';
import type { Observable } from './extract-classify.ts';

export const DEFAULT_MAX_LINE_BYTES = 1 << 20;
const INVALID_SAMPLES = 10;

export type ExtractOptions = { format?: ExtractFormat | 'auto'; maxLineBytes?: number };

export type ExtractionSummary = {
  format: ExtractFormat | undefined;
  bytes: number;
  lines: number;
  dataLines: number;
  /** Headers, comments and blank lines. */
  otherLines: number;
  /** Unparseable lines, overlong lines included. */
  malformedLines: number;
  overlongLines: number;
  /** Typed fields (addresses) holding something else; the first few are kept as samples. */
  invalidValues: number;
  invalidSamples: Array<{ line: number; field: string; value: string }>;
  observables: number;
};

type Line = { text: string; line: number; offset: number };

export function createLineExtractor(format: ExtractFormat): LineExtractor {
  switch (format) {
    case 'text':
      return createTextExtractor();
    case 'csv':
      return createCsvExtractor();
    case 'jsonl':
      return createJsonLinesExtractor();
    case 'zeek':
      return createZeekExtractor();
    case 'eve':
      return createEveExtractor();
    case 'ipv4':
      return createIPv4Extractor();
  }
}

/** Observables of the source in batches (one per chunk read); summary is complete once they end. */
export function extractObservables(
  source: AsyncIterable<Uint8Array | string>,
  options: ExtractOptions = {},
): { batches: AsyncIterable<Observable[]>; summary: ExtractionSummary } {
  const summary: ExtractionSummary = {
    format: options.format === 'auto' ? undefined : options.format,
    bytes: 0,
    lines: 0,
    dataLines: 0,
    otherLines: 0,
    malformedLines: 0,
    overlongLines: 0,
    invalidValues: 0,
    invalidSamples: [],
    observables: 0,
  };
  const maxLineBytes = options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
  async function* batches(): AsyncGenerator<Observable[]> {
    let extractor = summary.format ? createLineExtractor(summary.format) : undefined;
    let sample: Line[] = [];
    for await (const chunkLines of splitLines(source, maxLineBytes, summary)) {
      let lines = chunkLines;
      if (!extractor) {
        sample = sample.concat(chunkLines);
        if (sample.length < DETECT_SAMPLE_LINES) {
          continue;
        }
        summary.format = detectFormat(sample.map((l) => l.text));
        extractor = createLineExtractor(summary.format);
        [lines, sample] = [sample, []];
      }
      const out = run(extractor, lines, summary);
      if (out.length > 0) {
        yield out;
      }
    }
    if (!extractor) {
      summary.format = detectFormat(sample.map((l) => l.text));
      const out = run(createLineExtractor(summary.format), sample, summary);
      if (out.length > 0) {
        yield out;
      }
    }
  }
  return { batches: batches(), summary };
}

function run(extractor: LineExtractor, lines: readonly Line[], summary: ExtractionSummary): Observable[] {
  const out: Observable[] = [];
  let current: Line = { text: '', line: 0, offset: 0 };
  const sink: LineSink = {
    observable(kind, value, field, column) {
      out.push({ kind, value, position: { line: current.line, offset: current.offset, field, column } });
    },
    invalid(field, value) {
      summary.invalidValues += 1;
      if (summary.invalidSamples.length < INVALID_SAMPLES) {
        summary.invalidSamples.push({ line: current.line, field, value: value.slice(0, 200) });
      }
    },
  };
  for (const line of lines) {
    current = line;
    summary.lines += 1;
    if (line.text.trim() === '') {
      summary.otherLines += 1;
      continue;
    }
    const result = extractor.extract(line.text, sink);
    if (result === 'data') {
      summary.dataLines += 1;
    } else if (result === 'meta') {
      summary.otherLines += 1;
    } else {
      summary.malformedLines += 1;
    }
  }
  summary.observables += out.length;
  return out;
}

/** Lines of the byte stream per chunk, with 1-based numbers and byte offsets; \r\n is accepted. */
async function* splitLines(
  source: AsyncIterable<Uint8Array | string>,
  maxLineBytes: number,
  summary: ExtractionSummary,
): AsyncGenerator<Line[]> {
  let carry: Buffer[] = [];
  let carried = 0;
  let skipping = false;
  let lineNumber = 0;
  let lineStart = 0;
  const overlong = () => {
    summary.lines += 1;
    summary.malformedLines += 1;
    summary.overlongLines += 1;
  };
  const decode = (tail: Buffer): string => {
    const bytes = carry.length > 0 ? Buffer.concat([...carry, tail]) : tail;
    const end = bytes.length > 0 && bytes[bytes.length - 1] === 13 ? bytes.length - 1 : bytes.length;
    return bytes.toString('utf8', 0, end);
  };
  for await (const chunk of source) {
    const buf =
      typeof chunk === 'string'
        ? Buffer.from(chunk)
        : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    const lines: Line[] = [];
    let pos = 0;
    for (let nl = buf.indexOf(10, pos); nl >= 0; nl = buf.indexOf(10, pos)) {
      lineNumber += 1;
      if (skipping || carried + nl - pos > maxLineBytes) {
        overlong();
      } else {
        lines.push({ text: decode(buf.subarray(pos, nl)), line: lineNumber, offset: lineStart });
      }
      [carry, carried, skipping] = [[], 0, false];
      lineStart = summary.bytes + nl + 1;
      pos = nl + 1;
    }
    if (!skipping && pos < buf.length) {
      carry.push(buf.subarray(pos));
      carried += buf.length - pos;
      if (carried > maxLineBytes) {
        [carry, carried, skipping] = [[], 0, true];
      }
    }
    summary.bytes += buf.length;
    if (lines.length > 0) {
      yield lines;
    }
  }
  if (skipping) {
    overlong();
  } else if (carried > 0) {
    yield [{ text: decode(Buffer.alloc(0)), line: lineNumber + 1, offset: lineStart }];
  }
}

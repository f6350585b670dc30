// Streaming extraction: bytes in (a Readable or any async iterable of chunks), batches of observables
// out, in bounded memory whatever the input size: lines are cut from chunks as they arrive
// (extract-lines.ts), unreadable lines are counted, never fatal. Plain text is scanned from the bytes
// (extract-text-bytes.ts); other formats decode each line. The format is detected from the first
// lines unless given.
import { createCsvExtractor } from './extract-csv.ts';
import { createEveExtractor } from './extract-eve.ts';
import { createJsonLinesExtractor } from './extract-json.ts';
import { createZeekExtractor } from './extract-zeek.ts';
import { createIPv4Extractor } from './extract-ipv4-lines.ts';
import { detectFormat, DETECT_SAMPLE_LINES } from './extract-detect.ts';
import { countSpans, splitLineSpans, type LineSpans } from './extract-lines.ts';
import { TextLineScanner } from './extract-text-bytes.ts';
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

/** The per-line reader of a format other than plain text (which is read from bytes). */
export function createLineExtractor(format: Exclude<ExtractFormat, 'text'>): LineExtractor {
  switch (format) {
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
    let read = summary.format ? createReader(summary.format, summary) : undefined;
    let pending: LineSpans[] = [];
    for await (const chunkSpans of splitLineSpans(source, maxLineBytes, summary)) {
      let spans = chunkSpans;
      if (!read) {
        pending = pending.concat(chunkSpans);
        if (countSpans(pending) < DETECT_SAMPLE_LINES) {
          continue;
        }
        summary.format = detectFormat(sampleLines(pending));
        read = createReader(summary.format, summary);
        [spans, pending] = [pending, []];
      }
      const out = read(spans);
      if (out.length > 0) {
        yield out;
      }
    }
    if (!read) {
      summary.format = detectFormat(sampleLines(pending));
      const out = createReader(summary.format, summary)(pending);
      if (out.length > 0) {
        yield out;
      }
    }
  }
  return { batches: batches(), summary };
}

type Reader = (spans: readonly LineSpans[]) => Observable[];

/** Plain text is scanned from the bytes; the other formats read each line decoded. */
function createReader(format: ExtractFormat, summary: ExtractionSummary): Reader {
  if (format === 'text') {
    const scanner = new TextLineScanner();
    return (spans) => {
      const out: Observable[] = [];
      for (const { buf, starts, ends, numbers, offsets } of spans) {
        for (let k = 0; k < starts.length; k += 1) {
          summary.lines += 1;
          const result = scanner.scan(buf, starts[k]!, ends[k]!, numbers[k]!, offsets[k]!, out);
          if (result === 'data') {
            summary.dataLines += 1;
          } else {
            summary.otherLines += 1;
          }
        }
      }
      summary.observables += out.length;
      return out;
    };
  }
  const extractor = createLineExtractor(format);
  return (spans) => run(extractor, spans, summary);
}

/** The first lines, decoded, for format detection (it looks at the first 20 that are not blank). */
function sampleLines(spans: readonly LineSpans[]): string[] {
  const sample: string[] = [];
  let filled = 0;
  for (const { buf, starts, ends } of spans) {
    for (let k = 0; k < starts.length && filled < DETECT_SAMPLE_LINES; k += 1) {
      const text = buf.toString('utf8', starts[k], ends[k]);
      sample.push(text);
      filled += text.trim() === '' ? 0 : 1;
    }
  }
  return sample;
}

function run(
  extractor: LineExtractor,
  spans: readonly LineSpans[],
  summary: ExtractionSummary,
): Observable[] {
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
  for (const { buf, starts, ends, numbers, offsets } of spans) {
    for (let k = 0; k < starts.length; k += 1) {
      current = { text: buf.toString('utf8', starts[k], ends[k]), line: numbers[k]!, offset: offsets[k]! };
      summary.lines += 1;
      if (current.text.trim() === '') {
        summary.otherLines += 1;
        continue;
      }
      const result = extractor.extract(current.text, sink);
      if (result === 'data') {
        summary.dataLines += 1;
      } else if (result === 'meta') {
        summary.otherLines += 1;
      } else {
        summary.malformedLines += 1;
      }
    }
  }
  summary.observables += out.length;
  return out;
}

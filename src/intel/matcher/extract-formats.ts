// The input formats of matching and the contract of a line extractor: each data line becomes zero or
// more observables; a line that cannot be read is reported as malformed and skipped (never fatal).
import type { IndicatorKind } from './entry.ts';

export const EXTRACT_FORMATS = ['text', 'csv', 'jsonl', 'zeek', 'eve', 'ipv4'] as const;
export type ExtractFormat = (typeof EXTRACT_FORMATS)[number];

export type LineSink = {
  observable(kind: IndicatorKind, value: string, field?: string, column?: number): void;
  /** A field that should hold an address (or other typed value) holds something else. */
  invalid(field: string, value: string): void;
};

/** data: read (with or without observables); meta: a header or comment; malformed: unreadable. */
export type LineResult = 'data' | 'meta' | 'malformed';

export type LineExtractor = { format: ExtractFormat; extract(line: string, sink: LineSink): LineResult };

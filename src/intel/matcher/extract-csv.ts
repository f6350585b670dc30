// CSV lines (RFC 4180 quoting, one record per line): a first line with no observable is taken as the
// header and names the fields; each field is classified whole, or scanned as text if it is not.
import { classifyValue } from './extract-classify.ts';
import { extractFromText } from './extract-text.ts';
import type { LineExtractor, LineSink } from './extract-formats.ts';

/** Fields of one CSV line, or undefined if a quoted field is not closed on this line. */
export function parseCsvLine(line: string, delimiter = ','): string[] | undefined {
  const fields: string[] = [];
  let i = 0;
  for (;;) {
    if (line[i] === '"') {
      let value = '';
      i += 1;
      for (;;) {
        const close = line.indexOf('"', i);
        if (close < 0) {
          return undefined;
        }
        value += line.slice(i, close);
        if (line[close + 1] === '"') {
          value += '"';
          i = close + 2;
          continue;
        }
        i = close + 1;
        break;
      }
      fields.push(value);
      if (i < line.length && line[i] !== delimiter) {
        return undefined;
      }
    } else {
      const end = line.indexOf(delimiter, i);
      fields.push(line.slice(i, end < 0 ? line.length : end));
      i = end < 0 ? line.length : end;
    }
    if (i >= line.length) {
      return fields;
    }
    i += 1;
  }
}

/** Classifies one field value, falling back to a text scan; shared by the CSV and JSON extractors. */
export function extractField(value: string, field: string, sink: LineSink): void {
  const whole = classifyValue(value);
  if (whole) {
    sink.observable(whole.kind, whole.value, field);
    return;
  }
  if (value.length > 6 && value.length <= 65536) {
    for (const hit of extractFromText(value)) {
      sink.observable(hit.kind, hit.value, field, hit.column);
    }
  }
}

export function createCsvExtractor(delimiter = ','): LineExtractor {
  let header: string[] | undefined;
  let first = true;
  return {
    format: 'csv',
    extract(line, sink) {
      const fields = parseCsvLine(line, delimiter);
      if (!fields) {
        return 'malformed';
      }
      if (first) {
        first = false;
        if (fields.every((f) => f.trim() !== '' && classifyValue(f) === undefined)) {
          header = fields.map((f) => f.trim());
          return 'meta';
        }
      }
      fields.forEach((value, i) => extractField(value, header?.[i] ?? `column ${i + 1}`, sink));
      return 'data';
    },
  };
}

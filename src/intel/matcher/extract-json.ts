// JSON lines: each line one JSON value, walked to every string (depth-limited); the field of an
// observable is its path (dns.queries[0].rrname). Numbers and keys are not observables.
import { extractField } from './extract-csv.ts';
import type { LineExtractor, LineSink } from './extract-formats.ts';

const MAX_DEPTH = 32;

export function parseJsonLine(line: string): unknown {
  try {
    return JSON.parse(line) as unknown;
  } catch {
    return undefined;
  }
}

function walk(value: unknown, path: string, depth: number, sink: LineSink): void {
  if (typeof value === 'string') {
    extractField(value, path, sink);
  } else if (Array.isArray(value) && depth < MAX_DEPTH) {
    value.forEach((item, i) => walk(item, `${path}[${i}]`, depth + 1, sink));
  } else if (value !== null && typeof value === 'object' && depth < MAX_DEPTH) {
    for (const [key, item] of Object.entries(value)) {
      walk(item, path === '' ? key : `${path}.${key}`, depth + 1, sink);
    }
  }
}

export function createJsonLinesExtractor(): LineExtractor {
  return {
    format: 'jsonl',
    extract(line, sink) {
      const value = parseJsonLine(line);
      if (value === undefined) {
        return 'malformed';
      }
      walk(value, '', 0, sink);
      return 'data';
    },
  };
}

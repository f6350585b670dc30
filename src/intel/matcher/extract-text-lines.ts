// Plain text input: every line is scanned for observables (extract-text.ts); nothing is malformed.
import { extractFromText } from './extract-text.ts';
import type { LineExtractor } from './extract-formats.ts';

export function createTextExtractor(): LineExtractor {
  return {
    format: 'text',
    extract(line, sink) {
      for (const hit of extractFromText(line)) {
        sink.observable(hit.kind, hit.value, undefined, hit.column);
      }
      return 'data';
    },
  };
}

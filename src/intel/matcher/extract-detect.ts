// Which format a log is in, from its first lines: Zeek's #separator/#fields header, JSON objects
// (EVE if they carry Suricata's event_type), CSV if most lines split into the same number (≥ 2) of
// fields, plain text otherwise.
import { parseCsvLine } from './extract-csv.ts';
import { parseJsonLine } from './extract-json.ts';
import type { ExtractFormat } from './extract-formats.ts';

export const DETECT_SAMPLE_LINES = 20;

export function detectFormat(sample: readonly string[]): ExtractFormat {
  const lines = sample.filter((l) => l.trim() !== '').slice(0, DETECT_SAMPLE_LINES);
  const first = lines[0];
  if (first === undefined) {
    return 'text';
  }
  if (first.startsWith('#separator') || first.startsWith('#fields')) {
    return 'zeek';
  }
  if (first.trimStart().startsWith('{')) {
    const objects = lines
      .map(parseJsonLine)
      .filter((v): v is Record<string, unknown> => v !== null && typeof v === 'object');
    if (objects.length * 2 > lines.length) {
      const eve = objects.some(
        (o) => typeof o.event_type === 'string' && ('src_ip' in o || 'timestamp' in o),
      );
      return eve ? 'eve' : 'jsonl';
    }
  }
  const counts = lines.map((l) => (l.includes(',') ? (parseCsvLine(l)?.length ?? 0) : 0));
  const mostCommon = counts.reduce<[number, number]>(
    (best, c) => {
      const n = counts.filter((x) => x === c).length;
      return c >= 2 && n > best[1] ? [c, n] : best;
    },
    [0, 0],
  );
  return mostCommon[0] >= 2 && mostCommon[1] * 5 >= lines.length * 4 ? 'csv' : 'text';
}

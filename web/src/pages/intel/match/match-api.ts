// Streams a pasted or uploaded log to POST /api/v1/intel/match/log and reads the JSON lines back as
// they come: each hit is handed over at once, the summary ends the answer.
import { ApiError, writeHeaders } from '../../../api/client.ts';
import type { MatchHit, MatchSummary } from '../../../../../src/intel/matcher/match-run.ts';

export type { MatchHit, MatchSummary };
export const MATCH_FORMATS = ['auto', 'text', 'csv', 'jsonl', 'zeek', 'eve', 'ipv4'] as const;
export type MatchFormat = (typeof MATCH_FORMATS)[number];

export async function streamMatch(
  body: Blob,
  options: { format: MatchFormat; record: boolean },
  onHit: (hit: MatchHit) => void,
): Promise<MatchSummary> {
  const query = new URLSearchParams({ format: options.format });
  if (options.record) {
    query.set('record', 'sighting');
  }
  const res = await fetch(`/api/v1/intel/match/log?${query.toString()}`, {
    method: 'POST',
    credentials: 'same-origin',
    headers: {
      'content-type': 'application/octet-stream',
      accept: 'application/x-ndjson',
      ...writeHeaders(),
    },
    body,
  }).catch(() => {
    throw new ApiError(0, 'NETWORK', 'network error');
  });
  if (!res.ok || !res.body) {
    const data = (await res.json().catch(() => ({}))) as { error?: { code: string; message: string } };
    throw new ApiError(res.status, data.error?.code ?? 'INTERNAL', data.error?.message ?? res.statusText);
  }
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  let carry = '';
  let summary: MatchSummary | undefined;
  const take = (line: string) => {
    if (line.trim() === '') {
      return;
    }
    const parsed = JSON.parse(line) as MatchHit | { summary: MatchSummary };
    if ('summary' in parsed) {
      summary = parsed.summary;
    } else {
      onHit(parsed);
    }
  };
  for (;;) {
    const { done, value } = await reader.read();
    if (done) {
      break;
    }
    const lines = (carry + value).split('\n');
    carry = lines.pop() ?? '';
    lines.forEach(take);
  }
  take(carry);
  if (!summary) {
    throw new ApiError(0, 'NETWORK', 'the answer ended before its summary');
  }
  return summary;
}

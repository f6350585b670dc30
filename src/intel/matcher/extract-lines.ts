// Lines of a byte stream as spans of the chunks they arrived in (no string per line), with 1-based
// numbers and byte offsets, in bounded memory: only a line cut by a chunk boundary is copied, and a
// line longer than maxLineBytes is skipped to its end and counted. \r\n is accepted.

/** The lines of one buffer: line k is buf[starts[k], ends[k]) without its line break. */
export type LineSpans = {
  buf: Buffer;
  starts: number[];
  ends: number[];
  numbers: number[];
  offsets: number[];
};

export type LineCounts = { bytes: number; lines: number; malformedLines: number; overlongLines: number };

/** Per chunk read, the spans of the lines it completes (the one it finishes first, if cut, apart). */
export async function* splitLineSpans(
  source: AsyncIterable<Uint8Array | string>,
  maxLineBytes: number,
  counts: LineCounts,
): AsyncGenerator<LineSpans[]> {
  let carry: Buffer[] = [];
  let carried = 0;
  let skipping = false;
  let lineNumber = 0;
  let lineStart = 0;
  const overlong = () => {
    counts.lines += 1;
    counts.malformedLines += 1;
    counts.overlongLines += 1;
  };
  for await (const chunk of source) {
    const buf =
      typeof chunk === 'string'
        ? Buffer.from(chunk)
        : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    const spans = createSpans(buf);
    let joined: LineSpans | undefined;
    let pos = 0;
    for (let nl = buf.indexOf(10, pos); nl >= 0; nl = buf.indexOf(10, pos)) {
      lineNumber += 1;
      if (skipping || carried + nl - pos > maxLineBytes) {
        overlong();
      } else if (carried > 0) {
        const line = Buffer.concat([...carry, buf.subarray(pos, nl)]);
        joined = createSpans(line);
        addSpan(joined, 0, line.length, lineNumber, lineStart);
      } else {
        addSpan(spans, pos, nl, lineNumber, lineStart);
      }
      [carry, carried, skipping] = [[], 0, false];
      lineStart = counts.bytes + nl + 1;
      pos = nl + 1;
    }
    if (!skipping && pos < buf.length) {
      // A copy: the reader may reuse the chunk's memory once it has been consumed.
      carry.push(Buffer.from(buf.subarray(pos)));
      carried += buf.length - pos;
      if (carried > maxLineBytes) {
        [carry, carried, skipping] = [[], 0, true];
      }
    }
    counts.bytes += buf.length;
    const out = [joined, spans].filter((s): s is LineSpans => s !== undefined && s.starts.length > 0);
    if (out.length > 0) {
      yield out;
    }
  }
  if (skipping) {
    overlong();
  } else if (carried > 0) {
    const line = Buffer.concat(carry);
    const last = createSpans(line);
    addSpan(last, 0, line.length, lineNumber + 1, lineStart);
    yield [last];
  }
}

function createSpans(buf: Buffer): LineSpans {
  return { buf, starts: [], ends: [], numbers: [], offsets: [] };
}

function addSpan(spans: LineSpans, start: number, end: number, line: number, offset: number): void {
  spans.starts.push(start);
  spans.ends.push(end > start && spans.buf[end - 1] === 13 ? end - 1 : end);
  spans.numbers.push(line);
  spans.offsets.push(offset);
}

export function countSpans(batches: readonly LineSpans[]): number {
  return batches.reduce((n, s) => n + s.starts.length, 0);
}

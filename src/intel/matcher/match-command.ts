// `accord intel match FILE|-`: streams a log (or standard input) through the store-fed matcher and
// prints each hit as text or a JSON line, then a summary; a progress bar on stderr when it is a TTY.
import { createReadStream, statSync } from 'node:fs';
import { once } from 'node:events';
import type { Command } from 'commander';
import cliProgress from 'cli-progress';
import { AppError } from '../../platform/errors/app-error.ts';
import { processIO, type CliIO } from '../../platform/cli/io.ts';
import { cliActor, withServices } from '../../platform/cli/run-with-services.ts';
import { EXTRACT_FORMATS, type ExtractFormat } from './extract-formats.ts';
import { matchLog, type MatchHit, type MatchSummary } from './match-run.ts';

type MatchOptions = { format: ExtractFormat | 'auto'; json?: boolean; as?: string; sight?: boolean };

export function registerMatchCommand(intel: Command, io: CliIO): void {
  intel
    .command('match')
    .argument('<file>', 'a log file, or - for standard input')
    .description(
      'match a log (plain lines, CSV, JSON lines, Zeek, Suricata EVE) against the indicators you may see',
    )
    .option('--format <format>', `auto, ${EXTRACT_FORMATS.join(', ')}`, 'auto')
    .option('--as <email>', 'match with this user’s visibility (default: the first administrator)')
    .option('--sight', 'record each matched value as a sighting of your organisation (audited)')
    .option('--json', 'JSON lines: one per hit, then {"summary":…}')
    .action(async (file: string, opts: MatchOptions) => runMatch(io, file, opts));
}

async function runMatch(io: CliIO, file: string, opts: MatchOptions): Promise<void> {
  if (opts.format !== 'auto' && !(EXTRACT_FORMATS as readonly string[]).includes(opts.format)) {
    throw new AppError('VALIDATION_FAILED', `unknown format "${opts.format}"`, [
      { path: 'format', reason: `one of auto, ${EXTRACT_FORMATS.join(', ')}` },
    ]);
  }
  const total = file === '-' ? undefined : sizeOf(file);
  const summary = await withServices(io, async (s) => {
    const actor = await cliActor(s, opts.as);
    const service = await s.matcher({ follow: false });
    const source = file === '-' ? process.stdin : createReadStream(file, { highWaterMark: 1 << 20 });
    const progress = createProgress(io, total);
    const counted = (async function* () {
      let read = 0;
      for await (const chunk of source as AsyncIterable<Buffer>) {
        read += chunk.length;
        progress?.update(read);
        yield chunk;
      }
    })();
    const run = matchLog(s.ctx, service, actor, counted, {
      format: opts.format,
      record: opts.sight === true,
      source: `accord intel match ${file === '-' ? 'stdin' : file}`.slice(0, 200),
    });
    try {
      for await (const hit of run.hits) {
        io.stdout(opts.json ? JSON.stringify(hit) : formatHit(hit));
        // Backpressure: a slow reader of a 10 GB log's hits must not make them pile up in memory.
        if (io === processIO && process.stdout.writableNeedDrain) {
          await once(process.stdout, 'drain');
        }
      }
    } finally {
      progress?.stop();
    }
    return run.summary;
  });
  io.stdout(opts.json ? JSON.stringify({ summary }) : formatSummary(summary));
}

function sizeOf(file: string): number {
  try {
    return statSync(file).size;
  } catch (error) {
    throw new AppError('VALIDATION_FAILED', `cannot read ${file}: ${(error as Error).message}`, [
      { path: 'file', reason: 'not readable' },
    ]);
  }
}

function createProgress(io: CliIO, total: number | undefined) {
  if (!io.interactive || total === undefined) {
    return undefined;
  }
  const bar = new cliProgress.SingleBar(
    { stream: process.stderr, format: 'matching [{bar}] {percentage}% {value}/{total} bytes', fps: 5 },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0);
  return bar;
}

export function formatHit(hit: MatchHit): string {
  const where = hit.line === undefined ? '' : `line ${hit.line}${hit.field ? ` ${hit.field}` : ''}: `;
  const indicators = hit.indicators.map(
    (i) =>
      `${i.id} [${i.tlp.toUpperCase()}] ${i.producer.name ?? i.producer.id}` +
      `${i.producer.country ? ` (${i.producer.country})` : ''}, first seen ${i.firstSeen.slice(0, 10)}`,
  );
  return `${where}${hit.observable} (${hit.kind}) → ${indicators.join('; ')}`;
}

export function formatSummary(s: MatchSummary): string {
  const m = s.malformed;
  return [
    `format ${s.format ?? 'unknown'}, ${s.bytes} bytes, ${s.lines} lines, ${s.observables} observables, ${s.hits} hits (${s.matchedValues} distinct values)`,
    `malformed: ${m.unreadable} unreadable lines, ${m.overlong} overlong lines, ${m.invalidValues} invalid values`,
    ...s.invalidSamples.map((x) => `  line ${x.line} ${x.field}: ${JSON.stringify(x.value)}`),
    ...(s.sightingsRecorded > 0 ? [`recorded ${s.sightingsRecorded} sighting(s)`] : []),
  ].join('\n');
}

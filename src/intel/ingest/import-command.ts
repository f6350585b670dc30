// `accord intel import FILE`: registers the file as an import and runs its job in this process,
// with a progress bar on stderr when it is a terminal, then prints the counts and first rejections.
// `--resume ID` picks up an import whose process died (kill -9, power cut) after its last commit.
import { randomUUID } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import cliProgress from 'cli-progress';
import type { Ctx } from '../../platform/context.ts';
import type { Actor } from '../../platform/access/policy.ts';
import { printResult, type CliIO } from '../../platform/cli/io.ts';
import { cliActor, withServices } from '../../platform/cli/run-with-services.ts';
import { AppError } from '../../platform/errors/app-error.ts';
import { findOrganisation, findOrganisationByName } from '../../platform/identity/store.ts';
import { parseTlp } from '../tlp.ts';
import { IMPORT_FORMATS, type ImportFormat, type ImportView } from './import-view.ts';
import { findImport } from './import-store.ts';
import { requeueJob } from '../../platform/jobs/store.ts';
import { runImportNow } from './run-import-now.ts';
import { getImport, listRejections, registerImport } from './imports.ts';

type ImportOptions = {
  format?: string;
  preset?: string;
  columns?: string;
  tlp?: string;
  audience?: string;
  org?: string;
  as?: string;
  json?: boolean;
  resume?: string;
  force?: boolean;
};

const SHOWN_REJECTIONS = 20;
// A running import whose heartbeat is older than this is taken to be dead and may be resumed.
const SILENT_MS = 60_000;

async function organisationId(ctx: Ctx, ref: string): Promise<string> {
  const byId = /^[0-9a-f-]{36}$/i.test(ref) ? await findOrganisation(ctx.db, ref) : undefined;
  const found = byId ?? (await findOrganisationByName(ctx.db, ref));
  if (!found) {
    throw new AppError(
      'PLATFORM_UNKNOWN_ORGANISATION',
      `no organisation "${ref}" (give its id or exact name)`,
    );
  }
  return found.id;
}

function parseFormat(text: string | undefined): ImportFormat | undefined {
  if (text !== undefined && !(IMPORT_FORMATS as readonly string[]).includes(text)) {
    throw new AppError('INTEL_IMPORT_FORMAT_UNKNOWN', `--format must be one of ${IMPORT_FORMATS.join(', ')}`);
  }
  return text as ImportFormat | undefined;
}

function parseTlpOption(text: string | undefined) {
  const tlp = text === undefined ? undefined : parseTlp(text);
  if (text !== undefined && tlp === undefined) {
    throw new AppError('VALIDATION_FAILED', '--tlp must be clear, green, amber, amber+strict or red', [
      { path: 'tlp', reason: `unknown TLP "${text}"` },
    ]);
  }
  return tlp;
}

/** Records per second, for the progress bar: "18.2k". */
function recordRate(records: number, seconds: number): string {
  const rate = seconds > 0 ? records / seconds : 0;
  return rate >= 1000 ? `${(rate / 1000).toFixed(1)}k` : rate.toFixed(0);
}

/** Runs the import's job here, with a progress bar on stderr when it is a terminal. */
async function runHere(ctx: Ctx, io: CliIO, view: ImportView, json: boolean | undefined): Promise<void> {
  const bar =
    io.interactive && !json
      ? new cliProgress.SingleBar(
          {
            stream: process.stderr,
            format:
              'importing {bar} {percentage}% | {value}/{total} {unit} | {records} records, {rate}/s | ETA {eta_formatted}',
            fps: 5,
          },
          cliProgress.Presets.shades_classic,
        )
      : undefined;
  const started = performance.now();
  const resumedRecords = view.progress.done > 0 ? undefined : 0;
  bar?.start(view.progress.total ?? 0, view.progress.done, {
    unit: view.format === 'misp' ? 'records' : 'bytes',
    records: 0,
    rate: '0',
  });
  let firstRecords = resumedRecords;
  try {
    await runImportNow(ctx, view, (p) => {
      if (p.total) {
        bar?.setTotal(p.total);
      }
      const records = Number(p.checkpoint?.records ?? 0);
      // A resumed import counts its rate from the records this run read, not from the file's start.
      firstRecords ??= records;
      bar?.update(p.done, {
        records: records.toLocaleString('en'),
        rate: recordRate(records - firstRecords, (performance.now() - started) / 1000),
      });
    });
  } finally {
    bar?.stop();
  }
}

async function summarise(ctx: Ctx, io: CliIO, actor: Actor, id: string, json: boolean | undefined) {
  const view = await getImport(ctx, actor, id);
  const { rejections } = await listRejections(ctx, actor, id, undefined, SHOWN_REJECTIONS);
  printResult(io, json, { import: view, rejections }, () => {
    const c = view.counts;
    return [
      `import ${view.id} (${view.format}${view.preset ? `, preset ${view.preset}` : ''}): ${view.status}`,
      `  added ${c.added}, new versions ${c.newVersion}, older versions ${c.olderVersion}, duplicates ${c.duplicate}, rejected ${c.rejected}`,
      ...(rejections.length > 0 ? [`  first rejections:`] : []),
      ...rejections.map((r) => `    ${r.locator}  ${r.code}  ${r.reason}`),
      ...(c.rejected > rejections.length
        ? [`  … ${c.rejected - rejections.length} more: GET /api/v1/intel/imports/${view.id}/rejections`]
        : []),
    ].join('\n');
  });
}

async function runImportCommand(io: CliIO, file: string | undefined, opts: ImportOptions): Promise<void> {
  const format = parseFormat(opts.format);
  const tlp = parseTlpOption(opts.tlp);
  await withServices(io, async (s) => {
    const actor = await cliActor(s, opts.as);
    let view: ImportView;
    if (opts.resume) {
      const row = await findImport(s.ctx.db, opts.resume);
      view = await getImport(s.ctx, actor, opts.resume);
      const silentSince = new Date(s.ctx.now().getTime() - (opts.force ? 0 : SILENT_MS)).toISOString();
      if (
        row?.job_id &&
        view.status !== 'succeeded' &&
        !(await requeueJob(s.ctx.db, row.job_id, silentSince))
      ) {
        throw new AppError(
          'CONFLICT',
          `import ${view.id} is running and alive; --force if its process is gone`,
        );
      }
    } else {
      if (file === undefined) {
        throw new AppError('USAGE', 'give a FILE to import, or --resume ID');
      }
      const path = resolve(file);
      const info = await stat(path).catch(() => undefined);
      if (!info?.isFile()) {
        throw new AppError('VALIDATION_FAILED', `cannot read ${file}: not a file`, [
          { path: 'file', reason: 'not found' },
        ]);
      }
      const audience = opts.audience
        ? await Promise.all(opts.audience.split(',').map((a) => organisationId(s.ctx, a.trim())))
        : undefined;
      view = await registerImport(
        s.ctx,
        actor,
        { id: randomUUID(), path, bytes: info.size },
        {
          organisationId: opts.org ? await organisationId(s.ctx, opts.org) : undefined,
          format,
          preset: opts.preset,
          columns: opts.columns,
          tlp,
          audience,
          fileName: file,
        },
      );
    }
    if (view.status !== 'succeeded') {
      await runHere(s.ctx, io, view, opts.json);
    }
    await summarise(s.ctx, io, actor, view.id, opts.json);
  });
}

export function registerImportCommand(intel: Command, io: CliIO): void {
  intel
    .command('import')
    .argument('[file]', 'a STIX 2.1 bundle, MISP JSON (events) or a CSV feed / plain list')
    .description('import threat intelligence from a file, in resumable batches; rejected records are listed')
    .option('--format <format>', 'stix, misp or csv (default: detected from the file)')
    .option(
      '--preset <preset>',
      'CSV preset: plain, ip, domain, url, hash, feodo, urlhaus, threatfox (default: detected)',
    )
    .option('--columns <mapping>', 'a custom CSV mapping, e.g. "value=2;kind=url;first_seen=1;labels=5,6"')
    .option('--tlp <tlp>', 'TLP of unmarked objects (default: the organisation default, else AMBER)')
    .option('--audience <orgs>', 'organisations (ids or names, comma-separated) that may see AMBER objects')
    .option('--org <org>', 'the producing organisation (id or name; default: your only organisation)')
    .option('--resume <importId>', 'resume an import whose process stopped (instead of FILE)')
    .option('--force', 'with --resume: take over even if the last heartbeat is recent')
    .option('--as <email>', 'act as this user (default: the first administrator)')
    .option('--json', 'machine-readable output')
    .action(async (file: string | undefined, opts: ImportOptions) => runImportCommand(io, file, opts));
}

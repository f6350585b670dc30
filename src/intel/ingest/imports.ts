// Imports as a service: a file (streamed to the data directory, never buffered whole) becomes an
// import row and an `intel.import` job in one audited transaction; imports and their rejections are
// shown to their creator, members of the producing organisation and platform administrators.
import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import type { Ctx, RequestMeta } from '../../platform/context.ts';
import { organisationIdsOf, type Actor } from '../../platform/access/policy.ts';
import type { Tlp } from '../../platform/access/tlp-policy.ts';
import { appendAudit } from '../../platform/audit/store.ts';
import { inTransaction } from '../../platform/db/pool.ts';
import { AppError } from '../../platform/errors/app-error.ts';
import { findJob, insertJob } from '../../platform/jobs/store.ts';
import { resolveCsvMapping } from './csv-mapping.ts';
import { detectCsvPreset, detectFormat, readHead } from './detect-format.ts';
import { IMPORT_JOB_KIND } from './import-job.ts';
import { attachJob, findImport, findImportsFor, findRejections, insertImport } from './import-store.ts';
import { presentImport, type ImportFormat, type ImportRow, type ImportView } from './import-view.ts';
import { assertMayIngest } from './ingest-batch.ts';

export type ImportInput = {
  organisationId?: string | undefined;
  format?: ImportFormat | undefined;
  preset?: string | undefined;
  /** A custom CSV mapping (see csv-mapping.ts); wins over the preset. */
  columns?: string | undefined;
  tlp?: Tlp | undefined;
  audience?: string[] | undefined;
  fileName: string;
  /** The Content-Length of an upload, when the client sent one: refused before reading if too large. */
  declaredBytes?: number | undefined;
};

/** The producing organisation: the one named, else the actor's only organisation where it may write. */
function producerOf(actor: Actor, input: ImportInput): string {
  if (input.organisationId) {
    return input.organisationId;
  }
  const writable = organisationIdsOf(actor, 'analyst');
  if (writable.length !== 1) {
    throw new AppError(
      'VALIDATION_FAILED',
      writable.length === 0
        ? 'you are analyst in no organisation: name the producing organisation'
        : 'you belong to several organisations: name the producing organisation',
      [{ path: 'organisation', reason: 'required' }],
    );
  }
  return writable[0] as string;
}

async function assertOrganisationsExist(ctx: Ctx, ids: string[]): Promise<void> {
  if (ids.length === 0) {
    return;
  }
  const r = await ctx.db.query<{ id: string }>('SELECT id FROM organisations WHERE id = ANY($1::uuid[])', [
    ids,
  ]);
  const found = new Set(r.rows.map((row) => row.id));
  const missing = ids.filter((id) => !found.has(id));
  if (missing.length > 0) {
    throw new AppError('PLATFORM_UNKNOWN_ORGANISATION', `no organisation ${missing.join(', ')}`, [
      { path: 'audience', reason: `unknown organisation ${missing[0]}` },
    ]);
  }
}

/**
 * Copies a stream to `path`. Past `maxBytes` it stops writing, removes the file and, after reading
 * the rest of the body (so the client gets the 413 rather than a reset connection), throws.
 */
export async function saveUpload(
  source: AsyncIterable<Buffer | string>,
  path: string,
  maxBytes: number,
): Promise<number> {
  let bytes = 0;
  let tooLarge = false;
  const out = createWriteStream(path, { flags: 'wx' });
  try {
    for await (const chunk of source) {
      bytes += chunk.length;
      if (bytes > maxBytes) {
        tooLarge = true;
        continue;
      }
      if (!out.write(chunk)) {
        await once(out, 'drain');
      }
    }
  } catch (error) {
    out.destroy();
    await rm(path, { force: true });
    throw error;
  }
  out.end();
  await finished(out);
  if (tooLarge) {
    await rm(path, { force: true });
    throw new AppError('INTEL_IMPORT_TOO_LARGE', `the file is larger than the limit of ${maxBytes} bytes`);
  }
  return bytes;
}

/**
 * Registers an import of a file already on disk (an upload saved by `uploadImport`, or a file the
 * CLI names) and enqueues its job; the format and CSV preset are detected when not given.
 */
export async function registerImport(
  ctx: Ctx,
  actor: Actor,
  file: { id: string; path: string; bytes: number },
  input: ImportInput,
  meta: RequestMeta = {},
): Promise<ImportView> {
  const organisationId = producerOf(actor, input);
  assertMayIngest(actor, organisationId);
  await assertOrganisationsExist(ctx, [organisationId, ...(input.audience ?? [])]);
  const head = await readHead(file.path);
  const format = input.format ?? detectFormat(head);
  let preset: string | null = null;
  if (format === 'csv') {
    // Resolved now so a bad mapping is refused before any job runs.
    const mapping = resolveCsvMapping(
      input.preset ?? (input.columns ? undefined : detectCsvPreset(head)),
      input.columns,
    );
    preset = input.columns ? `custom:${input.columns}` : mapping.preset;
  }
  const now = ctx.now().toISOString();
  const { row, job } = await inTransaction(ctx.db, async (tx) => {
    const inserted = await insertImport(tx, {
      id: file.id,
      organisationId,
      createdBy: actor.userId,
      format,
      preset,
      fileName: input.fileName,
      filePath: file.path,
      bytes: file.bytes,
      tlp: input.tlp ?? null,
      audienceOrganisationIds: input.audience ?? [],
      now,
    });
    const queued = await insertJob(tx, {
      kind: IMPORT_JOB_KIND,
      payload: { importId: inserted.id },
      createdBy: actor.userId,
      organisationId,
      now,
    });
    await attachJob(tx, inserted.id, queued.id);
    await appendAudit(
      tx,
      {
        actorUserId: actor.userId,
        actorOrganisationId: organisationId,
        action: 'intel.import.create',
        resourceType: 'intel-import',
        resourceId: inserted.id,
        summary: {
          format,
          preset,
          fileName: input.fileName,
          bytes: file.bytes,
          tlp: input.tlp ?? null,
          audience: input.audience ?? [],
        },
        requestId: meta.requestId ?? null,
      },
      ctx.now(),
    );
    return { row: { ...inserted, job_id: queued.id }, job: queued };
  });
  return presentImport(row, job);
}

/** Streams an uploaded body to `<dataDir>/imports/<id>` (size-limited) and registers its import. */
export async function uploadImport(
  ctx: Ctx,
  actor: Actor,
  body: AsyncIterable<Buffer | string>,
  input: ImportInput,
  meta: RequestMeta = {},
): Promise<ImportView> {
  // Checked before reading the body: a refused import should not cost the upload.
  assertMayIngest(actor, producerOf(actor, input));
  if (input.declaredBytes !== undefined && input.declaredBytes > ctx.config.importMaxBytes) {
    throw new AppError(
      'INTEL_IMPORT_TOO_LARGE',
      `the file is larger than the limit of ${ctx.config.importMaxBytes} bytes`,
    );
  }
  const id = randomUUID();
  const dir = join(ctx.config.dataDir, 'imports');
  await mkdir(dir, { recursive: true });
  const path = join(dir, id);
  const bytes = await saveUpload(body, path, ctx.config.importMaxBytes);
  try {
    return await registerImport(ctx, actor, { id, path, bytes }, input, meta);
  } catch (error) {
    await rm(path, { force: true });
    throw error;
  }
}

function canSeeImport(actor: Actor, row: ImportRow): boolean {
  return (
    actor.isAdmin || row.created_by === actor.userId || organisationIdsOf(actor).includes(row.organisation_id)
  );
}

async function visibleImport(ctx: Ctx, actor: Actor, id: string): Promise<ImportRow> {
  const row = /^[0-9a-f-]{36}$/i.test(id) ? await findImport(ctx.db, id) : undefined;
  if (!row || !canSeeImport(actor, row)) {
    throw new AppError('INTEL_IMPORT_NOT_FOUND', `no import ${id} that you may see`);
  }
  return row;
}

export async function getImport(ctx: Ctx, actor: Actor, id: string): Promise<ImportView> {
  const row = await visibleImport(ctx, actor, id);
  return presentImport(row, row.job_id ? await findJob(ctx.db, row.job_id) : undefined);
}

export async function listImports(ctx: Ctx, actor: Actor, limit = 50): Promise<ImportView[]> {
  const rows = await findImportsFor(
    ctx.db,
    actor.isAdmin ? 'all' : organisationIdsOf(actor),
    actor.userId,
    limit,
  );
  return Promise.all(
    rows.map(async (row) => presentImport(row, row.job_id ? await findJob(ctx.db, row.job_id) : undefined)),
  );
}

export async function listRejections(
  ctx: Ctx,
  actor: Actor,
  id: string,
  after: string | undefined,
  limit: number,
): Promise<{ rejections: { locator: string; reason: string; code: string }[]; next: string | null }> {
  await visibleImport(ctx, actor, id);
  const afterId = after === undefined ? 0 : Number(after);
  if (!Number.isSafeInteger(afterId) || afterId < 0) {
    throw new AppError('VALIDATION_FAILED', 'after must be a cursor returned as next', [
      { path: 'after', reason: 'invalid cursor' },
    ]);
  }
  const rows = await findRejections(ctx.db, id, afterId, limit + 1);
  const page = rows.slice(0, limit);
  return {
    rejections: page.map((r) => ({ locator: r.locator, reason: r.reason, code: r.code })),
    next: rows.length > limit ? String(page.at(-1)?.id) : null,
  };
}

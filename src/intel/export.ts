// Exports of what an actor may see: a STIX 2.1 bundle or CSV (MISP JSON: export-misp.ts), produced page by page so an export of
// a million objects never holds them all; every page goes through the TLP predicate.
import { randomUUID } from 'node:crypto';
import type { Ctx } from '../platform/context.ts';
import type { Actor } from '../platform/access/policy.ts';
import { searchVisibleObjects, type ObjectRow, type SearchFilter } from './store.ts';

const PAGE = 1000;

export type ExportFilter = Omit<SearchFilter, 'limit' | 'afterPk'>;

export async function* visiblePages(
  ctx: Ctx,
  actor: Actor,
  filter: ExportFilter,
): AsyncGenerator<ObjectRow[]> {
  let afterPk: number | undefined;
  for (;;) {
    const rows = await searchVisibleObjects(ctx.db, actor, { ...filter, limit: PAGE, afterPk });
    if (rows.length > 0) {
      yield rows;
    }
    if (rows.length < PAGE) {
      return;
    }
    afterPk = rows.at(-1)?.pk;
  }
}

/** A STIX 2.1 bundle, streamed as text: each object exactly as it was stored. */
export async function* exportStixBundle(
  ctx: Ctx,
  actor: Actor,
  filter: ExportFilter,
): AsyncGenerator<string> {
  yield `{"type":"bundle","id":"bundle--${randomUUID()}","objects":[`;
  let first = true;
  for await (const rows of visiblePages(ctx, actor, filter)) {
    const page = rows.map((r) => r.raw).join(',');
    yield first ? page : `,${page}`;
    first = false;
  }
  yield ']}\n';
}

const CSV_COLUMNS = ['id', 'type', 'name', 'tlp', 'modified', 'labels', 'pattern', 'value'] as const;

/** RFC 4180 quoting; a leading =, +, - or @ is prefixed so spreadsheets do not run it as a formula. */
export function csvCell(value: string | number | null | undefined): string {
  let text = value === undefined || value === null ? '' : String(value);
  if (/^[=+\-@]/.test(text)) {
    text = `'${text}`;
  }
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export async function* exportCsv(ctx: Ctx, actor: Actor, filter: ExportFilter): AsyncGenerator<string> {
  yield `${CSV_COLUMNS.join(',')}\r\n`;
  for await (const rows of visiblePages(ctx, actor, filter)) {
    yield (
      rows
        .map((r) => {
          const o = JSON.parse(r.raw) as { pattern?: string; value?: string };
          return [r.stix_id, r.type, r.name, r.tlp, r.modified, r.labels.join(';'), o.pattern, o.value]
            .map(csvCell)
            .join(',');
        })
        .join('\r\n') + '\r\n'
    );
  }
}

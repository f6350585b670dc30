// The ingest part of `accord demo`: three labelled [Demo] files imported through the real import
// jobs, each by an analyst of a different country's CIRT: a STIX bundle from ngCERT (NG), a MISP
// event from JPCERT/CC (JP) and a Feodo-style CSV blocklist from KE-CIRT/CC (KE). They share values
// (203.0.113.66, 198.51.100.77, c2-botnet-demo.example…), so the snapshot shows them correlated.
import { randomUUID } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Ctx } from '../../platform/context.ts';
import { actorOf } from '../../platform/identity/present.ts';
import { findMemberships, findUserById } from '../../platform/identity/store.ts';
import { registerImport } from './imports.ts';
import { runImportNow } from './run-import-now.ts';
import { getImport } from './imports.ts';

const DEMO_FILES = [
  { organisation: '[Demo] ngCERT', file: 'ngcert-mirage-bundle.json' },
  { organisation: '[Demo] JPCERT/CC', file: 'jpcert-mirage-misp-event.json' },
  { organisation: '[Demo] KE-CIRT/CC', file: 'kecirt-c2-blocklist.csv' },
];

async function analystOf(ctx: Ctx, organisation: string) {
  const r = await ctx.db.query<{ user_id: string; organisation_id: string }>(
    `SELECT m.user_id, m.organisation_id FROM memberships m JOIN organisations o ON o.id = m.organisation_id
      WHERE o.name = $1 AND m.role IN ('analyst', 'org-admin') ORDER BY m.role, m.user_id LIMIT 1`,
    [organisation],
  );
  const row = r.rows[0];
  const user = row ? await findUserById(ctx.db, row.user_id) : undefined;
  return row && user
    ? {
        organisationId: row.organisation_id,
        actor: actorOf(user, await findMemberships(ctx.db, user.id), 'cli'),
      }
    : undefined;
}

export async function loadIngestDemo(ctx: Ctx): Promise<string[]> {
  const lines: string[] = [];
  for (const { organisation, file } of DEMO_FILES) {
    const who = await analystOf(ctx, organisation);
    if (!who) {
      continue;
    }
    const done = await ctx.db.query(
      'SELECT 1 FROM intel_imports WHERE organisation_id = $1 AND file_name = $2',
      [who.organisationId, file],
    );
    if ((done.rowCount ?? 0) > 0) {
      continue;
    }
    const path = fileURLToPath(new URL(`../demo-data/${file}`, import.meta.url));
    const view = await registerImport(
      ctx,
      who.actor,
      { id: randomUUID(), path, bytes: (await stat(path)).size },
      { organisationId: who.organisationId, fileName: file },
    );
    await runImportNow(ctx, view);
    const c = (await getImport(ctx, who.actor, view.id)).counts;
    lines.push(
      `Import of ${file} by ${organisation} (${view.format}): ${c.added} added, ${c.rejected} rejected.`,
    );
  }
  return lines;
}

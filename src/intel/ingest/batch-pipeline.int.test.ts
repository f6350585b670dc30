// Two import batches in flight (batch-gate.ts) must leave exactly what one batch after the other
// leaves: the same outcomes, versions, dedupe decisions, correlations, checkpoints and audit entries,
// even when consecutive batches share ids, dedupe keys and values; and a batch that fails rolls the
// one written beside it back, so the import resumes after the last batch both would have committed.
import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Services } from '../../platform/services.ts';
import type { Actor } from '../../platform/access/policy.ts';
import { createTestServices } from '../../../test/support/services.ts';
import { buildOrganisation, buildUser } from '../../../test/support/factories.ts';
import { buildIndicator, buildIpv4 } from '../../../test/support/stix.ts';
import { registerImport } from './imports.ts';
import { runImport } from './import-job.ts';

const dir = mkdtempSync(join(tmpdir(), 'accord-pipeline-test-'));
const T = (minute: number) => `2026-11-01T00:${String(minute).padStart(2, '0')}:00.000Z`;
const ip = (pattern: string) => `[ipv4-addr:value = '${pattern}']`;

// Stored before the import: S holds the pattern P, and the file gives S a new version with another
// pattern (batch 8) just before T asks for P (batch 9): T's dedupe lookup finds S, whose new version
// the batch before is writing, and must read again once it has committed.
const S1 = buildIndicator({ pattern: ip('198.51.100.90'), created: T(0), modified: T(0) });
const S2 = { ...S1, modified: T(5), pattern: ip('198.51.100.91') };
const A1 = buildIndicator({ pattern: ip('198.51.100.1'), created: T(0), modified: T(1) });
const A2 = { ...A1, modified: T(2), pattern: ip('198.51.100.2') };
const A0 = { ...A1, modified: T(0) };
const B = buildIndicator({ pattern: ip('198.51.100.3') });
const D = buildIndicator({ pattern: ip('198.51.100.4') });
const G = buildIndicator({ pattern: ip('198.51.100.5') });
// Batches of two: each pair shares an id, a dedupe key or a value with the pair before it.
const FILE = [
  A1,
  B,
  A2, // 2: a new version of an id batch 1 writes
  buildIndicator({ pattern: ip('198.51.100.3') }), // 2: the pattern batch 1's B holds
  D,
  buildIpv4('198.51.100.4'), // 3: D's value, again as an observable
  buildIndicator({ pattern: ip('198.51.100.4') }), // 4: the pattern batch 3's D holds
  buildIndicator({ pattern: ip('198.51.100.1') }), // 4: A1's old pattern, no longer held
  G,
  A0, // 5: an older version of A
  { type: 'indicator', id: 'not-an-id' }, // 6: a batch of rejections only
  [1, 2],
  buildIndicator({ pattern: ip('198.51.100.5') }), // 7: the pattern batch 5's G holds
  buildIpv4('198.51.100.5'),
  S2, // 8: S changes its pattern
  buildIpv4('198.51.100.2'),
  buildIndicator({ pattern: ip('198.51.100.90') }), // 9: the pattern S held before batch 8
  buildIndicator({ pattern: ip('198.51.100.91') }), // 9: the pattern S holds after batch 8
];

type Run = { services: Services; actor: Actor; org: string };

async function producer(): Promise<Run> {
  const services = await createTestServices({ now: () => new Date('2026-11-22T09:00:00.000Z') });
  const org = (await buildOrganisation(services, { country: 'GH' })).id;
  const user = await buildUser(services, { organisationId: org, role: 'analyst' });
  const actor: Actor = {
    userId: user.id,
    isAdmin: false,
    via: 'session',
    memberships: [{ organisationId: org, role: 'analyst', country: 'GH' }],
  };
  return { services, actor, org };
}

let fileCount = 0;
function bundle(objects: unknown[]): string {
  fileCount += 1;
  const path = join(dir, `bundle-${fileCount}.json`);
  writeFileSync(
    path,
    JSON.stringify({ type: 'bundle', id: 'bundle--00000000-0000-4000-8000-0000000000b1', objects }),
  );
  return path;
}

async function start(run: Run, path: string): Promise<string> {
  const view = await registerImport(
    run.services.ctx,
    run.actor,
    { id: crypto.randomUUID(), path, bytes: statSync(path).size },
    { fileName: path, organisationId: run.org },
  );
  return view.id;
}

const noProgress = async () => {};

/** Everything an import leaves behind, free of the ids and times that differ between databases. */
async function storeOf(run: Run, importId: string) {
  const q = async (sql: string) => (await run.services.ctx.db.query<Record<string, unknown>>(sql, [])).rows;
  return {
    import: await q(`SELECT added, new_version, older_version, duplicate, rejected, committed_position,
                            committed_records FROM intel_imports WHERE id = '${importId}'`),
    objects: await q(`SELECT stix_id, modified, is_latest, dedupe_key FROM intel_objects
                       WHERE type <> 'marking-definition' ORDER BY stix_id, modified`),
    values: await q(
      'SELECT kind, value, object_count, over_correlating FROM intel_values ORDER BY kind, value',
    ),
    links: await q(`SELECT v.value, o.stix_id, o.modified FROM intel_object_values l
                      JOIN intel_values v ON v.id = l.value_id JOIN intel_objects o ON o.pk = l.object_pk
                     ORDER BY v.value, o.stix_id`),
    rejections: await q(`SELECT locator, code FROM intel_import_rejections WHERE import_id = '${importId}'
                          ORDER BY locator`),
    audit: await q(`SELECT summary FROM audit_log WHERE action = 'intel.ingest' ORDER BY seq`),
  };
}

let serial: Run;
let piped: Run;
beforeAll(async () => {
  [serial, piped] = await Promise.all([producer(), producer()]);
});
afterAll(async () => {
  await serial.services.close();
  await piped.services.close();
});

describe('two import batches in flight', () => {
  it('leave what one batch after the other leaves, though consecutive batches share ids, keys and values', async () => {
    const results = [];
    for (const [run, inFlight] of [
      [serial, 1],
      [piped, 2],
    ] as const) {
      await runImport(run.services.ctx, await start(run, bundle([S1])), noProgress, 2, 'main', inFlight);
      const id = await start(run, bundle(FILE));
      await runImport(run.services.ctx, id, noProgress, 2, 'worker', inFlight);
      results.push(await storeOf(run, id));
    }
    const [one, two] = results;
    expect(two).toEqual(one);
    // The cases the gates exist for came out as writing one batch at a time decides them.
    expect(one!.import).toEqual([
      expect.objectContaining({ added: 9, new_version: 2, older_version: 1, duplicate: 4, rejected: 2 }),
    ]);
    const latest = (one!.objects as { stix_id: string; is_latest: boolean; dedupe_key: string }[]).filter(
      (o) => o.is_latest,
    );
    expect(latest.filter((o) => o.dedupe_key?.includes('198.51.100.90'))).toHaveLength(1);
    expect(latest.filter((o) => o.dedupe_key?.includes('198.51.100.91'))).toEqual([
      expect.objectContaining({ stix_id: S1.id }),
    ]);
  });

  it('roll back the batch beside one that fails, and resume to the same store', async () => {
    const runs = await Promise.all([producer(), producer()]);
    const modes = [1, 2] as const;
    // Batches of [S1, ...FILE]: the fourth holds FILE[5], whose write fails once, while the fifth
    // (FILE[7], FILE[8]) is written beside it.
    const failing = (FILE[5] as { id: string }).id;
    const ids: string[] = [];
    for (const [k, run] of runs.entries()) {
      // Row triggers fire for COPY too.
      await run.services.ctx.db.query(
        `CREATE FUNCTION test_fault() RETURNS trigger LANGUAGE plpgsql AS $$
         BEGIN IF NEW.stix_id = '${failing}' THEN RAISE EXCEPTION 'injected fault'; END IF; RETURN NEW; END $$`,
      );
      await run.services.ctx.db.query(
        'CREATE TRIGGER test_fault BEFORE INSERT ON intel_objects FOR EACH ROW EXECUTE FUNCTION test_fault()',
      );
      const id = await start(run, bundle([S1, ...FILE]));
      ids.push(id);
      await expect(runImport(run.services.ctx, id, noProgress, 2, 'worker', modes[k])).rejects.toThrow(
        /injected fault/,
      );
    }
    const stopped = await Promise.all(runs.map((run, k) => storeOf(run, ids[k]!)));
    expect(stopped[1]).toEqual(stopped[0]);
    expect(stopped[0]!.import).toEqual([expect.objectContaining({ committed_records: 6 })]);
    const storedIds = (stopped[1]!.objects as { stix_id: string }[]).map((o) => o.stix_id);
    expect(storedIds).toContain((FILE[4] as { id: string }).id);
    expect(storedIds).not.toContain((FILE[7] as { id: string }).id);
    expect(storedIds).not.toContain((FILE[8] as { id: string }).id);
    for (const [k, run] of runs.entries()) {
      await run.services.ctx.db.query('DROP TRIGGER test_fault ON intel_objects');
      await runImport(run.services.ctx, ids[k]!, noProgress, 2, 'worker', modes[k]);
    }
    const resumed = await Promise.all(runs.map((run, k) => storeOf(run, ids[k]!)));
    expect(resumed[1]).toEqual(resumed[0]);
    expect(resumed[0]!.import).toEqual([expect.objectContaining({ committed_records: FILE.length + 1 })]);
    await Promise.all(runs.map((run) => run.services.close()));
  });
});

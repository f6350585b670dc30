// Routing an import: what recording an import's holdings costs at ingest, and how fast routing reads
// an import back. (a) recordImportBatch per batch of 5,000 (one literal INSERT of the pks written
// and matched, which the ingest core reports) against the measured cost of a whole import batch; (b) reading
// the import's objects through the TLP filter by keyset pages of 2,000 against the stored-objects-by-id
// read the `objects` source uses, same objects, same run; (c) a routing run of an import against the
// same addresses routed as a list.
// Usage: node bench/routing-import.ts [--quick]   (quick: 20k rows instead of 100k)
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { randomUUID } from 'node:crypto';
import { inTransaction } from '../src/platform/db/pool.ts';
import { registerImport } from '../src/intel/ingest/imports.ts';
import { IMPORT_BATCH_SIZE, runImport } from '../src/intel/ingest/import-job.ts';
import { recordImportBatch } from '../src/intel/ingest/import-store.ts';
import { findVisibleObjectsByIds, pageVisibleObjectsOfImport } from '../src/intel/routing/routing-store.ts';
import { createRoutingRun } from '../src/intel/routing/routing-run.ts';
import { benchMember, benchServices, formatRate } from './support/database.ts';

const quick = process.argv.includes('--quick');
const N = quick ? 20_000 : 100_000;
const ROUTED = 3_000;
const REPEAT = 50;
const dir = mkdtempSync(join(tmpdir(), 'accord-bench-route-import-'));
const { services, cleanup } = await benchServices();
const { ctx } = services;

const { org: orgId, actor } = await benchMember(ctx.db, 'KE', 'bench-route-import@accord.test');

/** Public addresses spread over 1.0.0.0–223.255.255.255, none special-purpose below 10.0.0.0. */
const address = (i: number) => `${11 + (i % 150)}.${(i >> 8) & 255}.${i & 255}.${(i * 7) & 255 || 1}`;

async function importAddresses(count: number, name: string): Promise<{ id: string; ms: number }> {
  const path = join(dir, name);
  writeFileSync(path, Array.from({ length: count }, (_, i) => address(i)).join('\n') + '\n');
  const view = await registerImport(
    ctx,
    actor,
    { id: randomUUID(), path, bytes: count * 14 },
    { organisationId: orgId, fileName: name, format: 'csv', preset: 'ip', tlp: 'green' },
  );
  const t = performance.now();
  await runImport(ctx, view.id, async () => {});
  await ctx.db.query(
    "UPDATE jobs SET status = 'succeeded', finished_at = now() WHERE id = (SELECT job_id FROM intel_imports WHERE id = $1)",
    [view.id],
  );
  return { id: view.id, ms: performance.now() - t };
}

const rows: string[] = [];
const imported = await importAddresses(N, 'feed.csv');
const batches = Math.ceil(N / IMPORT_BATCH_SIZE);
const perBatch = imported.ms / batches;
rows.push(
  `| import of ${N.toLocaleString('en')} addresses (real job, recording included) | ${formatRate(N / (imported.ms / 1000))} objects/s | ${perBatch.toFixed(0)} ms per batch of ${IMPORT_BATCH_SIZE} |`,
);

// (a) recording one batch, rolled back so each repetition sees the same store.
const pks = (
  await ctx.db.query<{ pk: string }>('SELECT pk FROM intel_objects ORDER BY pk LIMIT $1', [IMPORT_BATCH_SIZE])
).rows;
const fresh = pks.map((r) => Number(r.pk));
const ROLLBACK = new Error('rollback');
async function timeRecord(holdings: Parameters<typeof recordImportBatch>[2]): Promise<number> {
  let total = 0;
  for (let i = 0; i < REPEAT; i += 1) {
    await inTransaction(ctx.db, async (tx) => {
      const t0 = performance.now();
      await recordImportBatch(tx, imported.id, holdings);
      total += performance.now() - t0;
      throw ROLLBACK;
    }).catch((e: unknown) => {
      if (e !== ROLLBACK) {
        throw e;
      }
    });
  }
  return total / REPEAT;
}
const empty = await timeRecord({ writtenPks: [], matchedPks: [] });
const freshMs = await timeRecord({ writtenPks: fresh, matchedPks: [] });
const dupMs = await timeRecord({ writtenPks: [], matchedPks: fresh });
rows.push(
  `| record a batch of 5,000 new rows (one run of pks) | ${(freshMs - empty).toFixed(2)} ms | ${((100 * (freshMs - empty)) / perBatch).toFixed(2)} % of a batch |`,
);
// The same feed imported again: every record a duplicate, each batch recording the rows it matched.
const again = await importAddresses(N, 'feed-again.csv');
const perAgainBatch = again.ms / batches;
rows.push(
  `| the same ${N.toLocaleString('en')} addresses imported again (all duplicates, recording included) | ${formatRate(N / (again.ms / 1000))} objects/s | ${perAgainBatch.toFixed(0)} ms per batch |`,
);
rows.push(
  `| record a batch of 5,000 duplicates (the stored rows they matched) | ${(dupMs - empty).toFixed(2)} ms | ${((100 * (dupMs - empty)) / perBatch).toFixed(2)} % of a new batch, ${((100 * (dupMs - empty)) / perAgainBatch).toFixed(1)} % of a duplicate batch |`,
);

// (b) reading the import back, keyset pages vs by ids in pages of the same size; each twice,
// alternating, the better time kept (the first pass warms the cache for both).
async function readKeyset(): Promise<number> {
  let n = 0;
  let after = 0;
  for (;;) {
    const page = await pageVisibleObjectsOfImport(ctx.db, actor, imported.id, after, 2000);
    if (page.length === 0) {
      return n;
    }
    n += page.length;
    after = Number(page.at(-1)?.pk);
  }
}
const allIds = (
  await ctx.db.query<{ stix_id: string }>('SELECT stix_id FROM intel_objects ORDER BY pk')
).rows.map((r) => r.stix_id);
async function readByIds(): Promise<number> {
  let n = 0;
  for (let i = 0; i < allIds.length; i += 2000) {
    n += (await findVisibleObjectsByIds(ctx.db, actor, allIds.slice(i, i + 2000))).length;
  }
  return n;
}
async function timed(f: () => Promise<number>): Promise<{ n: number; ms: number }> {
  const t0 = performance.now();
  const n = await f();
  return { n, ms: performance.now() - t0 };
}
const k1 = await timed(readKeyset);
const i1 = await timed(readByIds);
const k2 = await timed(readKeyset);
const i2 = await timed(readByIds);
const keyset = k1.ms < k2.ms ? k1 : k2;
const byIds = i1.ms < i2.ms ? i1 : i2;
rows.push(
  `| read the import's ${keyset.n.toLocaleString('en')} objects, keyset pages of 2,000 by pk range | ${formatRate(keyset.n / (keyset.ms / 1000))} objects/s | by stix id, 2,000 a query (the objects source's read), ${byIds.n.toLocaleString('en')} objects: ${formatRate(byIds.n / (byIds.ms / 1000))} objects/s |`,
);

// (c) a routing run of an import vs the same stored objects by id and the same addresses as a list.
const small = await importAddresses(ROUTED, 'small.csv');
// The IP data is loaded once per process: load it before timing.
await createRoutingRun(ctx, actor, { source: { kind: 'list', text: '8.8.8.8', tlp: 'green' } });
const smallIds = (
  await ctx.db.query<{ stix_id: string }>('SELECT stix_id FROM intel_objects ORDER BY pk DESC LIMIT $1', [
    ROUTED,
  ])
).rows.map((r) => r.stix_id);
let t = performance.now();
const run = await createRoutingRun(ctx, actor, { source: { kind: 'import', importId: small.id } });
const importRunMs = performance.now() - t;
t = performance.now();
const objectsRun = await createRoutingRun(ctx, actor, { source: { kind: 'objects', ids: smallIds } });
const objectsRunMs = performance.now() - t;
t = performance.now();
await createRoutingRun(ctx, actor, {
  source: {
    kind: 'list',
    text: Array.from({ length: ROUTED }, (_, i) => address(i)).join('\n'),
    tlp: 'green',
  },
});
const listRunMs = performance.now() - t;
rows.push(
  `| routing run of an import of ${ROUTED.toLocaleString('en')} addresses (${run.counts.values} values) | ${formatRate(run.counts.values! / (importRunMs / 1000))} values/s | same stored objects by id: ${formatRate(objectsRun.counts.values! / (objectsRunMs / 1000))} values/s; same addresses as a list: ${formatRate(ROUTED / (listRunMs / 1000))} values/s |`,
);

console.log(`${cpus().length} cores, load ${loadavg()[0]?.toFixed(1)}, ${quick ? 'quick' : 'full'} run`);
console.log('| measure | figure | comparison (same run) |');
console.log('|---|---|---|');
for (const row of rows) {
  console.log(row);
}
await cleanup();
rmSync(dir, { recursive: true, force: true });

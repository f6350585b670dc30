// Ingest benchmark: end-to-end objects/s of an import job (stream, parse, validate, dedupe, store,
// correlate) for 100k indicators (the first import of a fresh process, and the next one) and for a
// real-shaped bundle (SDOs, SCOs, SROs); the heap high-water mark while streaming a large generated
// bundle (parse + validate + prepare); the cost of a fixed batch as the store grows (1×, 4×, 16×); and
// a naive baseline in the same run: one INSERT (and its value links) per object, each in its own
// transaction.
// Usage: node bench/ingest.ts [--quick]   (quick: 20k indicators, a 30 MB bundle, a smaller store)
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { randomUUID } from 'node:crypto';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { inTransaction } from '../src/platform/db/pool.ts';
import type { Actor } from '../src/platform/access/policy.ts';
import { registerImport } from '../src/intel/ingest/imports.ts';
import { runImport } from '../src/intel/ingest/import-job.ts';
import { ingestStixObjects } from '../src/intel/ingest/ingest-batch.ts';
import { prepareObject } from '../src/intel/ingest/prepare-object.ts';
import { readStixRecords } from '../src/intel/ingest/stix-source.ts';
import { insertObjectVersion, linkValues } from '../src/intel/store.ts';
import {
  benchMember,
  benchServices,
  formatRate,
  postgresCpuSince,
  postgresCpuTicks,
} from './support/database.ts';
import { hostProbe, watchSteal } from './support/host.ts';
import { useCompileCache } from '../src/platform/compile-cache.ts';

// As bin/accord.js does for the server: the prepare worker then loads its modules compiled.
useCompileCache();
const stolen = watchSteal();
const probeBefore = hostProbe();
const quick = process.argv.includes('--quick');
const N = quick ? 20_000 : 100_000;
const BIG_MB = quick ? 30 : 300;
const BASE = quick ? 2_500 : 10_000;
const NAIVE = quick ? 2_000 : 5_000;
const dir = mkdtempSync(join(tmpdir(), 'accord-bench-ingest-'));
const { services, cleanup } = await benchServices();
const { ctx } = services;

const member = (country: string) =>
  benchMember(ctx.db, country, `bench-${country.toLowerCase()}@accord.test`);

const STAMP = '2026-11-01T00:00:00.000Z';
const uuid = (prefix: string, n: number) => `${prefix}-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
const ip = (n: number) => `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;

function indicator(n: number, salt = 'a0000000') {
  return {
    type: 'indicator',
    spec_version: '2.1',
    id: `indicator--${uuid(salt, n)}`,
    created: STAMP,
    modified: STAMP,
    name: `C2 server ${n}`,
    indicator_types: ['malicious-activity'],
    pattern: `[ipv4-addr:value = '${ip(n)}']`,
    pattern_type: 'stix',
    valid_from: STAMP,
    labels: ['botnet'],
  };
}

/** A campaign-shaped unit: indicator, its SCO, a domain SCO and a URL indicator, relationships; every 50th a malware and report. */
function realShaped(n: number): object[] {
  const ind = indicator(n, 'b0000000');
  const sco = {
    type: 'ipv4-addr',
    spec_version: '2.1',
    id: `ipv4-addr--${uuid('b1000000', n)}`,
    value: ip(n),
  };
  const domain = {
    type: 'domain-name',
    spec_version: '2.1',
    id: `domain-name--${uuid('b2000000', n)}`,
    value: `c2-${n}.botnet.example`,
  };
  const url = {
    ...indicator(n, 'b3000000'),
    name: `Payload URL ${n}`,
    pattern: `[url:value = 'http://c2-${n}.botnet.example/gate.php?id=${n}']`,
  };
  const malware = `malware--${uuid('b4000000', Math.floor(n / 50))}`;
  const rel = (k: number, source: string) => ({
    type: 'relationship',
    spec_version: '2.1',
    id: `relationship--${uuid(`b5${k}00000`, n)}`,
    created: STAMP,
    modified: STAMP,
    relationship_type: 'indicates',
    source_ref: source,
    target_ref: malware,
  });
  const out: object[] = [ind, sco, domain, url, rel(0, ind.id), rel(1, url.id)];
  if (n % 50 === 0) {
    out.push(
      {
        type: 'malware',
        spec_version: '2.1',
        id: malware,
        created: STAMP,
        modified: STAMP,
        name: `Family ${n / 50}`,
        is_family: true,
      },
      {
        type: 'report',
        spec_version: '2.1',
        id: `report--${uuid('b6000000', n)}`,
        created: STAMP,
        modified: STAMP,
        name: `Campaign ${n / 50}`,
        published: STAMP,
        object_refs: [ind.id, url.id, malware],
      },
    );
  }
  return out;
}

async function writeBundle(
  path: string,
  objects: (i: number) => object[],
  until: (i: number, bytes: number) => boolean,
) {
  const out = createWriteStream(path);
  out.write('{"type":"bundle","id":"bundle--00000000-0000-4000-8000-000000000000","objects":[\n');
  let first = true;
  let count = 0;
  let bytes = 0;
  for (let i = 0; !until(i, bytes); i += 1) {
    for (const o of objects(i)) {
      const text = (first ? '' : ',\n') + JSON.stringify(o);
      bytes += text.length;
      first = false;
      count += 1;
      if (!out.write(text)) {
        await once(out, 'drain');
      }
    }
  }
  out.end(']}\n');
  await once(out, 'finish');
  return count;
}

async function importRun(who: { org: string; actor: Actor }, path: string) {
  const view = await registerImport(
    ctx,
    who.actor,
    { id: randomUUID(), path, bytes: statSync(path).size },
    {
      organisationId: who.org,
      fileName: path,
      format: 'stix',
    },
  );
  const pg0 = await postgresCpuTicks(ctx.db);
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  await runImport(ctx, view.id, async () => {});
  const cpu = process.cpuUsage(cpu0);
  const seconds = (performance.now() - t0) / 1000;
  return {
    seconds,
    nodeCpuSeconds: (cpu.user + cpu.system) / 1e6,
    pgCpuSeconds: await postgresCpuSince(ctx.db, pg0),
  };
}

/** PostgreSQL's CPU per object, or "n/a" for a server /proc cannot see. */
const pgPerObject = (cpuSeconds: number | undefined, objects: number) =>
  cpuSeconds === undefined ? 'n/a' : `${((cpuSeconds / objects) * 1e6).toFixed(0)} µs`;

/** Node's own CPU per object: the share of the work that is not PostgreSQL's (which runs beside it). */
const cpuPerObject = (cpuSeconds: number, objects: number) =>
  `${((cpuSeconds / objects) * 1e6).toFixed(0)} µs`;

const rows: string[][] = [];
const fr = await member('FR');
const ng = await member('NG');

// 1. 100k indicators, end to end through an import job.
const indicatorsPath = join(dir, 'indicators.json');
const count = await writeBundle(
  indicatorsPath,
  (i) => [indicator(i)],
  (i) => i >= N,
);
const first = await importRun(fr, indicatorsPath);
rows.push([
  `${N / 1000}k indicators, import job (stream → store → correlate)`,
  `${formatRate(count / first.seconds)} objects/s`,
  `${first.seconds.toFixed(1)} s`,
  cpuPerObject(first.nodeCpuSeconds, count),
  pgPerObject(first.pgCpuSeconds, count),
]);

// 1b. Another 100k new indicators (new ids and values) in the same process, as a running server takes
// its next import: the prepare worker is kept (prepare-pool.ts) and the code is already compiled.
const warmPath = join(dir, 'indicators-2.json');
await writeBundle(
  warmPath,
  (i) => [{ ...indicator(i, 'a1000000'), pattern: `[ipv4-addr:value = '${ip(N + i)}']` }],
  (i) => i >= N,
);
const warm = await importRun(await member('SN'), warmPath);
rows.push([
  `another ${N / 1000}k new indicators, next import of the same server (worker kept, code compiled)`,
  `${formatRate(count / warm.seconds)} objects/s`,
  `${warm.seconds.toFixed(1)} s`,
  cpuPerObject(warm.nodeCpuSeconds, count),
  pgPerObject(warm.pgCpuSeconds, count),
]);

// 2. The same file again: idempotence costs a read per object, not a write.
const again = await importRun(fr, indicatorsPath);
rows.push([
  `same ${N / 1000}k file again (all duplicates)`,
  `${formatRate(count / again.seconds)} objects/s`,
  `${again.seconds.toFixed(1)} s`,
  cpuPerObject(again.nodeCpuSeconds, count),
  pgPerObject(again.pgCpuSeconds, count),
]);

// 3. A real-shaped bundle from another organisation, overlapping the first one's values.
const shapedPath = join(dir, 'shaped.json');
const shapedCount = await writeBundle(shapedPath, realShaped, (i) => i >= N / 4);
const shaped = await importRun(ng, shapedPath);
rows.push([
  `real-shaped bundle: ${formatRate(shapedCount)} objects (indicators, SCOs, SROs, malware, reports)`,
  `${formatRate(shapedCount / shaped.seconds)} objects/s`,
  `${shaped.seconds.toFixed(1)} s`,
  cpuPerObject(shaped.nodeCpuSeconds, shapedCount),
  pgPerObject(shaped.pgCpuSeconds, shapedCount),
]);

// 4. Naive baseline: validate and insert one object per transaction, value links included.
const naive = Array.from({ length: NAIVE }, (_, i) => indicator(i, 'c0000000'));
const prepareContext = {
  producerOrganisationId: fr.org,
  authorUserId: fr.actor.userId,
  defaultTlp: 'amber' as const,
  audienceOrganisationIds: [],
  audienceUserIds: [],
  knownMarkingDefinitions: new Map<string, unknown>(),
  nowIso: STAMP,
};
const naivePg0 = await postgresCpuTicks(ctx.db);
let t0 = performance.now();
let cpu0 = process.cpuUsage();
for (const o of naive) {
  const p = prepareObject(o, prepareContext);
  if (p.ok) {
    await inTransaction(ctx.db, async (tx) => {
      const { pk } = await insertObjectVersion(tx, p.value);
      if (pk !== undefined) {
        await linkValues(tx, pk, p.value.values);
      }
    });
  }
}
const naiveSeconds = (performance.now() - t0) / 1000;
const naiveCpu = process.cpuUsage(cpu0);
rows.push([
  `naive baseline: ${formatRate(NAIVE)} indicators, one INSERT + links per transaction`,
  `${formatRate(NAIVE / naiveSeconds)} objects/s`,
  `${naiveSeconds.toFixed(1)} s`,
  cpuPerObject((naiveCpu.user + naiveCpu.system) / 1e6, NAIVE),
  pgPerObject(await postgresCpuSince(ctx.db, naivePg0), NAIVE),
]);

// 5. Correlation cost as the store grows: a fixed batch of 5,000 (half its values already stored).
const growth: string[] = [];
const jp = await member('JP');
let stored = 0;
for (const factor of [1, 4, 16]) {
  const target = BASE * factor;
  for (let start = stored; start < target; start += 5000) {
    const batch = Array.from({ length: Math.min(5000, target - start) }, (_, i) =>
      indicator(start + i, 'd0000000'),
    );
    await ingestStixObjects(ctx, jp.actor, batch, {
      producerOrganisationId: jp.org,
      authorUserId: jp.actor.userId,
      source: { kind: 'api' },
    });
  }
  stored = target;
  const probe = Array.from({ length: 5000 }, (_, i) => ({
    ...indicator(i * 2, `e${factor.toString().padStart(7, '0')}`),
    // Half the values are new, half are in the store already (from JP's other indicators).
    pattern: `[ipv4-addr:value = '${i % 2 === 0 ? ip(i) : `172.16.${factor}.${i % 250}`}']`,
  }));
  await ctx.db.query('ANALYZE');
  t0 = performance.now();
  await ingestStixObjects(ctx, ng.actor, probe, {
    producerOrganisationId: ng.org,
    authorUserId: ng.actor.userId,
    source: { kind: 'api' },
  });
  const ms = performance.now() - t0;
  growth.push(`${factor}× (${formatRate(target + N + shapedCount)} objects stored): ${ms.toFixed(0)} ms`);
}
rows.push(['batch of 5,000 indicators as the store grows', growth.join('; '), '', '', '']);

// 6. Heap while streaming a large bundle (parse, validate, prepare; no database).
const bigPath = join(dir, 'big.json');
const bigCount = await writeBundle(
  bigPath,
  (i) => [indicator(i, 'f0000000')],
  (_i, bytes) => bytes >= BIG_MB * 1024 * 1024,
);
// A full collection first (gc exposed at run time, as bench/matcher.ts does), so the start is live data
// only and the high-water mark is what streaming holds.
setFlagsFromString('--expose-gc');
(runInNewContext('gc') as () => void)();
const baseHeap = process.memoryUsage().heapUsed;
let maxHeap = baseHeap;
let maxRss = process.memoryUsage().rss;
const sampler = setInterval(() => {
  const m = process.memoryUsage();
  maxHeap = Math.max(maxHeap, m.heapUsed);
  maxRss = Math.max(maxRss, m.rss);
}, 20);
t0 = performance.now();
cpu0 = process.cpuUsage();
let prepared = 0;
for await (const record of readStixRecords(bigPath, { position: 0, records: 0 })) {
  if (record.kind === 'object' && prepareObject(record.object, prepareContext).ok) {
    prepared += 1;
  }
}
clearInterval(sampler);
const streamSeconds = (performance.now() - t0) / 1000;
const streamCpu = process.cpuUsage(cpu0);
const bigBytes = statSync(bigPath).size;
rows.push([
  `stream a ${(bigBytes / 1024 / 1024).toFixed(0)} MB bundle (${formatRate(bigCount)} objects): parse + validate + prepare`,
  `${formatRate(prepared / streamSeconds)} objects/s, heap high-water ${((maxHeap - baseHeap) / 1024 / 1024).toFixed(0)} MB above start (RSS ${(maxRss / 1024 / 1024).toFixed(0)} MB)`,
  `${streamSeconds.toFixed(1)} s`,
  cpuPerObject((streamCpu.user + streamCpu.system) / 1e6, bigCount),
  '—',
]);

// 7. The same large bundle through an import job (worker thread, database): sustained rate at a
// larger scale, and the process's memory (both threads) while it runs. The prepare worker kept from the
// imports above is already in the starting figure.
maxRss = process.memoryUsage().rss;
const baseRss = maxRss;
const rssSampler = setInterval(() => {
  maxRss = Math.max(maxRss, process.memoryUsage().rss);
}, 20);
// A producer of its own, so every indicator is new to it (its values correlate with the others').
const bigImport = await importRun(await member('KE'), bigPath);
clearInterval(rssSampler);
rows.push([
  `import the same ${(bigBytes / 1024 / 1024).toFixed(0)} MB bundle (${formatRate(bigCount)} new indicators) as a job`,
  `${formatRate(bigCount / bigImport.seconds)} objects/s, RSS high-water ${((maxRss - baseRss) / 1024 / 1024).toFixed(0)} MB above start`,
  `${bigImport.seconds.toFixed(1)} s`,
  cpuPerObject(bigImport.nodeCpuSeconds, bigCount),
  pgPerObject(bigImport.pgCpuSeconds, bigCount),
]);

console.log(
  `load average at the end: ${loadavg()
    .map((l) => l.toFixed(1))
    .join(', ')} on ${cpus().length} cores; CPU time stolen by the host during the run: ${stolen()}`,
);
console.log(`host probe (bench/support/host.ts) before: ${probeBefore}; after: ${hostProbe()}\n`);
console.log(
  '| measurement | result | time | Node CPU per object (all threads) | PostgreSQL CPU per object |\n|---|---|---|---|---|',
);
for (const r of rows) {
  console.log(`| ${r.join(' | ')} |`);
}
rmSync(dir, { recursive: true, force: true });
await cleanup();

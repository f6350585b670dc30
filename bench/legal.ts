// Legal engine benchmark on the built-in dataset (249 jurisdictions): one coverage matrix, all
// offences × all measures, one what-if, recommendations with k = 10, each beside the brute-force
// reference (src/legal/reference.ts) timed in the same run. Targets: one matrix < 5 ms, all < 100 ms,
// a what-if < 5 ms. Where the reference would take minutes, part of it is timed and scaled, and the
// table says so. Run: `node bench/legal.ts`.
import { performance } from 'node:perf_hooks';
import { loadBuiltInWorld } from '../src/legal/dataset-files.ts';
import { usableFacts, type World } from '../src/legal/world.ts';
import { computeMatrix, coverageOf } from '../src/legal/matrix.ts';
import { indexWorld, instrumentApplies, partiesOn } from '../src/legal/world-index.ts';
import { has } from '../src/legal/bitset.ts';
import { referenceAnswer, referenceHavens, referenceYesCount } from '../src/legal/reference.ts';
import { applyChanges, whatIf } from '../src/legal/what-if.ts';
import { isOpenTo, recommend } from '../src/legal/accession.ts';
import { MEASURES, OFFENCES } from '../src/legal/taxonomy.ts';

const world = usableFacts(loadBuiltInWorld(), false);
const date = '2026-11-22';
const offence = 'illegal-access';
const measure = 'preservation';
const ix = indexWorld(world);
// A shallow copy is a new world object, so it is indexed from scratch (the cold case).
const cold = (): World => ({ ...world });

function median(times: number, run: () => unknown): number {
  const samples: number[] = [];
  for (let i = 0; i < times; i += 1) {
    const t0 = performance.now();
    run();
    samples.push(performance.now() - t0);
  }
  return samples.sort((a, b) => a - b)[Math.floor(times / 2)] as number;
}
const ms = (x: number) => (x >= 100 ? `${x.toFixed(0)} ms` : `${x.toFixed(2)} ms`);
const fmtS = (x: number) => (x >= 10_000 ? `${(x / 1000).toFixed(0)} s` : ms(x));

function referenceMatrix(w: World, o: string, m: string): void {
  for (const r of w.jurisdictions) {
    for (const q of w.jurisdictions) {
      if (r.code !== q.code) {
        referenceAnswer(w, r.code, q.code, o, m, date);
      }
    }
  }
}

const oneWarm = median(50, () => computeMatrix(ix, offence, measure, date));
const oneCold = median(20, () => {
  const w = cold();
  computeMatrix(indexWorld(w), offence, measure, date);
});
const oneRef = median(3, () => referenceMatrix(world, offence, measure));

const all = median(10, () => {
  const c = indexWorld(cold());
  for (const o of OFFENCES) {
    for (const m of MEASURES) {
      computeMatrix(c, o, m, date);
    }
  }
});
// The reference for all 102 matrices would take about half a minute: two are timed and scaled.
const sample: [string, string][] = [
  ['csam', 'mla'],
  ['xenophobic-content', 'extradition'],
];
const t0 = performance.now();
for (const [o, m] of sample) {
  referenceMatrix(world, o, m);
}
const allRef = ((performance.now() - t0) / sample.length) * OFFENCES.length * MEASURES.length;

const changes = { accessions: [{ jurisdiction: 'KE', instrument: 'coe-ets-185' }], laws: [] };
const what = median(20, () => whatIf(world, changes, offence, measure, date));
const whatRef = median(1, () => {
  referenceHavens(world, offence, measure, date, 0.5);
  referenceHavens(applyChanges(world, changes, date), offence, measure, date, 0.5);
});

const recs = median(3, () => recommend(world, [offence], [measure], date, 10));
const candidates = world.instruments.reduce(
  (n, inst, i) =>
    instrumentApplies(inst, offence, measure)
      ? n + ix.codes.filter((c, j) => isOpenTo(ix, i, c, date) && !has(partiesOn(ix, i, date), j)).length
      : n,
  0,
);
// The brute-force greedy re-asks every pair for every candidate: estimated from one reference count.
const refCount = median(1, () => referenceYesCount(world, offence, measure, date));
const recsRefEstimate = refCount * (candidates + 1) * 10;

const coverage = coverageOf(ix, computeMatrix(ix, offence, measure, date));
const rows: [string, string, string, string][] = [
  [
    `one matrix (${offence}, ${measure}; coverage ${(coverage * 100).toFixed(1)}%), index warm`,
    ms(oneWarm),
    ms(oneRef),
    '< 5 ms',
  ],
  ['one matrix, indexing the world first (cold)', ms(oneCold), '', ''],
  [
    `all ${OFFENCES.length} offences × ${MEASURES.length} measures (cold index)`,
    ms(all),
    `${fmtS(allRef)} (2 timed, scaled ×51)`,
    '< 100 ms',
  ],
  ['one what-if (KE joins Budapest: both matrices, havens, changed pairs)', ms(what), ms(whatRef), '< 5 ms'],
  [
    `recommendations, k = 10 (${candidates} candidates per round)`,
    ms(recs),
    `≈ ${fmtS(recsRefEstimate)} (estimated)`,
    '',
  ],
];
console.log(
  `Built-in dataset: ${ix.n} jurisdictions, ${world.instruments.length} instruments, ${ix.n * (ix.n - 1)} ordered pairs; date ${date}; Node ${process.version}.\n`,
);
console.log('| what | engine (median) | brute-force reference, same run | target |');
console.log('|---|---|---|---|');
for (const row of rows) {
  console.log(`| ${row.join(' | ')} |`);
}

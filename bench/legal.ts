// Legal engine benchmark on the built-in dataset (249 jurisdictions): one coverage matrix, all
// offences × all measures, one what-if, recommendations with k = 10; the brute-force reference in
// the same run. Targets: one matrix < 5 ms, all < 100 ms, a what-if < 5 ms.
import { performance } from 'node:perf_hooks';
import { loadBuiltInWorld } from '../src/legal/dataset-files.ts';
import { usableFacts } from '../src/legal/world.ts';
import { computeMatrix, indexWorld, presentMatrix } from '../src/legal/matrix.ts';
import { referenceAnswer } from '../src/legal/reference.ts';
import { whatIf } from '../src/legal/what-if.ts';
import { recommendAccessions } from '../src/legal/accession.ts';
import { MEASURES, OFFENCES } from '../src/legal/taxonomy.ts';

const world = usableFacts(loadBuiltInWorld(), false);
const ix = indexWorld(world);
const date = '2026-11-22';

function median(run: () => unknown, times: number): number {
  const samples: number[] = [];
  for (let i = 0; i < times; i += 1) {
    const t0 = performance.now();
    run();
    samples.push(performance.now() - t0);
  }
  return samples.sort((a, b) => a - b)[Math.floor(times / 2)] as number;
}

const one = median(() => computeMatrix(ix, 'illegal-access', 'preservation', date), 50);
const oneWithIndex = median(
  () => computeMatrix(indexWorld(world), 'illegal-access', 'preservation', date),
  20,
);
const all = median(() => {
  for (const o of OFFENCES) {
    for (const m of MEASURES) {
      computeMatrix(ix, o, m, date);
    }
  }
}, 10);
const what = median(
  () =>
    whatIf(
      world,
      { accessions: [{ jurisdiction: 'KE', instrument: 'coe-ets-185' }], laws: [] },
      'illegal-access',
      'preservation',
      date,
    ),
  20,
);
const recommend = median(
  () => recommendAccessions(world, [{ offence: 'illegal-access', measure: 'preservation' }], date, 10),
  3,
);
const reference = median(() => {
  for (const r of ix.codes) {
    for (const q of ix.codes) {
      if (r !== q) {
        referenceAnswer(world, r, q, 'illegal-access', 'preservation', date);
      }
    }
  }
}, 3);
const coverage = presentMatrix(ix, computeMatrix(ix, 'illegal-access', 'preservation', date)).coverage;

console.log(
  `| what (${ix.n} jurisdictions, ${world.instruments.length} instruments, ${ix.n * (ix.n - 1)} ordered pairs) | median | target |`,
);
console.log('|---|---|---|');
console.log(
  `| one matrix (illegal-access, preservation; coverage ${(coverage * 100).toFixed(1)}%) | ${one.toFixed(2)} ms | < 5 ms |`,
);
console.log(`| one matrix including indexing the world | ${oneWithIndex.toFixed(2)} ms | |`);
console.log(
  `| all ${OFFENCES.length} offences × ${MEASURES.length} measures | ${all.toFixed(1)} ms | < 100 ms |`,
);
console.log(
  `| one what-if (KE joins Budapest: before and after, havens, changed pairs) | ${what.toFixed(2)} ms | < 5 ms |`,
);
console.log(`| recommendations, k = 10 | ${recommend.toFixed(1)} ms | |`);
console.log(
  `| brute-force reference, one matrix (same run) | ${reference.toFixed(0)} ms (${(reference / one).toFixed(0)}× slower) | |`,
);

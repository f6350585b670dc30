// The cost of an outgrown delta on an index of N IPv4 indicators: rebuilt on the event loop (the
// lookups wait the whole rebuild) against rebuilt on the worker thread (the event loop pauses only
// to hand the old base over and to replay the changes made meanwhile). Measured as the longest
// event-loop stall while lookups keep running, in the same run.
// Usage: node bench/matcher-rebuild.ts [--size 10000000] [--quick]   (quick: 200,000)
import { performance } from 'node:perf_hooks';
import { createIndexedMatcher, type IndexedMatcher } from '../src/intel/matcher/indexed-matcher.ts';
import { formatIPv4 } from '../src/platform/net/ip-parse.ts';
import { MAX_DELTA_CAP } from '../src/intel/matcher/layered-index.ts';
import { RebuildPool } from '../src/intel/matcher/rebuild-pool.ts';
import { SEE_ALL } from '../src/intel/matcher/visibility.ts';
import type { MatchEntry } from '../src/intel/matcher/entry.ts';

const at = process.argv.indexOf('--size');
const size = at > 0 ? Number(process.argv[at + 1]) : process.argv.includes('--quick') ? 200_000 : 10_000_000;

let state = 0x68e31da4;
function random(): number {
  state ^= state << 13;
  state ^= state >>> 17;
  state ^= state << 5;
  return state >>> 0;
}
function* entries(n: number, firstId: number): Generator<MatchEntry> {
  for (let i = 0; i < n; i += 1) {
    const block = random() % 100 < 5;
    const value = block ? `${formatIPv4(random())}/24` : formatIPv4(random());
    yield { entryId: firstId + i, kind: 'ipv4', value, visibility: 0 };
  }
}

/**
 * Adds entries in pages until the delta overflows, while a timer measures event-loop stalls and
 * lookups run between pages; returns the longest stall and the time until no rebuild is pending.
 */
async function overflow(m: IndexedMatcher, label: string): Promise<string[]> {
  const extra = [...entries(MAX_DELTA_CAP + 1, size)];
  const out: number[] = [];
  let worst = 0;
  let last = performance.now();
  const ticker = setInterval(() => {
    const now = performance.now();
    worst = Math.max(worst, now - last);
    last = now;
  }, 1);
  const start = performance.now();
  let lookups = 0;
  // Changes arrive in pages (as the store catch-up applies them), each followed by lookups.
  for (let i = 0; i < extra.length; i += 256) {
    extra.slice(i, i + 256).forEach((e) => m.add(e));
    for (let k = 0; k < 256; k += 1) {
      out.length = 0;
      m.matchIPv4(random(), SEE_ALL, out);
      lookups += 1;
    }
    await new Promise((r) => setImmediate(r)); // let the timer (and a server's requests) in
  }
  while (m.rebuilding) {
    out.length = 0;
    m.matchIPv4(random(), SEE_ALL, out);
    lookups += 1;
    await new Promise((r) => setImmediate(r));
  }
  const total = performance.now() - start;
  clearInterval(ticker);
  return [label, `${worst.toFixed(0)} ms`, `${(total / 1000).toFixed(2)} s`, lookups.toLocaleString('en')];
}

const build = performance.now();
const m = createIndexedMatcher(entries(size, 0));
console.error(`built ${size.toLocaleString('en')} in ${((performance.now() - build) / 1000).toFixed(1)} s`);
const rows = [await overflow(m, 'on the event loop (synchronous rebuild)')];
const pool = new RebuildPool();
pool.warm();
m.useBackgroundRebuild(pool);
rows.push(await overflow(m, 'on the worker thread (background rebuild)'));
await pool.close();

console.log(
  `Node ${process.version}; ${size.toLocaleString('en')} IPv4 indicators (5 % /24 blocks); ${(MAX_DELTA_CAP + 1).toLocaleString('en')} additions overflow the delta\n`,
);
console.log(
  '| delta rebuild | longest event-loop stall | additions + rebuild, wall time | lookups served meanwhile |',
);
console.log('|---|---|---|---|');
rows.forEach((r) => console.log(`| ${r.join(' | ')} |`));

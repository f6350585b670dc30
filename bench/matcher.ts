// Matcher benchmark: IPv4 lookups/s on an index of N indicators (80 % addresses, 20 % CIDR blocks),
// domain (subdomain) and SHA-256 lookups/s, memory per million indicators, build time and the cost
// of incremental updates; against a naive Map + linear-scan baseline and the maxmind reader on the
// same addresses, in the same run. Seeded: every run indexes and looks up the same values.
// Usage: node bench/matcher.ts [--size N] [--family-size D] [--lookups M]
//   N IPv4 indicators (default 1,000,000; full run 10,000,000), D domains and D digests
//   (default min(N, 1,000,000)), M lookups per measure (default 2,000,000).
import { performance } from 'node:perf_hooks';
import { createRequire } from 'node:module';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import maxmind from 'maxmind';
import { createIndexedMatcher, type IndexedMatcher } from '../src/intel/matcher/indexed-matcher.ts';
import { formatIPv4, parseIPv4 } from '../src/intel/matcher/ip-parse.ts';
import { createVisibilityMask } from '../src/intel/matcher/visibility.ts';
import type { MatchEntry } from '../src/intel/matcher/entry.ts';

const arg = (name: string, fallback: number) => {
  const at = process.argv.indexOf(name);
  return at > 0 ? Number(process.argv[at + 1]) : fallback;
};
const size = arg('--size', 1_000_000);
const familySize = arg('--family-size', Math.min(size, 1_000_000));
const lookups = arg('--lookups', 2_000_000);

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const heap = () => {
  gc();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
};

const rows: string[][] = [];
const rate = (count: number, ms: number) => `${(count / ms / 1000).toFixed(2)} M/s`;
const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MiB`;
const perMillion = (bytes: number, n: number) => `${mib((bytes / n) * 1e6)}`;
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

let state = 0x9e3779b9;
/** xorshift32 */
function random(): number {
  state ^= state << 13;
  state ^= state >>> 17;
  state ^= state << 5;
  return state >>> 0;
}

/** Timed after one untimed warm-up run (so the lookup path is optimised before it is measured). */
function timed(run: () => number, warm = true): { ms: number; found: number } {
  if (warm) {
    run();
  }
  const start = performance.now();
  const found = run();
  return { ms: performance.now() - start, found };
}

// ---- IPv4: Accord index, naive baseline, maxmind ----
/** Prefix lengths roughly as in block lists: mostly /24, some /16–/23 and /25–/31, a few /8–/15. */
const randomPrefix = () => {
  const r = random() % 1000;
  return r < 600 ? 24 : r < 900 ? 16 + (random() % 8) : r < 999 ? 25 + (random() % 7) : 8 + (random() % 8);
};
const ipv4Values: string[] = [];
function* ipv4Entries(n: number): Generator<MatchEntry> {
  for (let i = 0; i < n; i += 1) {
    const block = i % 5 === 4;
    const value = block ? `${formatIPv4(random())}/${randomPrefix()}` : formatIPv4(random());
    if (!block && ipv4Values.length < lookups / 4) {
      ipv4Values.push(value);
    }
    yield { entryId: i, kind: 'ipv4', value, visibility: random() % 8 };
  }
}
const before = heap();
const t0 = performance.now();
const matcher = createIndexedMatcher(ipv4Entries(size));
const buildMs = performance.now() - t0;
const ipv4Heap = heap() - before;
const ipv4Bytes = matcher.stats().ipv4.bytes;

// A quarter of the lookups are indicator addresses, the rest random (many fall inside a block).
const addresses = new Uint32Array(lookups);
const texts: string[] = [];
for (let i = 0; i < lookups; i += 1) {
  texts.push(i % 4 === 0 ? ipv4Values[(i >> 2) % ipv4Values.length]! : formatIPv4(random()));
  addresses[i] = parseIPv4(texts[i]!);
}
const reader = createVisibilityMask([0, 1, 2, 3, 4, 5]);
const out: number[] = [];
const ipv4Lookups = (parse: boolean) => () => {
  let found = 0;
  for (let i = 0; i < lookups; i += 1) {
    out.length = 0;
    found += matcher.matchIPv4(parse ? parseIPv4(texts[i]!) : addresses[i]!, reader, out);
  }
  return found;
};
const parsed = timed(ipv4Lookups(false));
const fromText = timed(ipv4Lookups(true));

const require = createRequire(import.meta.url);
const mmdb = await maxmind.open(
  require.resolve('@ip-location-db/geo-whois-asn-country-mmdb/geo-whois-asn-country.mmdb'),
);
const mm = timed(() => {
  let found = 0;
  for (let i = 0; i < lookups; i += 1) {
    found += mmdb.get(texts[i]!) ? 1 : 0;
  }
  return found;
});

/** The obvious implementation: a Map for addresses, arrays scanned end to end for blocks. */
function naiveIpv4(): { buildMs: number; bytes: number; lookupRate: string } {
  state = 0x9e3779b9;
  const start = performance.now();
  const base = heap();
  const single = new Map<number, number>();
  const first: number[] = [];
  const last: number[] = [];
  const visibility: number[] = [];
  for (const e of ipv4Entries(size)) {
    const [net = '', prefix] = e.value.split('/');
    const address = parseIPv4(net);
    if (prefix === undefined) {
      single.set(address, e.entryId * 8 + e.visibility);
    } else {
      const host = 2 ** (32 - Number(prefix)) - 1;
      first.push(address - (address % (host + 1)));
      last.push(address - (address % (host + 1)) + host);
      visibility.push(e.visibility);
    }
  }
  const buildMs = performance.now() - start;
  const bytes = heap() - base;
  const sample = Math.min(lookups, 2000);
  const run = timed(() => {
    let found = 0;
    for (let i = 0; i < sample; i += 1) {
      const a = addresses[i]!;
      const hit = single.get(a);
      found += hit !== undefined && hit % 8 <= 5 ? 1 : 0;
      for (let k = 0; k < first.length; k += 1) {
        found += first[k]! <= a && a <= last[k]! && visibility[k]! <= 5 ? 1 : 0;
      }
    }
    return found;
  }, false);
  return { buildMs, bytes, lookupRate: `${rate(sample, run.ms)} (${sample} lookups)` };
}
const naive = naiveIpv4();

rows.push(
  [
    `IPv4 build from text, ${size.toLocaleString('en')} indicators`,
    seconds(buildMs),
    seconds(naive.buildMs),
    '—',
  ],
  ['IPv4 memory per million (typed arrays)', perMillion(ipv4Bytes, size), '—', '—'],
  [
    'IPv4 memory per million (heap + buffers, after GC)',
    perMillion(ipv4Heap, size),
    perMillion(naive.bytes, size),
    '—',
  ],
  ['IPv4 lookups, parsed uint32', rate(lookups, parsed.ms), naive.lookupRate, '—'],
  [
    'IPv4 lookups from text (parse + lookup / reader.get)',
    rate(lookups, fromText.ms),
    '—',
    rate(lookups, mm.ms),
  ],
  ['→ Accord from text ÷ maxmind', `${(mm.ms / fromText.ms).toFixed(1)}×`, '', ''],
);

// ---- Domains (subdomain lookups) and SHA-256 ----
const tlds = ['com', 'net', 'org', 'ru', 'cn', 'info', 'xyz', 'top', 'de', 'br'];
const randomDomain = () =>
  `${random().toString(36)}${(random() % 1000).toString(36)}.${tlds[random() % tlds.length]}`;
const randomDigest = () => {
  let hex = '';
  for (let i = 0; i < 8; i += 1) {
    hex += (random() + 0x100000000).toString(16).slice(1);
  }
  return hex;
};

function familyBench(
  label: string,
  kind: 'domain' | 'sha256',
  make: () => string,
  observe: (value: string) => string,
  naiveLookup: (map: Map<string, number>, value: string) => number,
): void {
  const values: string[] = [];
  const entries = function* (): Generator<MatchEntry> {
    for (let i = 0; i < familySize; i += 1) {
      const value = make();
      if (values.length < lookups / 2) {
        values.push(value);
      }
      yield { entryId: i, kind, value, visibility: random() % 8 };
    }
  };
  let base = heap();
  let start = performance.now();
  const index = createIndexedMatcher(entries());
  const build = performance.now() - start;
  const heapBytes = heap() - base;
  const queries = Array.from({ length: lookups }, (_, i) =>
    i % 2 === 0 ? observe(values[(i >> 1) % values.length]!) : make(),
  );
  const indexed = timed(() => {
    let found = 0;
    for (const q of queries) {
      found += index.match(kind, q, reader).length;
    }
    return found;
  });
  base = heap();
  start = performance.now();
  const map = new Map<string, number>();
  values.length = 0;
  for (const e of entries()) {
    map.set(e.value, e.entryId);
  }
  const naiveBuild = performance.now() - start;
  const naiveBytes = heap() - base;
  const naiveRun = timed(() => queries.reduce((n, q) => n + naiveLookup(map, q), 0));
  rows.push(
    [
      `${label} build, ${familySize.toLocaleString('en')} indicators`,
      seconds(build),
      seconds(naiveBuild),
      '',
    ],
    [
      `${label} memory per million (heap + buffers)`,
      perMillion(heapBytes, familySize),
      perMillion(naiveBytes, familySize),
      '',
    ],
    [`${label} lookups from text`, rate(lookups, indexed.ms), rate(lookups, naiveRun.ms), ''],
  );
}
familyBench(
  'Domain (subdomain match)',
  'domain',
  randomDomain,
  (d) => `www.a.${d}`,
  (map, q) => {
    let found = 0;
    for (let at = 0; at >= 0; at = q.indexOf('.', at) + 1 || -1) {
      found += map.has(q.slice(at)) ? 1 : 0;
    }
    return found;
  },
);
familyBench(
  'SHA-256',
  'sha256',
  randomDigest,
  (d) => d.toUpperCase(),
  (map, q) => (map.has(q.toLowerCase()) ? 1 : 0),
);

// ---- Incremental updates on the IPv4 index ----
function updateBench(m: IndexedMatcher): void {
  const added = 10_000;
  let start = performance.now();
  for (let i = 0; i < added; i += 1) {
    m.add({
      entryId: size + i,
      kind: 'ipv4',
      value: `${formatIPv4(random())}/${randomPrefix()}`,
      visibility: 1,
    });
  }
  const addMs = performance.now() - start;
  start = performance.now();
  m.matchIPv4(addresses[0]!, reader, out);
  const deltaBuildMs = performance.now() - start;
  const withDelta = timed(ipv4Lookups(false));
  start = performance.now();
  for (let i = 0; i < added; i += 1) {
    m.remove({ entryId: i, kind: 'ipv4', value: ipv4Values[i % ipv4Values.length]! });
  }
  const removeMs = performance.now() - start;
  start = performance.now();
  m.compact();
  const compactMs = performance.now() - start;
  rows.push(
    [
      `add ${added.toLocaleString('en')} blocks one by one (to the delta)`,
      `${((addMs / added) * 1000).toFixed(1)} µs each`,
      '',
      '',
    ],
    ['first lookup after them (lazy delta rebuild)', `${deltaBuildMs.toFixed(1)} ms`, '', ''],
    ['IPv4 lookups, parsed, with that delta', rate(lookups, withDelta.ms), '', ''],
    [
      `remove ${added.toLocaleString('en')} entries (marked in place)`,
      `${((removeMs / added) * 1000).toFixed(1)} µs each`,
      '',
      '',
    ],
    ['IPv4 family rebuild (compact), i.e. the cost per change without a delta', seconds(compactMs), '', ''],
  );
}
updateBench(matcher);

console.log(
  `Node ${process.version}; ${size.toLocaleString('en')} IPv4 indicators, ${familySize.toLocaleString('en')} domains and digests, ${lookups.toLocaleString('en')} lookups per measure\n`,
);
console.log('| measure | Accord index | naive baseline (Map / linear scan) | maxmind reader |');
console.log('|---|---|---|---|');
for (const r of rows) {
  console.log(`| ${r.join(' | ')} |`);
}

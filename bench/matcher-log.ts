// Matching a large log against an indicator list, against `grep -F -f` with the same list, in one
// run. The log (plain-text firewall/proxy lines, generated once into --dir, never committed) and the
// lists are seeded, so every run reads the same bytes. Measured: lines with a hit and MB/s for
//   (a) IPv4 list: Accord's byte scanner (scanIPv4) + batched index lookups vs grep -F -f;
//   (b) IPv4 + domain list: Accord's `accord intel match --format text` pipeline (every observable
//       kind read from the bytes by scan-text.ts, then the batch's lookups, IPv4 together) vs grep -F -f;
//   (c) IPv4 list: the same pipeline with `--format ipv4` (lines scanned by scanIPv4) vs grep -F -f.
// Usage: node bench/matcher-log.ts [--mb 1024] [--ips 100000] [--domains 20000] [--dir /tmp/accord-bench]
//        [--quick] (16 MB log, for a run without the CI) [--only a|b|c] (one of the measures)
import { spawnSync } from 'node:child_process';
import {
  closeSync,
  createReadStream,
  existsSync,
  mkdirSync,
  openSync,
  readSync,
  statSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createIndexedMatcher } from '../src/intel/matcher/indexed-matcher.ts';
import { formatIPv4 } from '../src/platform/net/ip-parse.ts';
import { scanIPv4 } from '../src/intel/matcher/scan-ipv4.ts';
import { extractObservables } from '../src/intel/matcher/extract-stream.ts';
import { SEE_ALL } from '../src/intel/matcher/visibility.ts';
import { ObservableLookup } from '../src/intel/matcher/observable-lookup.ts';
import type { MatchEntry } from '../src/intel/matcher/entry.ts';

const arg = (name: string, fallback: number) => {
  const at = process.argv.indexOf(name);
  return at > 0 ? Number(process.argv[at + 1]) : fallback;
};
const quick = process.argv.includes('--quick');
const mb = arg('--mb', quick ? 16 : 1024);
const ipCount = arg('--ips', 100_000);
const domainCount = arg('--domains', 20_000);
const dirAt = process.argv.indexOf('--dir');
const dir = dirAt > 0 ? process.argv[dirAt + 1]! : '/tmp/accord-bench';

let state = 0x2545f491;
function random(): number {
  state ^= state << 13;
  state ^= state >>> 17;
  state ^= state << 5;
  return state >>> 0;
}
/** A public-looking address (first octet 11–223, never 10, 127 or multicast). */
const publicAddress = () => ((11 + (random() % 213)) * 2 ** 24 + (random() & 0xffffff)) >>> 0;
const label = () => (random() % 2 ** 31).toString(36);
const tlds = ['com', 'net', 'org', 'ru', 'cn', 'info', 'xyz', 'top', 'de', 'br'];

const ips = Array.from({ length: ipCount }, () => formatIPv4(publicAddress()));
const domains = Array.from({ length: domainCount }, () => `${label()}.${tlds[random() % tlds.length]}`);
mkdirSync(dir, { recursive: true });
const ipList = join(dir, `ips-${ipCount}.txt`);
const mixedList = join(dir, `ips-${ipCount}-domains-${domainCount}.txt`);
writeFileSync(ipList, `${ips.join('\n')}\n`);
writeFileSync(mixedList, `${[...ips, ...domains].join('\n')}\n`);

/** One line in 200 goes to a listed address, one in 500 names a listed domain. */
function generateLog(path: string, bytes: number): void {
  const fd = openSync(path, 'w');
  let written = 0;
  let second = 0;
  while (written < bytes) {
    const lines: string[] = [];
    for (let k = 0; k < 20_000; k += 1) {
      second += random() % 3;
      const dst = random() % 200 === 0 ? ips[random() % ips.length]! : formatIPv4(publicAddress());
      const host =
        random() % 500 === 0
          ? `www.${domains[random() % domains.length]}`
          : `${label()}.${tlds[random() % tlds.length]}`;
      const time = new Date(Date.UTC(2026, 10, 30) + second * 1000).toISOString();
      lines.push(
        `${time} fw01 action=${random() % 4 === 0 ? 'deny' : 'allow'} proto=tcp src=10.${random() % 256}.${random() % 256}.${random() % 256}:${1024 + (random() % 60000)} dst=${dst}:${random() % 2 ? 443 : 80} bytes=${random() % 100_000} host=${host}\n`,
      );
    }
    const chunk = Buffer.from(lines.join(''));
    writeSync(fd, chunk);
    written += chunk.length;
  }
  closeSync(fd);
}
const log = join(dir, `fw-${mb}mb-${ipCount}-${domainCount}.log`);
if (!existsSync(log)) {
  const start = performance.now();
  generateLog(log, mb * 2 ** 20);
  console.error(`generated ${log} in ${((performance.now() - start) / 1000).toFixed(1)} s`);
}
const logBytes = statSync(log).size;
const cpu = (ms: number) => `CPU ${(ms / 1000).toFixed(1)} s`;
const mbps = (ms: number) => `${(logBytes / 2 ** 20 / (ms / 1000)).toFixed(0)} MB/s`;
const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** grep's wall time, CPU time (user + system, from bash's `time`) and count of matching lines. */
function grep(list: string): { ms: number; cpuMs: number; lines: number } {
  const start = performance.now();
  const r = spawnSync('bash', ['-c', 'TIMEFORMAT="%U %S"; time grep -F -c -f "$0" "$1"', list, log], {
    env: { ...process.env, LC_ALL: 'C' },
    encoding: 'utf8',
  });
  const ms = performance.now() - start;
  const [user = 0, system = 0] = r.stderr.trim().split('\n').at(-1)!.split(' ').map(Number);
  if (r.status !== 0 && r.status !== 1) {
    throw new Error(`grep failed: ${r.stderr}`);
  }
  return { ms, cpuMs: (user + system) * 1000, lines: Number(r.stdout.trim()) };
}

/** CPU time of this process during work (the machine is shared: wall time alone says little). */
async function withCpu<T extends { ms: number }>(work: () => T | Promise<T>): Promise<T & { cpuMs: number }> {
  const before = process.cpuUsage();
  const result = await work();
  const used = process.cpuUsage(before);
  return { ...result, cpuMs: (used.user + used.system) / 1000 };
}

/** (a) Bytes in 4 MiB reads, addresses scanned in place, looked up 4096 at a time. */
function scanWithAccord(): { ms: number; lines: number; addresses: number } {
  const entries: MatchEntry[] = ips.map((value, i) => ({ entryId: i, kind: 'ipv4', value, visibility: 0 }));
  const start = performance.now();
  const matcher = createIndexedMatcher(entries);
  const fd = openSync(log, 'r');
  const buffer = Buffer.allocUnsafe(4 << 20);
  const batch = new Uint32Array(4096);
  const where = new Int32Array(4096);
  const counts = new Uint32Array(4096);
  const out: number[] = [];
  let carry = 0;
  let lines = 0;
  let addresses = 0;
  let lastHitLine = -1;
  for (;;) {
    const read = readSync(fd, buffer, carry, buffer.length - carry, null);
    const end = carry + read;
    // Scan whole lines only; the tail after the last newline waits for the next read.
    const cut = read === 0 ? end : buffer.lastIndexOf(10, end - 1) + 1;
    for (let at = 0; at < cut;) {
      const n = scanIPv4(buffer, at, cut, batch, where);
      if (n === 0) {
        break;
      }
      out.length = 0;
      matcher.matchIPv4Batch(batch.subarray(0, n), SEE_ALL, counts, out);
      addresses += n;
      for (let k = 0; k < n; k += 1) {
        if (counts[k]! > 0) {
          const lineStart = buffer.lastIndexOf(10, where[k]) + 1;
          if (lineStart !== lastHitLine) {
            lines += 1;
            lastHitLine = lineStart;
          }
        }
      }
      at = n < batch.length ? cut : where[n - 1]! + 7;
    }
    if (read === 0) {
      break;
    }
    buffer.copy(buffer, 0, cut, end);
    carry = end - cut;
    lastHitLine -= cut;
  }
  closeSync(fd);
  return { ms: performance.now() - start, lines, addresses };
}

/** (b), (c) The CLI's pipeline without the database: extraction, then each batch's lookups (match-run.ts). */
async function pipelineWithAccord(
  format: 'text' | 'ipv4',
): Promise<{ ms: number; lines: number; observables: number }> {
  const entries: MatchEntry[] = [
    ...ips.map((value, i) => ({ entryId: i, kind: 'ipv4' as const, value, visibility: 0 })),
    ...(format === 'text' ? domains : []).map((value, i) => ({
      entryId: ipCount + i,
      kind: 'domain' as const,
      value,
      visibility: 0,
    })),
  ];
  const start = performance.now();
  const matcher = createIndexedMatcher(entries);
  const run = extractObservables(createReadStream(log, { highWaterMark: 1 << 20 }), { format });
  let lines = 0;
  let lastLine = -1;
  const lookup = new ObservableLookup(matcher);
  for await (const batch of run.batches) {
    lookup.run(batch, 0, batch.length, SEE_ALL);
    for (let i = 0; i < batch.length; i += 1) {
      const line = batch[i]!.position.line;
      if (lookup.counts[i]! > 0 && line !== lastLine) {
        lines += 1;
        lastLine = line;
      }
    }
  }
  return { ms: performance.now() - start, lines, observables: run.summary.observables };
}

console.log(
  `Node ${process.version}; log ${(logBytes / 2 ** 20).toFixed(0)} MiB (${log}); lists of ${ipCount.toLocaleString('en')} IPv4 addresses and ${domainCount.toLocaleString('en')} domains; GNU grep with LC_ALL=C; one run each, index build included in Accord's time\n`,
);
// The machine may be shared: the load average before and after each row says how much it was.
const load = () =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');
console.log(
  '| measure | Accord: wall (CPU), MB/s, lines with a hit | grep -F -f: same | Accord ÷ grep, wall (CPU) | load average before → after |',
);
console.log('|---|---|---|---|---|');
// Each row is printed as soon as it is measured: a 1 GB run under load takes minutes per row.
const only = (name: string) => !process.argv.includes('--only') || process.argv.includes(name);
if (only('a')) {
  const before = load();
  const grepIps = grep(ipList);
  const accordIps = await withCpu(scanWithAccord);
  console.log(
    `| (a) IPv4 list: byte scanner + batched lookups | ${secs(accordIps.ms)} (${cpu(accordIps.cpuMs)}), ${mbps(accordIps.ms)}, ${accordIps.lines.toLocaleString('en')} lines hit (${accordIps.addresses.toLocaleString('en')} addresses read) | ${secs(grepIps.ms)} (${cpu(grepIps.cpuMs)}), ${mbps(grepIps.ms)}, ${grepIps.lines.toLocaleString('en')} lines | ${(accordIps.ms / grepIps.ms).toFixed(2)} (CPU ${(accordIps.cpuMs / grepIps.cpuMs).toFixed(2)}) | ${before} → ${load()} |`,
  );
}
if (only('b')) {
  const before = load();
  const grepMixed = grep(mixedList);
  const accordMixed = await withCpu(() => pipelineWithAccord('text'));
  console.log(
    `| (b) IPv4 + domain list: \`accord intel match --format text\` pipeline (bytes scanned for every kind) | ${secs(accordMixed.ms)} (${cpu(accordMixed.cpuMs)}), ${mbps(accordMixed.ms)}, ${accordMixed.lines.toLocaleString('en')} lines hit (${accordMixed.observables.toLocaleString('en')} observables) | ${secs(grepMixed.ms)} (${cpu(grepMixed.cpuMs)}), ${mbps(grepMixed.ms)}, ${grepMixed.lines.toLocaleString('en')} lines | ${(accordMixed.ms / grepMixed.ms).toFixed(2)} (CPU ${(accordMixed.cpuMs / grepMixed.cpuMs).toFixed(2)}) | ${before} → ${load()} |`,
  );
}
if (only('c')) {
  const before = load();
  const grepIps = grep(ipList);
  const accordIps = await withCpu(() => pipelineWithAccord('ipv4'));
  console.log(
    `| (c) IPv4 list: \`accord intel match --format ipv4\` pipeline | ${secs(accordIps.ms)} (${cpu(accordIps.cpuMs)}), ${mbps(accordIps.ms)}, ${accordIps.lines.toLocaleString('en')} lines hit (${accordIps.observables.toLocaleString('en')} observables) | ${secs(grepIps.ms)} (${cpu(grepIps.cpuMs)}), ${mbps(grepIps.ms)}, ${grepIps.lines.toLocaleString('en')} lines | ${(accordIps.ms / grepIps.ms).toFixed(2)} (CPU ${(accordIps.cpuMs / grepIps.cpuMs).toFixed(2)}) | ${before} → ${load()} |`,
  );
}

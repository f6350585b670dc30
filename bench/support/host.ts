// What the virtual machine's host took from a run: the share of CPU time "stolen" (spent running
// other guests while this one wanted the CPU), from /proc/stat. Figures from this machine spread by
// ±30 % between runs; the steal share says how much of that a run suffered.
import { readFileSync } from 'node:fs';

type CpuTicks = { steal: number; total: number };

function read(): CpuTicks | undefined {
  try {
    const fields = readFileSync('/proc/stat', 'utf8')
      .split('\n')[0]!
      .trim()
      .split(/\s+/)
      .slice(1)
      .map(Number);
    // user nice system idle iowait irq softirq steal (guest time is already in user)
    const total = fields.slice(0, 8).reduce((a, b) => a + b, 0);
    return { steal: fields[7] ?? 0, total };
  } catch {
    return undefined;
  }
}

/** Starts watching; the returned function tells the share of CPU time stolen since, or 'n/a'. */
export function watchSteal(): () => string {
  const start = read();
  return () => {
    const end = read();
    if (!start || !end || end.total === start.total) {
      return 'n/a';
    }
    return `${((100 * (end.steal - start.steal)) / (end.total - start.total)).toFixed(1)} %`;
  };
}

/**
 * A fixed yardstick for the host's speed at this moment, to read a run's figures against: nanoseconds
 * per step of an integer loop (the core's speed) and per random read of a 128 MiB array, 64 reads in
 * flight (memory latency under whatever the other guests do to the shared cache). Best of three.
 * The same code gives the same work, so a change between two runs is the host's, not Accord's.
 */
export function hostProbe(): string {
  const steps = 20_000_000;
  const compute = () => {
    let x = 0x9e3779b9;
    for (let i = 0; i < steps; i += 1) {
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
    }
    return x;
  };
  const table = new Int32Array(2 ** 25); // 128 MiB
  const reads = 4_000_000;
  const memory = () => {
    let x = 0x2545f491;
    let sum = 0;
    for (let i = 0; i < reads; i += 1) {
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      sum += table[x >>> 7]!;
    }
    return sum;
  };
  const best = (run: () => number, n: number) => {
    let ns = Infinity;
    for (let k = 0; k < 3; k += 1) {
      const start = process.hrtime.bigint();
      run();
      ns = Math.min(ns, Number(process.hrtime.bigint() - start) / n);
    }
    return ns;
  };
  return `integer step ${best(compute, steps).toFixed(2)} ns, random read ${best(memory, reads).toFixed(1)} ns`;
}

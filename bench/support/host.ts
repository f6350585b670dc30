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
 * per step of an integer loop (the core's speed), and per hop of a pointer chase through a random
 * cycle over 32 MiB (memory latency with its page walks, which other guests' use of the shared cache
 * and memory moves: a plain random-read loop over 128 MiB did not show a slow spell that halved the
 * naive ingest baseline). Best of three. The same code gives the same work, so a change between two
 * runs is the host's, not Accord's.
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
  // Sattolo's shuffle: one cycle through every slot, so each hop depends on the one before.
  const slots = 2 ** 23; // 32 MiB of Int32
  const next = new Int32Array(slots);
  for (let i = 0; i < slots; i += 1) {
    next[i] = i;
  }
  let x = 0x2545f491;
  for (let i = slots - 1; i > 0; i -= 1) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    const j = (x >>> 0) % i;
    const t = next[i]!;
    next[i] = next[j]!;
    next[j] = t;
  }
  const hops = 1_000_000;
  const chase = () => {
    let at = 0;
    for (let h = 0; h < hops; h += 1) {
      at = next[at]!;
    }
    return at;
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
  return `integer step ${best(compute, steps).toFixed(2)} ns, dependent read in 32 MiB ${best(chase, hops).toFixed(0)} ns`;
}

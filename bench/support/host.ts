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

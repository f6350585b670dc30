// The little arithmetic the snapshot's charts need: a linear scale and round tick values. d3-scale
// would do it too, but for two bar charts this is all of it (and one dependency fewer in the bundle).

/** Maps [0, max] onto [0, size]; max 0 maps everything to 0. */
export function linear(max: number, size: number): (value: number) => number {
  return (value) => (max > 0 ? (value / max) * size : 0);
}

/**
 * About `count` round tick values from 0 to at least max (1, 2 or 5 times a power of ten apart);
 * `whole` for counts, where a tick at 0.5 would be nonsense.
 */
export function niceTicks(max: number, count = 4, whole = false): number[] {
  if (max <= 0) {
    return [0];
  }
  const raw = whole ? Math.max(1, max / count) : max / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = ([1, 2, 5, 10].find((m) => m * power >= raw) ?? 10) * power;
  const ticks: number[] = [];
  for (let t = 0; t < max + step; t += step) {
    ticks.push(Math.round(t * 1e6) / 1e6);
    if (t >= max) {
      break;
    }
  }
  return ticks;
}

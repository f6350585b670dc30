// The pk ranges the matcher has not seen yet below the highest pk it has seen. Sequence order is not
// commit order: a transaction that took its pks first may commit after a later one was read, so the
// catch-up re-reads these ranges until they fill in or age out (aborted transactions never fill).

export const GAP_TTL_MS = 15 * 60_000;
export const MAX_GAPS = 1000;

type Gap = { lo: number; hi: number; since: number };

export class PkGaps {
  lastPk = 0;
  #gaps: Gap[] = [];

  /** The open ranges as [lo, hi] pairs, dropping those older than the TTL. */
  ranges(now: number): Array<[number, number]> {
    this.#gaps = this.#gaps.filter((g) => now - g.since < GAP_TTL_MS);
    return this.#gaps.map((g) => [g.lo, g.hi]);
  }

  /** Records that pk was read: it advances lastPk (opening a gap over skipped pks) or fills a gap. */
  see(pk: number, now: number): void {
    if (pk > this.lastPk) {
      if (pk > this.lastPk + 1) {
        this.#gaps.push({ lo: this.lastPk + 1, hi: pk - 1, since: now });
        if (this.#gaps.length > MAX_GAPS) {
          this.#gaps.shift();
        }
      }
      this.lastPk = pk;
      return;
    }
    const at = this.#gaps.findIndex((g) => g.lo <= pk && pk <= g.hi);
    const gap = this.#gaps[at];
    if (!gap) {
      return;
    }
    const parts = [
      { ...gap, hi: pk - 1 },
      { ...gap, lo: pk + 1 },
    ].filter((g) => g.lo <= g.hi);
    this.#gaps.splice(at, 1, ...parts);
  }

  /** Starts following after a load that read the store up to `pk` (no gaps known below it). */
  reset(pk: number): void {
    this.lastPk = pk;
    this.#gaps = [];
  }
}

// A reusable hit buffer: entry ids with their specificity (prefix length or suffix length), so hits
// from the base index and the delta can be merged into one most-specific-first list.

export class HitList {
  ids = new Int32Array(64);
  specs = new Int32Array(64);
  count = 0;

  push(id: number, spec: number): void {
    if (this.count === this.ids.length) {
      const ids = new Int32Array(this.count * 2);
      const specs = new Int32Array(this.count * 2);
      ids.set(this.ids);
      specs.set(this.specs);
      this.ids = ids;
      this.specs = specs;
    }
    this.ids[this.count] = id;
    this.specs[this.count] = spec;
    this.count += 1;
  }

  /** Insertion sort by (specificity desc, id asc): hit lists are short and nearly sorted. */
  sort(): void {
    const { ids, specs } = this;
    for (let i = 1; i < this.count; i += 1) {
      const id = ids[i]!;
      const spec = specs[i]!;
      let j = i - 1;
      while (j >= 0 && (specs[j]! < spec || (specs[j] === spec && ids[j]! > id))) {
        ids[j + 1] = ids[j]!;
        specs[j + 1] = specs[j]!;
        j -= 1;
      }
      ids[j + 1] = id;
      specs[j + 1] = spec;
    }
  }

  appendTo(out: number[]): number {
    for (let i = 0; i < this.count; i += 1) {
      out.push(this.ids[i]!);
    }
    return this.count;
  }
}

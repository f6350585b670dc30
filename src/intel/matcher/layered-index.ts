// Incremental updates for one family of the index: an immutable base, a small delta rebuilt lazily
// (at the first lookup after a change) from the pending entries, and in-place edits of the base for
// removals (id set to -1) and visibility changes. When the delta outgrows its cap, or a quarter of the
// base is dead, the family alone is rebuilt; other families are untouched.

/** What a family supplies: its columnar builder, its table builder, and how to find an entry. */
export type FamilyOps<R, C, B extends Layer> = {
  columns(): C;
  append(columns: C, record: R): void;
  appendLive(columns: C, table: B): void;
  build(columns: C): B;
  /** Where the record's (key, entry id) is in the table (any number but -1), or -1 if absent. */
  locate(table: B, record: R): number;
  /** Marks the located entry removed, or changes its visibility class, in place. */
  edit(table: B, at: number, change: { remove: true } | { visibility: number }): void;
};

export type LayerRecord = { entryId: number; visibility: number };

/** A built table; removed entries stay in it, marked, until the next rebuild. */
export type Layer = { entryCount: number };

export const MIN_DELTA_CAP = 4096;
export const MAX_DELTA_CAP = 65536;

export class LayeredIndex<R extends LayerRecord, C, B extends Layer> {
  base: B | undefined;
  delta: B | undefined;
  readonly #ops: FamilyOps<R, C, B>;
  readonly #pending = new Map<string, R>();
  #dirty = false;
  #baseLive = 0;
  #baseDead = 0;

  constructor(ops: FamilyOps<R, C, B>) {
    this.#ops = ops;
  }

  get size(): number {
    return this.#baseLive + this.#pending.size;
  }

  get pendingCount(): number {
    return this.#pending.size;
  }

  /** Upsert by key (entry id + canonical value). */
  add(key: string, record: R): void {
    if (this.#pending.has(key)) {
      this.#pending.set(key, record);
      this.#dirty = true;
      return;
    }
    const at = this.base ? this.#ops.locate(this.base, record) : -1;
    if (at !== -1) {
      this.#ops.edit(this.base!, at, { visibility: record.visibility });
      return;
    }
    this.#pending.set(key, record);
    this.#dirty = true;
    if (this.#pending.size > Math.min(MAX_DELTA_CAP, Math.max(MIN_DELTA_CAP, this.#baseLive >>> 6))) {
      this.compact();
    }
  }

  remove(key: string, record: R): boolean {
    if (this.#pending.delete(key)) {
      this.#dirty = true;
      return true;
    }
    const at = this.base ? this.#ops.locate(this.base, record) : -1;
    if (at === -1) {
      return false;
    }
    this.#ops.edit(this.base!, at, { remove: true });
    this.#baseLive -= 1;
    this.#baseDead += 1;
    if (this.#baseDead > MIN_DELTA_CAP && this.#baseDead > this.#baseLive / 3) {
      this.compact();
    }
    return true;
  }

  /** Rebuilds the delta if entries changed since the last lookup. */
  refresh(): void {
    if (!this.#dirty) {
      return;
    }
    this.#dirty = false;
    if (this.#pending.size === 0) {
      this.delta = undefined;
      return;
    }
    const columns = this.#ops.columns();
    for (const record of this.#pending.values()) {
      this.#ops.append(columns, record);
    }
    this.delta = this.#ops.build(columns);
  }

  /** Columns holding every live entry, to which a bulk load appends before finishBulk. */
  startBulk(): C {
    const columns = this.#ops.columns();
    if (this.base) {
      this.#ops.appendLive(columns, this.base);
    }
    for (const record of this.#pending.values()) {
      this.#ops.append(columns, record);
    }
    return columns;
  }

  finishBulk(columns: C): void {
    this.base = this.#ops.build(columns);
    this.#baseLive = this.base.entryCount;
    this.#baseDead = 0;
    this.#pending.clear();
    this.delta = undefined;
    this.#dirty = false;
  }

  /** Merges the delta into a new base and drops removed entries. */
  compact(): void {
    this.finishBulk(this.startBulk());
  }
}

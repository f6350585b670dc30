// Incremental updates for one family of the index: an immutable base, a small delta rebuilt lazily
// (at the first lookup after a change) from the pending entries, and in-place edits of the base for
// removals (id set to -1) and visibility changes. When the delta outgrows its cap, or a quarter of the
// base is dead, the family alone is rebuilt; other families are untouched. With a background builder
// (a worker thread, see rebuild-pool.ts) that rebuild runs off the event loop: the delta is frozen
// (searched as is, edited in place), lookups use the old base, the frozen delta and a new small delta,
// and the changes made meanwhile are replayed on the new base when it lands.

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

/** Builds a new base from the old one's live entries plus pending columns, elsewhere (a worker). */
export type BackgroundBuild<C, B> = (base: B | undefined, pending: C) => Promise<B>;

type Change<R> = { remove: boolean; key: string; record: R };

export const MIN_DELTA_CAP = 4096;
export const MAX_DELTA_CAP = 65536;

export class LayeredIndex<R extends LayerRecord, C, B extends Layer> {
  base: B | undefined;
  delta: B | undefined;
  /** The delta as it was when the background rebuild in flight started (undefined otherwise). */
  frozen: B | undefined;
  readonly #ops: FamilyOps<R, C, B>;
  #pending = new Map<string, R>();
  /** The records of the frozen delta. */
  #frozenPending = new Map<string, R>();
  #dirty = false;
  #baseLive = 0;
  #baseDead = 0;
  #background: BackgroundBuild<C, B> | undefined;
  /** The rebuild in flight and the changes made since it started (replayed when it lands). */
  #flight: { log: Array<Change<R>> } | undefined;

  constructor(ops: FamilyOps<R, C, B>) {
    this.#ops = ops;
  }

  get size(): number {
    return this.#baseLive + this.#frozenPending.size + this.#pending.size;
  }

  get pendingCount(): number {
    return this.#pending.size;
  }

  /** Whether a background rebuild is in flight. */
  get rebuilding(): boolean {
    return this.#flight !== undefined;
  }

  /** Moves outgrown-delta rebuilds off the caller's thread (undefined: rebuild synchronously). */
  setBackgroundBuild(build: BackgroundBuild<C, B> | undefined): void {
    this.#background = build;
  }

  /** Upsert by key (entry id + canonical value). */
  add(key: string, record: R): void {
    this.#flight?.log.push({ remove: false, key, record });
    if (this.#pending.has(key)) {
      this.#pending.set(key, record);
      this.#dirty = true;
      return;
    }
    if (this.#frozenPending.has(key)) {
      this.#ops.edit(this.frozen!, this.#ops.locate(this.frozen!, record), { visibility: record.visibility });
      this.#frozenPending.set(key, record);
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
      this.#rebuild();
    }
  }

  remove(key: string, record: R): boolean {
    this.#flight?.log.push({ remove: true, key, record });
    if (this.#pending.delete(key)) {
      this.#dirty = true;
      return true;
    }
    if (this.#frozenPending.delete(key)) {
      this.#ops.edit(this.frozen!, this.#ops.locate(this.frozen!, record), { remove: true });
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
      this.#rebuild();
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
    for (const record of this.#frozenPending.values()) {
      this.#ops.append(columns, record);
    }
    for (const record of this.#pending.values()) {
      this.#ops.append(columns, record);
    }
    return columns;
  }

  finishBulk(columns: C): void {
    this.#flight = undefined; // a synchronous rebuild saw every change: a background one is stale
    this.frozen = undefined;
    this.#frozenPending.clear();
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

  #rebuild(): void {
    const build = this.#background;
    if (!build) {
      this.compact();
      return;
    }
    if (this.#flight) {
      return; // the delta keeps growing until the rebuild in flight lands
    }
    // Freeze the delta: it stays searchable and editable; new changes start a new, small delta.
    this.refresh();
    this.frozen = this.delta;
    this.#frozenPending = this.#pending;
    this.#pending = new Map();
    this.delta = undefined;
    const pending = this.#ops.columns();
    for (const record of this.#frozenPending.values()) {
      this.#ops.append(pending, record);
    }
    const flight = { log: [] as Array<Change<R>> };
    this.#flight = flight;
    void build(this.base, pending).then(
      (table) => this.#land(flight, table),
      () => {
        if (this.#flight === flight) {
          this.compact(); // the worker failed: correctness first, on this thread
        }
      },
    );
  }

  /** The new base holds what the old base and the delta held at the start; replay what came after. */
  #land(flight: { log: Array<Change<R>> }, table: B): void {
    if (this.#flight !== flight) {
      return;
    }
    this.#flight = undefined;
    this.frozen = undefined;
    this.#frozenPending = new Map();
    this.base = table;
    this.#baseLive = table.entryCount;
    this.#baseDead = 0;
    this.#pending.clear();
    this.delta = undefined;
    this.#dirty = true;
    for (const change of flight.log) {
      if (change.remove) {
        this.remove(change.key, change.record);
      } else {
        this.add(change.key, change.record);
      }
    }
  }
}

// The matcher fed from the STIX store: one IndexedMatcher over the values of every latest, unrevoked,
// unexpired indicator and observable, each entry tagged with its visibility class so one index serves
// every reader. Rows are applied in pk order (start-up load, then catch-up); expiry is by valid_until.
import type { Actor } from '../../platform/access/policy.ts';
import type { Tlp } from '../../platform/access/tlp-policy.ts';
import type { MatchableValue } from '../pattern/matchable.ts';
import { IndexedMatcher } from './indexed-matcher.ts';
import { VisibilityClasses } from './visibility-classes.ts';
import { valuesOfStored, type UnmatchableReason } from './store-values.ts';
import { ExpiryQueue } from './expiry-queue.ts';
import { PkGaps } from './pk-gaps.ts';
import type { IndicatorKind, MatchEntry } from './entry.ts';
import type { MatcherRow } from './matcher-store.ts';

/** The indexed version of one STIX object (one entry id per STIX id, kept across versions). */
export type IndexedObject = {
  stixId: string;
  type: string;
  name: string | null;
  pk: number;
  tlp: Tlp;
  producerOrganisationId: string;
  created: string;
  visibility: number;
  values: MatchableValue[];
  unmatchable?: { reason: UnmatchableReason; message: string };
};

export type StoreIndexStats = {
  objects: number;
  values: number;
  unmatchable: number;
  visibilityClasses: number;
  /** Objects left out because every visibility class id was taken (see VisibilityClasses). */
  classOverflow: number;
  lastPk: number;
};

export class StoreIndex {
  readonly matcher = new IndexedMatcher();
  readonly classes = new VisibilityClasses();
  readonly gaps = new PkGaps();
  readonly #objects: Array<IndexedObject | undefined> = [];
  readonly #ids = new Map<string, number>();
  readonly #unmatchable = new Set<number>();
  readonly #expiry = new ExpiryQueue();
  #classOverflow = 0;

  /**
   * Start-up: the live rows of the store, page by page, then one table build per family (the pages'
   * entries are kept, not their raw JSON).
   */
  beginLoad(): { add(rows: readonly MatcherRow[], now: Date): void; finish(): void } {
    const entries: MatchEntry[] = [];
    return {
      add: (rows, now) => rows.forEach((row) => this.#index(row, now.getTime(), entries)),
      finish: () => void this.matcher.addMany(entries),
    };
  }

  /** Catch-up: rows read after a notification, in pk order, whatever their state. */
  apply(rows: readonly MatcherRow[], now: Date): void {
    const at = now.getTime();
    // Gaps age in wall-clock time (how long a transaction may stay open), not in business time.
    const seenAt = Date.now();
    for (const row of rows) {
      this.gaps.see(row.pk, seenAt);
      if (!row.isLatest || row.raw === null) {
        continue; // an older version, or a type the matcher does not read
      }
      const entryId = this.#ids.get(row.stixId);
      if (entryId !== undefined) {
        this.#drop(entryId);
      }
      const entries: MatchEntry[] = [];
      this.#index(row, at, entries);
      entries.forEach((e) => this.matcher.add(e));
    }
  }

  /** Drops the objects whose valid_until has passed. */
  expireDue(now: Date): number {
    let expired = 0;
    for (const due of this.#expiry.popDue(now.getTime())) {
      if (this.#objects[due.entryId]?.pk === due.pk) {
        this.#drop(due.entryId);
        expired += 1;
      }
    }
    return expired;
  }

  /** Entry ids matching the observable that the reader may see, most specific first. */
  match(kind: IndicatorKind, value: string, mask: Uint32Array): number[] {
    return this.matcher.match(kind, value, mask);
  }

  object(entryId: number): IndexedObject | undefined {
    return this.#objects[entryId];
  }

  /** The indicators the reader may see that cannot be matched, with the reason. */
  unmatchableFor(actor: Actor): IndexedObject[] {
    const mask = this.classes.maskFor(actor);
    return [...this.#unmatchable]
      .map((id) => this.#objects[id]!)
      .filter((o) => ((mask[o.visibility >>> 5]! >>> (o.visibility & 31)) & 1) === 1);
  }

  stats(): StoreIndexStats {
    return {
      objects: this.#objects.reduce((n, o) => (o ? n + 1 : n), 0),
      values: this.matcher.size,
      unmatchable: this.#unmatchable.size,
      visibilityClasses: this.classes.count,
      classOverflow: this.#classOverflow,
      lastPk: this.gaps.lastPk,
    };
  }

  #index(row: MatcherRow, now: number, out: MatchEntry[]): void {
    const validUntil = row.validUntil === null ? undefined : new Date(row.validUntil).getTime();
    if (row.revoked || row.raw === null || (validUntil !== undefined && validUntil <= now)) {
      return;
    }
    const visibility = this.classes.classOf(row);
    if (visibility === undefined) {
      this.#classOverflow += 1;
      return;
    }
    const found = valuesOfStored(row.type, row.raw);
    let entryId = this.#ids.get(row.stixId);
    if (entryId === undefined) {
      entryId = this.#objects.length;
      this.#ids.set(row.stixId, entryId);
    }
    this.#objects[entryId] = {
      stixId: row.stixId,
      type: row.type,
      name: row.name,
      pk: row.pk,
      tlp: row.tlp,
      producerOrganisationId: row.producerOrganisationId,
      created: row.created,
      visibility,
      values: found.ok ? found.values : [],
      ...(found.ok ? {} : { unmatchable: { reason: found.reason, message: found.message } }),
    };
    if (!found.ok) {
      if (row.type === 'indicator') {
        this.#unmatchable.add(entryId);
      }
    } else {
      found.values.forEach((v) => out.push({ entryId: entryId, kind: v.kind, value: v.value, visibility }));
    }
    if (validUntil !== undefined) {
      this.#expiry.push({ at: validUntil, entryId, pk: row.pk });
    }
  }

  #drop(entryId: number): void {
    const current = this.#objects[entryId];
    if (!current) {
      return;
    }
    current.values.forEach((v) => this.matcher.remove({ entryId, kind: v.kind, value: v.value }));
    this.#unmatchable.delete(entryId);
    this.#objects[entryId] = undefined;
  }
}

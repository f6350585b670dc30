// Two import batches in flight, on two connections: while batch N is written, batch N+1 is already
// checked, planned and copied in beside it, so Node and PostgreSQL stop taking turns (one batch's
// write is a chain of round trips, and alone either side waits on the other most of the time).
//
// What keeps the result the same as writing one batch after the other:
// - N+1 cannot see N's uncommitted rows, so if it names an id or dedupe key that N writes, or its
//   dedupe lookup finds an object whose id N writes, it waits until N has committed and reads again;
// - N+1 interns its values only once N has interned its own: N+1 may then wait on N's new value rows
//   (a unique-index wait PostgreSQL sees), never N on N+1's, which Node would hold until N commits (a
//   wait no deadlock detector sees);
// - N+1 appends its audit entry, progress and checkpoint only after N has committed, so checkpoints
//   and the audit chain keep file order, and a failure of N rolls N+1 back.
// A third batch starts only once N has committed.

/** What a batch written beside the one before it must wait for; absent: nothing is in flight. */
export type BatchGate = {
  /**
   * Ids and dedupe keys the batch before writes, in one set (a key has a space, an id never has).
   */
  previousNames: ReadonlySet<string>;
  /** Settles once the batch before has interned its values (or ended). */
  previousValuesInterned: Promise<void>;
  /** Resolves once the batch before has committed; rejects if it failed. */
  previousCommitted: Promise<void>;
  /** Called by this batch once its own values are interned. */
  valuesInterned: () => void;
};

type Named = { object: { stixId: string; dedupeKey: string | null } };

/** True if the batch writes an id or dedupe key the batch before writes. */
export function touchesPrevious(gate: BatchGate, objects: readonly Named[]): boolean {
  const names = gate.previousNames;
  for (const { object } of objects) {
    if (names.has(object.stixId) || (object.dedupeKey !== null && names.has(object.dedupeKey))) {
      return true;
    }
  }
  return false;
}

type Deferred = { promise: Promise<void>; resolve: () => void; reject: (error: unknown) => void };

function deferred(): Deferred {
  let resolve!: () => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  // Awaited by the next batch, perhaps never: a failure here must not count as unhandled.
  promise.catch(() => {});
  return { promise, resolve, reject };
}

/** A batch in flight, as the next one sees it. */
export type InFlight = {
  names: Set<string>;
  /** No two of the batch's objects share an id or a key (then its plan needs no map of them). */
  distinct: boolean;
  valuesInterned: Deferred;
  committed: Deferred;
};

export function startInFlight(objects: readonly Named[]): InFlight {
  const names = new Set<string>();
  let count = 0;
  for (const { object } of objects) {
    names.add(object.stixId);
    count += 1;
    if (object.dedupeKey !== null) {
      names.add(object.dedupeKey);
      count += 1;
    }
  }
  // An id never holds a space and a key always does, so they cannot collide with each other.
  return { names, distinct: names.size === count, valuesInterned: deferred(), committed: deferred() };
}

/** The gate of a batch started while `previous` is in flight. */
export function gateAfter(previous: InFlight | undefined, current: InFlight): BatchGate | undefined {
  if (!previous) {
    return undefined;
  }
  return {
    previousNames: previous.names,
    previousValuesInterned: previous.valuesInterned.promise,
    previousCommitted: previous.committed.promise,
    valuesInterned: () => current.valuesInterned.resolve(),
  };
}

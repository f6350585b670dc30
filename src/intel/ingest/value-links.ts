// Correlation links of a batch: each value interned once in intel_values (its object count raised) by
// one upsert, then one (value, object) link per value of each new latest version, with a binary COPY. The pks
// are new, so every link is new and the counts are exact; over-correlating values are flagged in the
// same write. (Finding stored values first and COPYing the new ones was tried: no faster than the
// upsert, for more code. Timed alone on 20,000 new values, the upsert costs 8.7–13 µs a value and a
// probe plus a plain INSERT 9–12.)
import { integerArrayParam, textArrayParam } from '../../platform/db/array-param.ts';
import { copyBinaryRows } from '../../platform/db/copy-binary.ts';
import type { Tx } from '../../platform/db/pool.ts';
import { CORRELATION_CAP } from '../store.ts';
import type { ObjectValue } from './object-values.ts';

/** A new latest version and the values it carries. */
export type LinkedObject = { pk: number; values: readonly ObjectValue[] };
type BatchValue = { kind: string; value: string; n: number; id: number };

/**
 * The batch's distinct values, each with the number of its objects, indexed by kind then value (no
 * key string is built per link: at 100k objects those were a good part of the main thread's work).
 */
function countValues(objects: readonly LinkedObject[]): Map<string, Map<string, BatchValue>> {
  const byKind = new Map<string, Map<string, BatchValue>>();
  for (const o of objects) {
    for (const v of o.values) {
      let ofKind = byKind.get(v.kind);
      if (!ofKind) {
        ofKind = new Map();
        byKind.set(v.kind, ofKind);
      }
      const entry = ofKind.get(v.value);
      if (entry) {
        entry.n += 1;
      } else {
        ofKind.set(v.value, { kind: v.kind, value: v.value, n: 1, id: 0 });
      }
    }
  }
  return byKind;
}

/** Interns values or raises their counts, in one upsert; sets each value's id. */
async function upsertValues(tx: Tx, byKind: Map<string, Map<string, BatchValue>>): Promise<void> {
  // Sorted so concurrent batches lock value rows in the same order (no deadlock between them); by
  // value, then kind, the order of the unique index, so its inserts go to neighbouring entries.
  const values: BatchValue[] = [];
  for (const ofKind of byKind.values()) {
    for (const v of ofKind.values()) {
      values.push(v);
    }
  }
  values.sort((a, b) =>
    a.value < b.value ? -1 : a.value > b.value ? 1 : a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0,
  );
  const r = await tx.query<{ id: number; kind: string; value: string }>(
    `INSERT INTO intel_values AS v (kind, value, object_count, over_correlating)
     SELECT t.kind, t.value, t.n, t.n > $4 FROM unnest($1::text[], $2::text[], $3::int[]) AS t(kind, value, n)
     ON CONFLICT (kind, value) DO UPDATE SET object_count = v.object_count + excluded.object_count,
       over_correlating = v.object_count + excluded.object_count > $4
     RETURNING id, kind, value`,
    [
      textArrayParam(values.map((v) => v.kind)),
      textArrayParam(values.map((v) => v.value)),
      integerArrayParam(values.map((v) => v.n)),
      CORRELATION_CAP,
    ],
  );
  for (const row of r.rows) {
    (byKind.get(row.kind)?.get(row.value) as BatchValue).id = row.id;
  }
}

export async function linkBatchValues(tx: Tx, objects: readonly LinkedObject[]): Promise<void> {
  const byKind = countValues(objects);
  if (byKind.size === 0) {
    return;
  }
  await upsertValues(tx, byKind);
  const valueIds: number[] = [];
  const pks: number[] = [];
  for (const o of objects) {
    for (const v of o.values) {
      valueIds.push((byKind.get(v.kind)?.get(v.value) as BatchValue).id);
      pks.push(o.pk);
    }
  }
  await copyBinaryRows(tx, 'intel_object_values', ['value_id', 'object_pk'], pks.length, (i, w) => {
    w.int8Field(valueIds[i] as number);
    w.int8Field(pks[i] as number);
  });
}

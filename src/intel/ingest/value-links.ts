// Correlation links of a batch: each value interned once in intel_values (its object count raised) by
// one upsert, then one (value, object) link per value of each new latest version, with a binary COPY. The pks
// are new, so every link is new and the counts are exact; over-correlating values are flagged in the
// same write. (Finding stored values first and COPYing the new ones was tried: no faster than the
// upsert, for more code.)
import { integerArrayParam, textArrayParam } from '../../platform/db/array-param.ts';
import { copyBinaryRows } from '../../platform/db/copy-binary.ts';
import type { Tx } from '../../platform/db/pool.ts';
import { CORRELATION_CAP } from '../store.ts';

export type ValueLink = { pk: number; kind: string; value: string };
type BatchValue = { kind: string; value: string; n: number };

const keyOf = (kind: string, value: string) => `${kind}\u0000${value}`;

/** Interns values or raises their counts, in one upsert; returns their ids. */
async function upsertValues(tx: Tx, values: BatchValue[], ids: Map<string, number>): Promise<void> {
  if (values.length === 0) {
    return;
  }
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
    ids.set(keyOf(row.kind, row.value), row.id);
  }
}

export async function linkBatchValues(tx: Tx, links: ValueLink[]): Promise<void> {
  if (links.length === 0) {
    return;
  }
  const perValue = new Map<string, BatchValue>();
  for (const l of links) {
    const key = keyOf(l.kind, l.value);
    const entry = perValue.get(key);
    if (entry) {
      entry.n += 1;
    } else {
      perValue.set(key, { kind: l.kind, value: l.value, n: 1 });
    }
  }
  // Sorted so concurrent batches lock value rows in the same order (no deadlock between them).
  const values = [...perValue.values()].sort((a, b) =>
    a.kind === b.kind ? (a.value < b.value ? -1 : a.value > b.value ? 1 : 0) : a.kind < b.kind ? -1 : 1,
  );
  const ids = new Map<string, number>();
  await upsertValues(tx, values, ids);
  await copyBinaryRows(tx, 'intel_object_values', ['value_id', 'object_pk'], links.length, (i, w) => {
    const l = links[i] as ValueLink;
    w.int8Field(ids.get(keyOf(l.kind, l.value)) as number);
    w.int8Field(l.pk);
  });
}

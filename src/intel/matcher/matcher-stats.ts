// Size accounting of the index: live entries, entries waiting in the delta, and the bytes held by the
// typed arrays of the base and delta tables (and of a delta frozen during a background rebuild) (what "memory per million indicators" is computed from).

export type FamilyStats = { entries: number; pending: number; bytes: number };

type Layers = {
  size: number;
  pendingCount: number;
  base: object | undefined;
  frozen: object | undefined;
  delta: object | undefined;
};

export function familyMemory(family: Layers): FamilyStats {
  return {
    entries: family.size,
    pending: family.pendingCount,
    bytes: tableBytes(family.base) + tableBytes(family.frozen) + tableBytes(family.delta),
  };
}

function tableBytes(table: object | undefined): number {
  let bytes = 0;
  for (const value of Object.values(table ?? {})) {
    if (ArrayBuffer.isView(value)) {
      bytes += value.byteLength;
    } else if (value !== null && typeof value === 'object') {
      bytes += tableBytes(value as object);
    }
  }
  return bytes;
}

// What the API, CLI and web show of a routing run.
import type { RunRow } from './routing-store.ts';

export type RunView = {
  id: string;
  name: string;
  source: { kind: RunRow['source_kind']; ref: string | null };
  organisationId: string;
  createdBy: string | null;
  createdAt: string;
  dataVersions: Record<string, string>;
  counts: Record<string, number>;
  invalidLines?: { line: number; text: string }[];
  notFound?: string[];
};

export function presentRun(
  row: RunRow,
  extra: { invalidLines?: { line: number; text: string }[]; notFound?: string[] } = {},
): RunView {
  return {
    id: row.id,
    name: row.name,
    source: { kind: row.source_kind, ref: row.source_ref },
    organisationId: row.organisation_id,
    createdBy: row.created_by,
    createdAt: new Date(row.created_at).toISOString(),
    dataVersions: row.data_versions,
    counts: row.counts,
    ...extra,
  };
}

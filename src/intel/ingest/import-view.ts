// What the API and the import page show of an import: the file, its job's status and progress, and
// the counts of what its committed batches did.
import type { Tlp } from '../../platform/access/tlp-policy.ts';
import type { JobRow } from '../../platform/jobs/store.ts';

export const IMPORT_FORMATS = ['stix', 'misp', 'csv'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

export type ImportStatus = 'queued' | 'running' | 'succeeded' | 'failed';

export type ImportView = {
  id: string;
  jobId: string | null;
  format: ImportFormat;
  preset: string | null;
  fileName: string;
  bytes: number;
  tlp: Tlp | null;
  status: ImportStatus;
  progress: { done: number; total: number | null; message: string | null };
  counts: { added: number; newVersion: number; olderVersion: number; duplicate: number; rejected: number };
  createdAt: string;
  finishedAt: string | null;
  error: string | null;
};

export type ImportRow = {
  id: string;
  job_id: string | null;
  organisation_id: string;
  created_by: string | null;
  format: ImportFormat;
  preset: string | null;
  file_name: string;
  file_path: string;
  bytes: number;
  tlp: Tlp | null;
  audience_organisation_ids: string[];
  committed_position: number;
  committed_records: number;
  added: number;
  new_version: number;
  older_version: number;
  duplicate: number;
  rejected: number;
  created_at: string;
};

function statusOf(job: JobRow | undefined): ImportStatus {
  switch (job?.status) {
    case undefined:
    case 'queued':
      return 'queued';
    case 'running':
      return 'running';
    case 'succeeded':
      return 'succeeded';
    case 'failed':
    case 'cancelled':
      return 'failed';
  }
}

export function presentImport(row: ImportRow, job: JobRow | undefined): ImportView {
  return {
    id: row.id,
    jobId: row.job_id,
    format: row.format,
    preset: row.preset,
    fileName: row.file_name,
    bytes: row.bytes,
    tlp: row.tlp,
    status: statusOf(job),
    progress: {
      done: job?.progress_done ?? row.committed_position,
      // MISP progress counts records, whose total is known only once the file is parsed.
      total: job?.progress_total ?? (row.format === 'misp' ? null : row.bytes),
      message: job?.progress_message ?? null,
    },
    counts: {
      added: row.added,
      newVersion: row.new_version,
      olderVersion: row.older_version,
      duplicate: row.duplicate,
      rejected: row.rejected,
    },
    createdAt: row.created_at,
    finishedAt: job?.finished_at ?? null,
    error: job?.status === 'failed' ? job.error : null,
  };
}

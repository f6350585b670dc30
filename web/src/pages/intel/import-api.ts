// The import API of the INGEST side (contract: POST/GET /api/v1/intel/imports, rejections paged by
// cursor). ImportView mirrors src/intel/ingest/import-view.ts field for field.
import { ApiError, writeHeaders, type ErrorDetail } from '../../api/client.ts';
import { queryString } from './intel-api.ts';
import type { Tlp } from './intel-api.ts';

export const IMPORT_FORMATS = ['stix', 'misp', 'csv'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];
// The CSV presets of src/intel/ingest/csv-mapping.ts (CSV_PRESETS).
export const CSV_PRESETS = ['plain', 'ip', 'domain', 'url', 'hash', 'feodo', 'urlhaus', 'threatfox'] as const;

export type ImportView = {
  id: string;
  jobId: string | null;
  format: ImportFormat;
  preset: string | null;
  fileName: string;
  bytes: number;
  tlp: Tlp | null;
  status: 'queued' | 'running' | 'succeeded' | 'failed';
  progress: { done: number; total: number | null; message: string | null };
  counts: { added: number; newVersion: number; olderVersion: number; duplicate: number; rejected: number };
  createdAt: string;
  finishedAt: string | null;
  error: string | null;
};
export type Rejection = { locator: string; reason: string; code: string };

export type ImportRequest = {
  file: File;
  format: ImportFormat;
  preset?: string | undefined;
  tlp?: string | undefined;
  audience: string[];
};

/** Sends the file as the raw body (streamed by the browser, never read into a string here). */
export async function startImport(r: ImportRequest): Promise<ImportView> {
  const query = queryString({
    format: r.format,
    preset: r.format === 'csv' ? r.preset : undefined,
    tlp: r.tlp,
    audience: r.audience.length ? r.audience.join(',') : undefined,
    name: r.file.name,
  });
  let res: Response;
  try {
    res = await fetch(`/api/v1/intel/imports${query}`, {
      method: 'POST',
      headers: { accept: 'application/json', 'content-type': 'application/octet-stream', ...writeHeaders() },
      credentials: 'same-origin',
      body: r.file,
    });
  } catch {
    throw new ApiError(0, 'NETWORK', 'network error');
  }
  const data = (await res.json().catch(() => ({}))) as {
    import?: ImportView;
    error?: { code: string; message: string; details?: ErrorDetail[] };
  };
  if (!res.ok || !data.import) {
    throw new ApiError(
      res.status,
      data.error?.code ?? 'INTERNAL',
      data.error?.message ?? res.statusText,
      data.error?.details ?? [],
    );
  }
  return data.import;
}

/** A guess of the format from the file name, which the user can correct. */
export function guessFormat(name: string): ImportFormat {
  const lower = name.toLowerCase();
  if (/\.(csv|txt|tsv|list)$/.test(lower)) {
    return 'csv';
  }
  return /misp/.test(lower) ? 'misp' : 'stix';
}

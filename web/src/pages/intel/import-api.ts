// The import API of the ingest side (POST/GET /api/v1/intel/imports, rejections paged by cursor), with
// its types from src/intel/ingest/import-view.ts.
import { ApiError, writeHeaders, type ErrorDetail } from '../../api/client.ts';
import { queryString } from './intel-api.ts';
import type { ImportFormat, ImportView } from '../../../../src/intel/ingest/import-view.ts';

export {
  IMPORT_FORMATS,
  type ImportFormat,
  type ImportView,
} from '../../../../src/intel/ingest/import-view.ts';
// The preset names of src/intel/ingest/csv-mapping.ts (a unit test keeps them equal; that module
// itself is server code and stays out of the bundle).
export const CSV_PRESETS = ['plain', 'ip', 'domain', 'url', 'hash', 'feodo', 'urlhaus', 'threatfox'] as const;
export type Rejection = { locator: string; reason: string; code: string };

export type ImportRequest = {
  file: File;
  format: ImportFormat;
  preset?: string | undefined;
  tlp?: string | undefined;
  /** The producing organisation, for a member of several; the server takes the only one otherwise. */
  organisation?: string | undefined;
  audience: string[];
};

/** Sends the file as the raw body (streamed by the browser, never read into a string here). */
export async function startImport(r: ImportRequest): Promise<ImportView> {
  const query = queryString({
    format: r.format,
    preset: r.format === 'csv' ? r.preset : undefined,
    tlp: r.tlp,
    audience: r.audience.length ? r.audience.join(',') : undefined,
    organisation: r.organisation,
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

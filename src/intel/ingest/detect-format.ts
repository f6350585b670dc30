// Guesses the format of an import from its first bytes (STIX bundle, MISP JSON or a CSV/text
// feed) and, for CSV, the preset from its header comments. Binary files are refused here.
import { open } from 'node:fs/promises';
import { AppError } from '../../platform/errors/app-error.ts';
import { looksBinary } from './csv-source.ts';
import type { ImportFormat } from './import-view.ts';

const SNIFF_BYTES = 64 * 1024;

export async function readHead(path: string, bytes = SNIFF_BYTES): Promise<string> {
  const file = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(bytes);
    const { bytesRead } = await file.read(buffer, 0, bytes, 0);
    return buffer.subarray(0, bytesRead).toString('utf8');
  } finally {
    await file.close();
  }
}

/** The format of a file from its head, or an error saying why it cannot tell. */
export function detectFormat(head: string): ImportFormat {
  const text = head.replace(/^\ufeff/, '').trimStart();
  if (text === '') {
    throw new AppError('INTEL_IMPORT_FORMAT_UNKNOWN', 'the file is empty');
  }
  if (text.startsWith('{') || text.startsWith('[')) {
    if (/"(Event|response)"\s*:/.test(text)) {
      return 'misp';
    }
    if (/"type"\s*:\s*"bundle"/.test(text) || /"objects"\s*:\s*\[/.test(text)) {
      return 'stix';
    }
    throw new AppError(
      'INTEL_IMPORT_FORMAT_UNKNOWN',
      'JSON that is neither a STIX bundle ("type": "bundle") nor MISP JSON ("Event"); give the format',
    );
  }
  // The head may end inside a multi-byte character: only its last character can be a false U+FFFD.
  if (looksBinary(text.slice(0, -1))) {
    throw new AppError(
      'INTEL_IMPORT_FORMAT_UNKNOWN',
      'the file looks binary: not STIX, MISP JSON or a text feed',
    );
  }
  return 'csv';
}

/** The CSV preset an abuse.ch export announces in its header, else the plain list preset. */
export function detectCsvPreset(head: string): string {
  const top = head.slice(0, 8192).toLowerCase();
  if (top.includes('ioc_value')) {
    return 'threatfox';
  }
  if (top.includes('dst_ip')) {
    return 'feodo';
  }
  if (top.includes('urlhaus') || /dateadded\s*,\s*url/.test(top)) {
    return 'urlhaus';
  }
  return 'plain';
}

// One record read from an import file: an object to ingest or a rejection found while reading,
// each with where it was (for the report) and the position to resume after it.
import type { RejectionCode } from './prepare-object.ts';

export type RecordContent =
  | { kind: 'object'; object: unknown; locator: string }
  | { kind: 'rejection'; locator: string; reason: string; code: RejectionCode };

/**
 * `position`: where reading resumes after this record (byte offset, or record number for MISP);
 * `ordinal`: its number (object index + 1, or CSV line number), kept to number the next records.
 */
export type ImportRecord = RecordContent & { position: number; ordinal: number };

/** Where a source starts: the committed position (byte offset or record number) and records read. */
export type ResumePoint = { position: number; records: number };

// The contract of the ingest core: what a caller (import job, TAXII POST, feed pull, demo) passes
// in and what it learns back about each object of the batch.
import type { Tlp } from '../../platform/access/tlp-policy.ts';

export type IngestSourceKind = 'api' | 'file' | 'taxii' | 'feed' | 'demo';

export type IngestOptions = {
  producerOrganisationId: string;
  authorUserId: string | null;
  /** TLP of unmarked objects; without it, the producer organisation's default (AMBER if unset). */
  defaultTlp?: Tlp;
  audienceOrganisationIds?: string[];
  audienceUserIds?: string[];
  source: { kind: IngestSourceKind; ref?: string };
};

export const INGEST_OUTCOMES = ['added', 'new-version', 'older-version', 'duplicate', 'rejected'] as const;
export type IngestOutcome = (typeof INGEST_OUTCOMES)[number];

export type IngestObjectResult = {
  index: number;
  locator: string;
  id?: string;
  version?: string;
  outcome: IngestOutcome;
  reason?: string;
  /** For rejections: the error code of docs/errors.md (INTEL_OBJECT_INVALID, INTEL_PATTERN_INVALID…). */
  code?: string;
};

export type IngestBatchResult = {
  results: IngestObjectResult[];
  counts: Record<IngestOutcome, number>;
  /** The largest intel_objects.pk this batch wrote (the payload of the accord_intel_written signal). */
  maxPk: number | null;
  /** The intel_objects.pk of every row this batch wrote (new objects and versions), ascending. */
  pks: number[];
  /**
   * The pks of the stored latest objects the batch's duplicates matched (the same id, or the holder of
   * the same pattern or value), ascending: what a feed imported again still reports.
   */
  matchedPks: number[];
};

export function emptyCounts(): Record<IngestOutcome, number> {
  return { added: 0, 'new-version': 0, 'older-version': 0, duplicate: 0, rejected: 0 };
}

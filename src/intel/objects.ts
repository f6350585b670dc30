// Reading the intel store as an actor: search, one object with its relationships, sightings and
// correlations. Every read goes through the TLP predicate and correlations and relationships show
// only pairs the actor may see on both sides.
import type { Ctx } from '../platform/context.ts';
import type { Actor } from '../platform/access/policy.ts';
import { AppError } from '../platform/errors/app-error.ts';
import type { Tlp } from '../platform/access/tlp-policy.ts';
import { findCorrelations, findVisibleObject } from './store.ts';
import { searchObjectList, type ObjectListRow, type ObjectSearchFilter } from './object-search-store.ts';
import {
  findOrganisation,
  findRelationships,
  findReportsContaining,
  findSightingsOfObject,
  findStixSightingsOf,
} from './object-links-store.ts';
import { normaliseDomain, normaliseIPv4, normaliseIPv6, normaliseUrl } from './stix/normalise.ts';

export type ObjectSummary = {
  id: string;
  type: string;
  name: string | null;
  tlp: Tlp;
  modified: string;
  dateAdded: string;
  producerOrganisationId: string;
  producerName: string;
  producerCountry: string;
  labels: string[];
  revoked: boolean;
  validFrom: string | null;
  validUntil: string | null;
  cursor: number;
};

export function presentSummary(row: ObjectListRow): ObjectSummary {
  return {
    id: row.stix_id,
    type: row.type,
    name: row.name,
    tlp: row.tlp,
    modified: row.modified,
    dateAdded: row.date_added,
    producerOrganisationId: row.producer_organisation_id,
    producerName: row.producer_name,
    producerCountry: row.producer_country,
    labels: row.labels,
    revoked: row.revoked,
    validFrom: row.valid_from,
    validUntil: row.valid_until,
    cursor: row.pk,
  };
}

/** The forms a typed value may be stored under: as typed, lower case, and each kind's canonical text. */
export function valueForms(text: string): string[] {
  const t = text.trim();
  const forms = [t, t.toLowerCase(), normaliseIPv4(t), normaliseIPv6(t), normaliseDomain(t), normaliseUrl(t)];
  return [...new Set(forms.filter((f): f is string => Boolean(f)))];
}

/** A bare day as an upper bound means "through that day": the next midnight, exclusive. */
function endOfDay(until: string): string {
  return /^\d{4}-\d\d-\d\d$/.test(until)
    ? new Date(Date.parse(`${until}T00:00:00Z`) + 86_400_000).toISOString()
    : until;
}

export type SearchInput = Omit<ObjectSearchFilter, 'values'> & { value?: string | undefined };

export async function searchObjects(
  ctx: Ctx,
  actor: Actor,
  input: SearchInput,
): Promise<{ objects: ObjectSummary[]; next: number | null }> {
  const { value, ...filter } = input;
  const rows = await searchObjectList(ctx.db, actor, {
    ...filter,
    until: filter.until && endOfDay(filter.until),
    values: value ? valueForms(value) : undefined,
    limit: filter.limit + 1,
  });
  const page = rows.slice(0, filter.limit);
  return {
    objects: page.map(presentSummary),
    next: rows.length > filter.limit ? (page.at(-1)?.pk ?? null) : null,
  };
}

export type ObjectView = Awaited<ReturnType<typeof viewObject>>;

export async function viewObject(ctx: Ctx, actor: Actor, stixId: string) {
  const row = await findVisibleObject(ctx.db, actor, stixId);
  if (!row) {
    throw new AppError('INTEL_OBJECT_NOT_FOUND', `no object ${stixId} that you may see`);
  }
  const [producer, correlations, relationships, reports, valueSightings, stixSightings] = await Promise.all([
    findOrganisation(ctx.db, row.producer_organisation_id),
    findCorrelations(ctx.db, actor, row.pk),
    findRelationships(ctx.db, actor, row.stix_id),
    findReportsContaining(ctx.db, actor, row.stix_id),
    findSightingsOfObject(ctx.db, actor, row.pk),
    findStixSightingsOf(ctx.db, actor, row.stix_id),
  ]);
  const object = JSON.parse(row.raw) as Record<string, unknown>;
  return {
    summary: presentSummary({
      ...row,
      producer_name: producer?.name ?? '',
      producer_country: producer?.country ?? '',
      valid_from: typeof object.valid_from === 'string' ? object.valid_from : null,
      valid_until: typeof object.valid_until === 'string' ? object.valid_until : null,
    }),
    object,
    relationships: [...relationships, ...reports].map((r) => ({
      id: r.stix_id,
      relationshipType: r.relationship_type,
      direction: r.direction,
      other: { id: r.other_id, type: r.other_type, name: r.other_name, tlp: r.other_tlp },
    })),
    sightings: [...valueSightings, ...stixSightings].map((s) => ({
      value: s.value,
      sightingType: s.sighting_type,
      count: s.count,
      firstSeen: s.first_seen,
      lastSeen: s.last_seen,
      country: s.country,
      tlp: s.tlp,
    })),
    correlations: correlations.map((c) => ({
      kind: c.kind,
      value: c.value,
      id: c.stix_id,
      type: c.type,
      name: c.name,
      tlp: c.tlp,
      producerOrganisationId: c.producer_organisation_id,
      country: c.country,
    })),
  };
}

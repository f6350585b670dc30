// Reading the intel store as an actor: search, one object with its correlations. Every read goes
// through the TLP predicate (store) and correlations show only pairs the actor may see on both sides.
import type { Ctx } from '../platform/context.ts';
import type { Actor } from '../platform/access/policy.ts';
import { AppError } from '../platform/errors/app-error.ts';
import type { Tlp } from '../platform/access/tlp-policy.ts';
import {
  findCorrelations,
  findVisibleObject,
  searchVisibleObjects,
  type ObjectRow,
  type SearchFilter,
} from './store.ts';

export type ObjectSummary = {
  id: string;
  type: string;
  name: string | null;
  tlp: Tlp;
  modified: string;
  dateAdded: string;
  producerOrganisationId: string;
  labels: string[];
  revoked: boolean;
  cursor: number;
};

export function presentSummary(row: ObjectRow): ObjectSummary {
  return {
    id: row.stix_id,
    type: row.type,
    name: row.name,
    tlp: row.tlp,
    modified: row.modified,
    dateAdded: row.date_added,
    producerOrganisationId: row.producer_organisation_id,
    labels: row.labels,
    revoked: row.revoked,
    cursor: row.pk,
  };
}

export async function searchObjects(
  ctx: Ctx,
  actor: Actor,
  filter: SearchFilter,
): Promise<{ objects: ObjectSummary[]; next: number | null }> {
  const rows = await searchVisibleObjects(ctx.db, actor, { ...filter, limit: filter.limit + 1 });
  const page = rows.slice(0, filter.limit);
  return {
    objects: page.map(presentSummary),
    next: rows.length > filter.limit ? (page.at(-1)?.pk ?? null) : null,
  };
}

export async function viewObject(ctx: Ctx, actor: Actor, stixId: string) {
  const row = await findVisibleObject(ctx.db, actor, stixId);
  if (!row) {
    throw new AppError('INTEL_OBJECT_NOT_FOUND', `no object ${stixId} that you may see`);
  }
  const correlations = await findCorrelations(ctx.db, actor, row.pk);
  return {
    summary: presentSummary(row),
    object: JSON.parse(row.raw) as Record<string, unknown>,
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

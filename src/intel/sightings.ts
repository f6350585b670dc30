// Sightings: an organisation reports seeing a value (or a false positive, or its expiry). Values are
// normalised with the matcher's rules so a sighting meets the indicators and correlations it concerns.
import { z } from 'zod';
import type { Ctx, RequestMeta } from '../platform/context.ts';
import { decide, organisationIdsOf, type Actor } from '../platform/access/policy.ts';
import { TLP_LEVELS, type Tlp } from '../platform/access/tlp-policy.ts';
import { AppError } from '../platform/errors/app-error.ts';
import { parseInput } from '../platform/errors/parse-input.ts';
import { inTransaction } from '../platform/db/pool.ts';
import { appendAudit } from '../platform/audit/store.ts';
import { INDICATOR_KINDS } from './matcher/entry.ts';
import { normaliseValue } from './matcher/normalise.ts';
import { findSightings, insertSighting, sightingsByCountry } from './sightings-store.ts';

const timestamp = z.iso.datetime({ offset: true, error: 'must be an ISO 8601 timestamp' });
export const sightingInput = z.object({
  kind: z.enum(INDICATOR_KINDS),
  value: z.string().min(1).max(2048),
  type: z.enum(['sighting', 'false-positive', 'expiry']).default('sighting'),
  count: z.number().int().min(1).max(1_000_000_000).default(1),
  firstSeen: timestamp.optional(),
  lastSeen: timestamp.optional(),
  organisationId: z.uuid().optional(),
  country: z
    .string()
    .regex(/^[A-Z]{2}$/)
    .optional(),
  tlp: z.enum(TLP_LEVELS).default('amber'),
  audienceOrganisationIds: z.array(z.uuid()).max(500).default([]),
  source: z.string().max(200).optional(),
});

export async function reportSighting(
  ctx: Ctx,
  actor: Actor,
  raw: unknown,
  meta: RequestMeta = {},
): Promise<{ id: number; value: string }> {
  const input = parseInput(sightingInput, raw, 'sighting');
  const organisationId = input.organisationId ?? organisationIdsOf(actor, 'analyst')[0];
  const membership = actor.memberships.find((m) => m.organisationId === organisationId);
  const decision = organisationId
    ? decide(actor, { kind: 'write', organisationId })
    : { allowed: false as const, reason: 'you belong to no organisation that may report' };
  if (!decision.allowed || !membership) {
    throw new AppError(
      'FORBIDDEN',
      decision.allowed ? 'you are not a member of that organisation' : decision.reason,
    );
  }
  const value = normaliseValue(input.kind, input.value);
  if (value === undefined) {
    throw new AppError('VALIDATION_FAILED', `"${input.value}" is not a valid ${input.kind}`, [
      { path: 'value', reason: `not a valid ${input.kind}` },
    ]);
  }
  const now = ctx.now().toISOString();
  const lastSeen = input.lastSeen ?? now;
  const firstSeen = input.firstSeen ?? lastSeen;
  if (firstSeen > lastSeen) {
    throw new AppError('VALIDATION_FAILED', 'firstSeen must not be after lastSeen', [
      { path: 'firstSeen', reason: 'after lastSeen' },
    ]);
  }
  return inTransaction(ctx.db, async (tx) => {
    const id = await insertSighting(tx, {
      kind: input.kind,
      value,
      type: input.type,
      count: input.count,
      firstSeen,
      lastSeen,
      country: input.country ?? membership.country,
      producerOrganisationId: membership.organisationId,
      authorUserId: actor.userId,
      tlp: input.tlp,
      audienceOrganisationIds: input.audienceOrganisationIds,
      source: input.source ?? null,
    });
    await appendAudit(
      tx,
      {
        actorUserId: actor.userId,
        actorOrganisationId: membership.organisationId,
        action: 'intel.sighting',
        resourceType: 'intel-sighting',
        resourceId: String(id),
        summary: { kind: input.kind, value, type: input.type, count: input.count, tlp: input.tlp },
        requestId: meta.requestId ?? null,
      },
      ctx.now(),
    );
    return { id, value };
  });
}

export async function sightingsOf(
  ctx: Ctx,
  actor: Actor,
  kind: (typeof INDICATOR_KINDS)[number],
  rawValue: string,
) {
  const value = normaliseValue(kind, rawValue);
  if (value === undefined) {
    throw new AppError('VALIDATION_FAILED', `"${rawValue}" is not a valid ${kind}`, [
      { path: 'value', reason: `not a valid ${kind}` },
    ]);
  }
  const rows = await findSightings(ctx.db, actor, kind, value);
  const byType = { sighting: 0, 'false-positive': 0, expiry: 0 };
  rows.forEach((r) => (byType[r.type] += r.count));
  return {
    kind,
    value,
    byType,
    countries: [...new Set(rows.map((r) => r.country))].sort(),
    firstSeen: rows.map((r) => r.firstSeen).sort()[0] ?? null,
    lastSeen:
      rows
        .map((r) => r.lastSeen)
        .sort()
        .at(-1) ?? null,
    sightings: rows,
  };
}

export function sightingMap(ctx: Ctx, actor: Actor, since: string | undefined) {
  return sightingsByCountry(ctx.db, actor, since ?? null);
}

export type { Tlp };

// The snapshot part of `accord demo`: the demo CIRTs report the [Demo] threats of
// demo-snapshot-data.ts through the real ingest core (validation, TLP, dedupe, correlation), spread
// over six weeks, and report sightings in several countries that grow or fade day by day, so the
// global snapshot has correlations, a map, a timeline and rising threats to show. Loaded once.
import { createHash } from 'node:crypto';
import type { Ctx } from '../platform/context.ts';
import { inTransaction } from '../platform/db/pool.ts';
import { appendAudit } from '../platform/audit/store.ts';
import { actorOf } from '../platform/identity/present.ts';
import { findMemberships, findUserById } from '../platform/identity/store.ts';
import type { Actor } from '../platform/access/policy.ts';
import { ingestStixObjects } from './ingest/ingest-batch.ts';
import { insertSighting } from './sightings-store.ts';
import { normaliseValue } from './matcher/normalise.ts';
import { DEMO_THREATS, type DemoThreat } from './demo-snapshot-data.ts';

const DAY = 86_400_000;

/** A stable STIX id per threat and reporter, so the demo's objects are recognisable and never doubled. */
function demoId(type: string, seed: string): string {
  const h = createHash('sha256').update(`accord-demo-snapshot:${seed}`).digest('hex');
  return `${type}--${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

async function memberOf(ctx: Ctx, organisationName: string): Promise<Actor | undefined> {
  const r = await ctx.db.query<{ user_id: string }>(
    `SELECT m.user_id FROM memberships m JOIN organisations o ON o.id = m.organisation_id
      WHERE o.name = $1 AND m.role IN ('analyst', 'org-admin') ORDER BY m.role = 'analyst' DESC, m.created_at LIMIT 1`,
    [organisationName],
  );
  const userId = r.rows[0]?.user_id;
  const user = userId ? await findUserById(ctx.db, userId) : undefined;
  return user ? actorOf(user, await findMemberships(ctx.db, user.id), 'cli') : undefined;
}

function indicatorOf(threat: DemoThreat, by: string, created: Date) {
  const at = created.toISOString();
  return {
    type: 'indicator',
    spec_version: '2.1',
    id: demoId('indicator', `${threat.key}:${by}`),
    created: at,
    modified: at,
    name: threat.name,
    description: `${by} reports this demonstration indicator. Not a real threat.`,
    indicator_types: threat.indicatorTypes,
    pattern: threat.pattern,
    pattern_type: 'stix',
    valid_from: at,
    labels: [...threat.labels, 'demo'],
  };
}

export async function loadSnapshotDemo(ctx: Ctx): Promise<string[]> {
  const first = DEMO_THREATS[0];
  const marker = first && demoId('indicator', `${first.key}:${first.reports[0]?.by ?? ''}`);
  const done = await ctx.db.query('SELECT 1 FROM intel_objects WHERE stix_id = $1', [marker]);
  if (done.rows.length > 0) {
    return ['Snapshot: the [Demo] threat picture is already there.'];
  }
  // Dates count back from the start of today (UTC), so the default 30-day view shows most of it.
  const today = new Date(Math.floor(ctx.now().getTime() / DAY) * DAY);
  const byOrganisation = new Map<string, { tlp: string; object: Record<string, unknown> }[]>();
  for (const threat of DEMO_THREATS) {
    for (const report of threat.reports) {
      const created = new Date(today.getTime() - report.daysAgo * DAY + 9 * 3_600_000);
      const list = byOrganisation.get(report.by) ?? [];
      list.push({ tlp: report.tlp, object: indicatorOf(threat, report.by, created) });
      byOrganisation.set(report.by, list);
    }
  }
  let added = 0;
  for (const [organisation, objects] of byOrganisation) {
    const actor = await memberOf(ctx, organisation);
    const organisationId = actor?.memberships.find((m) => m.role !== 'reader')?.organisationId;
    if (!actor || !organisationId) {
      continue;
    }
    // One batch per TLP: the TLP is the batch's default for these unmarked objects.
    for (const tlp of ['clear', 'green', 'amber'] as const) {
      const batch = objects.filter((o) => o.tlp === tlp).map((o) => o.object);
      if (batch.length > 0) {
        const result = await ingestStixObjects(ctx, actor, batch, {
          producerOrganisationId: organisationId,
          authorUserId: actor.userId,
          defaultTlp: tlp,
          source: { kind: 'demo', ref: 'demo-snapshot' },
        });
        added += result.counts.added;
      }
    }
  }
  const sightings = await loadDemoSightings(ctx, today);
  return [
    `Snapshot: ${added} [Demo] indicators from ${byOrganisation.size} demo CIRTs over six weeks, ${sightings} daily [Demo] sightings in several countries (GREEN, one France-only AMBER lead).`,
  ];
}

async function loadDemoSightings(ctx: Ctx, today: Date): Promise<number> {
  let count = 0;
  for (const threat of DEMO_THREATS) {
    const value = demoValueOf(threat.pattern);
    for (const s of threat.sightings ?? []) {
      const actor = await memberOf(ctx, s.by);
      const membership = actor?.memberships.find((m) => m.role !== 'reader');
      if (!actor || !membership || !value) {
        continue;
      }
      await inTransaction(ctx.db, async (tx) => {
        for (let d = s.fromDaysAgo; d >= 0; d -= 1) {
          const day = new Date(today.getTime() - d * DAY);
          await insertSighting(tx, {
            kind: value.kind,
            value: value.value,
            type: 'sighting',
            count: Math.max(1, Math.round(s.perDay * s.growth ** (s.fromDaysAgo - d))),
            firstSeen: new Date(day.getTime() + 6 * 3_600_000).toISOString(),
            lastSeen: new Date(day.getTime() + 18 * 3_600_000).toISOString(),
            country: s.country,
            producerOrganisationId: membership.organisationId,
            authorUserId: actor.userId,
            tlp: 'green',
            audienceOrganisationIds: [],
            source: 'demo-snapshot',
          });
          count += 1;
        }
        await appendAudit(
          tx,
          {
            actorUserId: actor.userId,
            actorOrganisationId: membership.organisationId,
            action: 'intel.sighting',
            resourceType: 'intel-sighting',
            summary: { demo: true, value: value.value, days: s.fromDaysAgo + 1, country: s.country },
          },
          ctx.now(),
        );
      });
    }
  }
  return count;
}

/** The one value of a demo pattern, as the store interns it (the demo patterns are simple equalities). */
function demoValueOf(pattern: string): { kind: string; value: string } | undefined {
  const m = /^\[(ipv4-addr|domain-name|url):value = '([^']+)'\]$/.exec(pattern);
  if (!m) {
    return undefined;
  }
  const kind = m[1] === 'ipv4-addr' ? 'ipv4' : m[1] === 'domain-name' ? 'domain' : 'url';
  const value = normaliseValue(kind, m[2] ?? '');
  return value === undefined ? undefined : { kind, value };
}

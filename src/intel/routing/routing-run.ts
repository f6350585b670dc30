// A routing run: every value of the source gets a route decision (special-purpose never routed,
// country from both datasets, ASN, ccTLD for domains), then its responsible team(s) by the most
// specific constituency (range > domain > ASN > country), then one notification per team with what
// TLP lets it receive. The run, decisions, notifications, delivery jobs and audit entries are written
// in one transaction: a run lands whole or not at all.
import type { Ctx, RequestMeta } from '../../platform/context.ts';
import { decide, organisationIdsOf, type Actor } from '../../platform/access/policy.ts';
import { AppError } from '../../platform/errors/app-error.ts';
import { parseInput } from '../../platform/errors/parse-input.ts';
import { inTransaction, type Queryable } from '../../platform/db/pool.ts';
import { appendAudit } from '../../platform/audit/store.ts';
import { insertJob } from '../../platform/jobs/store.ts';
import { findConstituencyMatchesBatch, listCirts, type ConstituencyQuery } from '../cirts/cirt-store.ts';
import { domainCandidates, mostSpecific, type ConstituencyMatch } from '../cirts/precedence.ts';
import { insertNotifications } from '../notifications/notification-store.ts';
import { NOTIFICATION_DELIVERY_JOB, deliveryChannelsOf } from '../notifications/delivery-channels.ts';
import {
  openRoutingLookups,
  routeAddress,
  routeDomain,
  type RoutingDecision,
  type RoutingLookups,
} from './route-decision.ts';
import { gatherValues, type SourcedValue } from './routing-sources.ts';
import { insertDecisions, insertRun, type DecisionInsert } from './routing-store.ts';
import { planNotifications, type RoutedValue, type TeamInfo } from './notification-plan.ts';
import { routeRunInput } from './schemas.ts';
import { presentRun, type RunView } from './run-view.ts';

/** Delivery jobs of a run, enqueued in the run's transaction: none runs unless the run commits. */
async function insertJobs(tx: Queryable, jobs: Parameters<typeof insertJob>[1][]): Promise<void> {
  for (const job of jobs) {
    await insertJob(tx, job);
  }
}

let lookupsOnce: Promise<RoutingLookups> | undefined;
/** The IP data is loaded once per process (about a second) and shared by every run. */
export function sharedRoutingLookups(): Promise<RoutingLookups> {
  lookupsOnce ??= openRoutingLookups();
  return lookupsOnce;
}

export type RunProgress = (done: number, total: number) => void;

export function runOrganisation(actor: Actor, requested: string | undefined): string {
  const candidates = organisationIdsOf(actor, 'analyst');
  const organisationId = requested ?? (candidates.length === 1 ? candidates[0] : undefined);
  if (organisationId === undefined) {
    throw new AppError(
      'VALIDATION_FAILED',
      candidates.length === 0
        ? 'routing needs an analyst or administrator role in an organisation'
        : 'you belong to several organisations: say which one runs this campaign',
      [{ path: 'organisationId', reason: candidates.length === 0 ? 'no analyst role' : 'required' }],
    );
  }
  const decision = decide(actor, { kind: 'write', organisationId });
  if (!decision.allowed) {
    throw new AppError('FORBIDDEN', decision.reason);
  }
  return organisationId;
}

/** The network address of a block ("192.0.2.0/24" → "192.0.2.0"): what country and ASN are looked up for. */
function addressOf(value: string): string {
  const slash = value.indexOf('/');
  return slash < 0 ? value : value.slice(0, slash);
}

function decideRoute(lookups: RoutingLookups, v: SourcedValue): RoutingDecision {
  return v.kind === 'ip' ? routeAddress(lookups, addressOf(v.value)) : routeDomain(lookups, v.value);
}

/** The constituency questions for one value: one per country it routes to (two when the datasets disagree). */
function constituencyQueries(v: SourcedValue, d: RoutingDecision): ConstituencyQuery[] {
  // Special-purpose addresses are never routed, not even to a team that lists the block.
  if (d.specialPurpose) {
    return [];
  }
  const base = {
    ip: v.kind === 'ip' ? v.value : undefined,
    asn: d.asn?.asn,
    domainCandidates: v.kind === 'domain' ? domainCandidates(v.value) : undefined,
  };
  return (d.countries.length > 0 ? d.countries : [undefined]).map((country) => ({ ...base, country }));
}

const RESOLVE_CHUNK = 2000;

/** Responsible teams per value, the most specific per question, asked in chunks of one query each. */
async function resolveTeams(
  q: Queryable,
  perValue: ConstituencyQuery[][],
  onProgress?: RunProgress,
): Promise<ConstituencyMatch[][]> {
  const out: ConstituencyMatch[][] = [];
  for (let start = 0; start < perValue.length; start += RESOLVE_CHUNK) {
    const chunk = perValue.slice(start, start + RESOLVE_CHUNK);
    const answers = await findConstituencyMatchesBatch(q, chunk.flat());
    let at = 0;
    for (const queries of chunk) {
      const seen = new Set<string>();
      const matches = queries.flatMap((_, k) => mostSpecific(answers[at + k] ?? []));
      at += queries.length;
      out.push(matches.filter((m) => !seen.has(m.cirtId) && seen.add(m.cirtId)));
    }
    onProgress?.(Math.min(start + RESOLVE_CHUNK, perValue.length), perValue.length);
  }
  return out;
}

export async function createRoutingRun(
  ctx: Ctx,
  actor: Actor,
  raw: unknown,
  meta: RequestMeta = {},
  onProgress?: RunProgress,
): Promise<RunView> {
  const input = parseInput(routeRunInput, raw, 'routing run');
  const organisationId = runOrganisation(actor, input.organisationId);
  const lookups = await sharedRoutingLookups();
  return inTransaction(ctx.db, async (tx) => {
    const gathered = await gatherValues(tx, actor, organisationId, input.source);
    if (gathered.values.length === 0) {
      throw new AppError(
        'INTEL_ROUTING_NOTHING_TO_ROUTE',
        'the source holds no IP address, block or domain to route',
        [
          ...gathered.notFound
            .slice(0, 20)
            .map((id) => ({ path: 'source.ids', reason: `${id}: not found or not visible` })),
          ...gathered.invalidLines
            .slice(0, 20)
            .map((l) => ({ path: `line ${l.line}`, reason: 'not an address or domain' })),
        ],
      );
    }
    const teams = new Map<string, TeamInfo & { email: string | null; webhook: string | null }>(
      (await listCirts(tx, {})).map((c) => [
        c.id,
        {
          id: c.id,
          name: c.official_name,
          organisationId: c.organisation_id,
          country: c.country,
          email: c.notify_email,
          webhook: c.notify_webhook,
        },
      ]),
    );
    const decisions = gathered.values.map((v) => decideRoute(lookups, v));
    const teamMatches = await resolveTeams(
      tx,
      gathered.values.map((v, i) => constituencyQueries(v, decisions[i] as RoutingDecision)),
      onProgress,
    );
    const routed: RoutedValue[] = gathered.values.map((v, i) => {
      const d = decisions[i] as RoutingDecision;
      return {
        seq: i + 1,
        kind: v.kind,
        value: v.value,
        objectId: v.objectId,
        resource: v.resource,
        countries: d.countries,
        asn: d.asn?.asn ?? null,
        flags: [...d.flags, ...(v.value.includes('/') ? ['block'] : [])],
        matches: teamMatches[i] ?? [],
      };
    });
    const plan = planNotifications(actor, routed, teams);
    const rows: DecisionInsert[] = routed.map((r, i) => {
      const d = decisions[i] as RoutingDecision;
      const releases = plan.releases.get(r.seq) ?? [];
      return {
        kind: r.kind,
        value: r.value,
        objectStixId: r.objectId,
        tlp: r.resource.tlp,
        outcome: d.outcome,
        countries: d.countries,
        asn: r.asn,
        reason: d.reason,
        flags: r.flags,
        cirtIds: r.matches.map((m) => m.cirtId),
        chain: {
          route: { reason: d.reason, country: d.country ?? null, asn: d.asn ?? null, cctld: d.cctld ?? null },
          specialPurpose: d.specialPurpose ?? null,
          constituency: r.matches.map((m) => ({ cirtId: m.cirtId, via: m.via, detail: m.detail })),
          release: releases,
        },
        withheld: releases.filter((x) => !x.given).map((x) => ({ cirtId: x.cirtId, reason: x.why })),
      };
    });
    const counts = {
      values: rows.length,
      routed: rows.filter((r) => r.outcome === 'routed').length,
      notRouted: rows.filter((r) => r.outcome === 'not-routed').length,
      withoutTeam: rows.filter((r) => r.outcome === 'routed' && r.cirtIds.length === 0).length,
      notifications: plan.notifications.length,
      withheld: rows.reduce((n, r) => n + r.withheld.length, 0),
      invalidLines: gathered.invalidLines.length,
      notFound: gathered.notFound.length,
      objectsWithoutValues: gathered.withoutValues,
    };
    const now = ctx.now().toISOString();
    const run = await insertRun(tx, {
      name: input.name ?? `Routing of ${gathered.sourceRef ?? input.source.kind}`,
      source_kind: input.source.kind,
      source_ref: gathered.sourceRef,
      organisation_id: organisationId,
      created_by: actor.userId,
      data_versions: lookups.versions,
      counts,
      createdAt: now,
    });
    await insertDecisions(tx, run.id, rows);
    const channelsOf = (cirtId: string) => {
      const team = teams.get(cirtId);
      return team ? deliveryChannelsOf(team, ctx.config.smtpUrl !== undefined) : [];
    };
    const notificationIds = await insertNotifications(
      tx,
      run.id,
      now,
      plan.notifications.map((n) => ({
        cirtId: n.cirtId,
        tlp: n.tlp,
        items: n.items,
        status: channelsOf(n.cirtId).length > 0 ? 'pending' : 'inbox-only',
        channels: channelsOf(n.cirtId),
      })),
    );
    await insertJobs(
      tx,
      plan.notifications
        .filter((n) => channelsOf(n.cirtId).length > 0)
        .map((n) => ({
          kind: NOTIFICATION_DELIVERY_JOB,
          payload: { notificationId: notificationIds.get(n.cirtId) },
          createdBy: actor.userId,
          organisationId,
          now,
          maxAttempts: 5,
        })),
    );
    // Audit entries last: appending takes the chain's lock, held until commit, so it is held briefly.
    await appendAudit(
      tx,
      {
        actorUserId: actor.userId,
        actorOrganisationId: organisationId,
        action: 'routing.run',
        resourceType: 'routing-run',
        resourceId: run.id,
        summary: { source: input.source.kind, sourceRef: gathered.sourceRef, counts, data: lookups.versions },
        requestId: meta.requestId ?? null,
      },
      ctx.now(),
    );
    for (const n of plan.notifications) {
      const team = teams.get(n.cirtId);
      const id = notificationIds.get(n.cirtId) as string;
      const channels = channelsOf(n.cirtId);
      // Why this team got what: per value, the route, the constituency entry and the TLP rule.
      await appendAudit(
        tx,
        {
          actorUserId: actor.userId,
          actorOrganisationId: organisationId,
          action: 'notification.create',
          resourceType: 'notification',
          resourceId: id,
          summary: {
            runId: run.id,
            cirt: team?.name ?? n.cirtId,
            tlp: n.tlp,
            items: n.items.length,
            channels,
            chain: n.items.slice(0, 200).map((item) => {
              const release = plan.releases.get(item.seq)?.find((x) => x.cirtId === n.cirtId);
              // Audit readers (administrators) get no TLP exception: AMBER values are named by their
              // decision number in this run, whose row the access policy guards.
              const label =
                item.tlp === 'clear' || item.tlp === 'green'
                  ? item.value
                  : `#${item.seq} (TLP:${item.tlp.toUpperCase()})`;
              return `${label} → ${item.countries.join('+') || 'no country'}${item.asn ? ` AS${item.asn}` : ''} → ${item.via} ${item.detail} → ${release?.why ?? ''}`;
            }),
            chainTruncated: n.items.length > 200,
          },
          requestId: meta.requestId ?? null,
        },
        ctx.now(),
      );
    }
    // The audit log is read by administrators who may be outside an AMBER audience or a RED list.
    const withheld = rows.flatMap((r, i) =>
      r.withheld.map((w) => ({
        ...w,
        value: r.tlp === 'clear' || r.tlp === 'green' ? r.value : `#${i + 1} (TLP:${r.tlp.toUpperCase()})`,
      })),
    );
    if (withheld.length > 0) {
      await appendAudit(
        tx,
        {
          actorUserId: actor.userId,
          actorOrganisationId: organisationId,
          action: 'notification.withhold',
          resourceType: 'routing-run',
          resourceId: run.id,
          summary: {
            withheld: withheld
              .slice(0, 200)
              .map((w) => `${w.value} ✗ ${teams.get(w.cirtId)?.name ?? w.cirtId}: ${w.reason}`),
            total: withheld.length,
          },
          requestId: meta.requestId ?? null,
        },
        ctx.now(),
      );
    }
    return presentRun(run, { invalidLines: gathered.invalidLines, notFound: gathered.notFound });
  });
}

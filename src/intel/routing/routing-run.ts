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
import { insertJob } from '../../platform/jobs/store.ts';
import { listCirts } from '../cirts/cirt-store.ts';
import { insertNotifications } from '../notifications/notification-store.ts';
import { NOTIFICATION_DELIVERY_JOB, deliveryChannelsOf } from '../notifications/delivery-channels.ts';
import { openRoutingLookups, type RoutingDecision, type RoutingLookups } from './route-decision.ts';
import { checkImportSource, openRunSource } from './routing-sources.ts';
import { constituencyQueries, decideRoute, resolveTeams, type RunProgress } from './route-values.ts';
import { insertDecisions, insertRun, updateRunCounts, type DecisionInsert } from './routing-store.ts';
import {
  planNotifications,
  type RoutedValue,
  type TeamInfo,
  type TeamNotification,
} from './notification-plan.ts';
import { mostRestrictive } from './tlp-release.ts';
import { routeRunInput } from './schemas.ts';
import { presentRun, type RunView } from './run-view.ts';
import { AUDIT_LINES, appendRunAudit, auditLabel } from './run-audit.ts';

export type { RunProgress } from './route-values.ts';

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

/** Per team, what its notification lists so far, and the first audit chain lines of why. */
type TeamAccumulator = { items: TeamNotification['items']; chain: string[] };

export async function createRoutingRun(
  ctx: Ctx,
  actor: Actor,
  raw: unknown,
  meta: RequestMeta = {},
  onProgress?: RunProgress,
): Promise<RunView> {
  const input = parseInput(routeRunInput, raw, 'routing run');
  const organisationId = runOrganisation(actor, input.organisationId);
  const importName =
    input.source.kind === 'import' ? await checkImportSource(ctx, actor, input.source.importId) : undefined;
  const lookups = await sharedRoutingLookups();
  return inTransaction(ctx.db, async (tx) => {
    const source = await openRunSource(tx, actor, organisationId, input.source, importName);
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
    const now = ctx.now().toISOString();
    // The run is written first so each page's decisions go out as they are made; its counts last.
    const run = await insertRun(tx, {
      name: input.name ?? `Routing of ${source.sourceRef ?? input.source.kind}`,
      source_kind: input.source.kind,
      source_ref: source.sourceRef,
      organisation_id: organisationId,
      created_by: actor.userId,
      data_versions: lookups.versions,
      counts: {},
      createdAt: now,
    });
    const counts = {
      values: 0,
      routed: 0,
      notRouted: 0,
      withoutTeam: 0,
      notifications: 0,
      withheld: 0,
      invalidLines: source.invalidLines.length,
      notFound: source.notFound.length,
      objectsWithoutValues: 0,
    };
    const byTeam = new Map<string, TeamAccumulator>();
    const withheldLines: string[] = [];
    let unitsDone = 0;
    for await (const page of source.pages()) {
      const base = counts.values;
      const decisions = page.values.map((v) => decideRoute(lookups, v));
      const teamMatches = await resolveTeams(
        tx,
        page.values.map((v, i) => constituencyQueries(v, decisions[i] as RoutingDecision)),
        (done, total) => onProgress?.(unitsDone + Math.round((page.units * done) / total), source.total),
      );
      const routed: RoutedValue[] = page.values.map((v, i) => {
        const d = decisions[i] as RoutingDecision;
        return {
          seq: base + i + 1,
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
            route: {
              reason: d.reason,
              country: d.country ?? null,
              asn: d.asn ?? null,
              cctld: d.cctld ?? null,
            },
            specialPurpose: d.specialPurpose ?? null,
            constituency: r.matches.map((m) => ({ cirtId: m.cirtId, via: m.via, detail: m.detail })),
            release: releases,
          },
          withheld: releases.filter((x) => !x.given).map((x) => ({ cirtId: x.cirtId, reason: x.why })),
        };
      });
      await insertDecisions(tx, run.id, rows, base);
      for (const n of plan.notifications) {
        const acc = byTeam.get(n.cirtId) ?? { items: [], chain: [] };
        for (const item of n.items) {
          if (acc.chain.length < AUDIT_LINES) {
            // Why this team got this value: the route, the constituency entry and the TLP rule.
            const release = plan.releases.get(item.seq)?.find((x) => x.cirtId === n.cirtId);
            acc.chain.push(
              `${auditLabel(item.seq, item.value, item.tlp)} → ${item.countries.join('+') || 'no country'}${item.asn ? ` AS${item.asn}` : ''} → ${item.via} ${item.detail} → ${release?.why ?? ''}`,
            );
          }
          acc.items.push(item);
        }
        byTeam.set(n.cirtId, acc);
      }
      rows.forEach((r, i) => {
        counts.values += 1;
        counts.routed += r.outcome === 'routed' ? 1 : 0;
        counts.notRouted += r.outcome === 'not-routed' ? 1 : 0;
        counts.withoutTeam += r.outcome === 'routed' && r.cirtIds.length === 0 ? 1 : 0;
        counts.withheld += r.withheld.length;
        for (const w of r.withheld) {
          if (withheldLines.length < AUDIT_LINES) {
            withheldLines.push(
              `${auditLabel(base + i + 1, r.value, r.tlp)} ✗ ${teams.get(w.cirtId)?.name ?? w.cirtId}: ${w.reason}`,
            );
          }
        }
      });
      counts.objectsWithoutValues += page.withoutValues;
      unitsDone += page.units;
      onProgress?.(unitsDone, source.total);
    }
    if (counts.values === 0) {
      throw new AppError(
        'INTEL_ROUTING_NOTHING_TO_ROUTE',
        'the source holds no IP address, block or domain to route',
        [
          ...source.notFound
            .slice(0, 20)
            .map((id) => ({ path: 'source.ids', reason: `${id}: not found or not visible` })),
          ...source.invalidLines
            .slice(0, 20)
            .map((l) => ({ path: `line ${l.line}`, reason: 'not an address or domain' })),
        ],
      );
    }
    const notifications = [...byTeam].map(([cirtId, acc]) => ({
      cirtId,
      // RED is never released, so the most restrictive level of released items is at most AMBER+STRICT.
      tlp: mostRestrictive(acc.items.map((i) => i.tlp)) as TeamNotification['tlp'],
      items: acc.items,
      chain: acc.chain,
    }));
    counts.notifications = notifications.length;
    const saved = await updateRunCounts(tx, run.id, counts);
    const channelsOf = (cirtId: string) => {
      const team = teams.get(cirtId);
      return team ? deliveryChannelsOf(team, ctx.config.smtpUrl !== undefined) : [];
    };
    const notificationIds = await insertNotifications(
      tx,
      run.id,
      now,
      notifications.map((n) => ({
        cirtId: n.cirtId,
        tlp: n.tlp,
        items: n.items,
        status: channelsOf(n.cirtId).length > 0 ? 'pending' : 'inbox-only',
        channels: channelsOf(n.cirtId),
      })),
    );
    await insertJobs(
      tx,
      notifications
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
    await appendRunAudit(tx, ctx, meta, {
      actor,
      organisationId,
      runId: run.id,
      summary: { source: input.source.kind, sourceRef: source.sourceRef, counts, data: lookups.versions },
      notifications: notifications.map((n) => ({
        id: notificationIds.get(n.cirtId) ?? n.cirtId,
        cirt: teams.get(n.cirtId)?.name ?? n.cirtId,
        tlp: n.tlp,
        items: n.items.length,
        channels: channelsOf(n.cirtId),
        chain: n.chain,
      })),
      withheld: { lines: withheldLines, total: counts.withheld },
    });
    return presentRun(saved, { invalidLines: source.invalidLines, notFound: source.notFound });
  });
}

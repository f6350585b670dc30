// A coordinator's view of a routing run: per country the values, how many reached a team and how
// many were acknowledged; per team its notification's state; and the decisions page by page. Only the
// organisation that ran the campaign (and platform administrators) may see it: it lists every team's
// values, which the teams themselves only see in their own inbox.
import type { Ctx } from '../../platform/context.ts';
import { organisationIdsOf, type Actor } from '../../platform/access/policy.ts';
import { AppError } from '../../platform/errors/app-error.ts';
import { listNotificationsOfRun } from '../notifications/notification-store.ts';
import { presentNotification, type NotificationView } from '../notifications/notification-view.ts';
import {
  countryFigures,
  findRun,
  listRuns,
  pageDecisions,
  type CountryFigures,
  type DecisionRow,
  type RunRow,
} from './routing-store.ts';
import { presentRun, type RunView } from './run-view.ts';

function canSeeRun(actor: Actor, run: RunRow): boolean {
  return actor.isAdmin || organisationIdsOf(actor).includes(run.organisation_id);
}

async function visibleRun(ctx: Ctx, actor: Actor, id: string): Promise<RunRow> {
  const run = await findRun(ctx.db, id);
  if (!run || !canSeeRun(actor, run)) {
    throw new AppError('INTEL_ROUTING_RUN_NOT_FOUND', 'no routing run with that id that you may see');
  }
  return run;
}

export async function listRoutingRuns(ctx: Ctx, actor: Actor, limit = 100): Promise<RunView[]> {
  const rows = await listRuns(ctx.db, actor.isAdmin ? null : organisationIdsOf(actor), limit);
  return rows.map((r) => presentRun(r));
}

export type RoutingMap = { run: RunView; countries: CountryFigures[]; notifications: NotificationView[] };

export async function getRoutingMap(ctx: Ctx, actor: Actor, id: string): Promise<RoutingMap> {
  const run = await visibleRun(ctx, actor, id);
  const [countries, notifications] = await Promise.all([
    countryFigures(ctx.db, run.id),
    listNotificationsOfRun(ctx.db, run.id),
  ]);
  return { run: presentRun(run), countries, notifications: notifications.map((n) => presentNotification(n)) };
}

export type DecisionView = {
  seq: number;
  kind: DecisionRow['kind'];
  value: string;
  objectId: string | null;
  tlp: DecisionRow['tlp'];
  outcome: DecisionRow['outcome'];
  countries: string[];
  asn: number | null;
  reason: string;
  flags: string[];
  cirtIds: string[];
  withheld: DecisionRow['withheld'];
};

export async function listDecisions(
  ctx: Ctx,
  actor: Actor,
  id: string,
  page: { after: number; limit: number },
): Promise<{ decisions: DecisionView[]; next: number | null }> {
  const run = await visibleRun(ctx, actor, id);
  const rows = await pageDecisions(ctx.db, run.id, page.after, page.limit);
  return {
    decisions: rows.map((d) => ({
      seq: d.seq,
      kind: d.kind,
      // RED names people, not organisations: only the router who could see it sees the value again.
      ...(d.tlp === 'red' && actor.userId !== run.created_by
        ? { value: '(TLP:RED)', objectId: null }
        : { value: d.value, objectId: d.object_stix_id }),
      tlp: d.tlp,
      outcome: d.outcome,
      countries: d.countries,
      asn: d.asn === null ? null : Number(d.asn),
      reason: d.reason,
      flags: d.flags,
      cirtIds: d.cirt_ids,
      withheld: d.withheld,
    })),
    next: rows.length === page.limit ? (rows.at(-1)?.seq ?? null) : null,
  };
}

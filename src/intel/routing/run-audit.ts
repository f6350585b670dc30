// The audit entries of a routing run: `routing.run` (counts, data versions), one `notification.create`
// per team with the decision chain of each value, and `notification.withhold` listing what TLP kept
// from whom and why. Lines are capped, so a run of a million values writes bounded entries.
import type { Ctx, RequestMeta } from '../../platform/context.ts';
import type { Actor } from '../../platform/access/policy.ts';
import type { Tx } from '../../platform/db/pool.ts';
import { appendAudit } from '../../platform/audit/store.ts';

/** Chain and withheld lines kept per entry. */
export const AUDIT_LINES = 200;

/**
 * How a value is named in the audit log, which administrators read with no TLP exception: AMBER and
 * RED values by their decision number in the run, whose row the access policy guards.
 */
export function auditLabel(seq: number, value: string, tlp: string): string {
  return tlp === 'clear' || tlp === 'green' ? value : `#${seq} (TLP:${tlp.toUpperCase()})`;
}

export type RunAudit = {
  actor: Actor;
  organisationId: string;
  runId: string;
  summary: Record<string, unknown>;
  notifications: {
    id: string;
    cirt: string;
    tlp: string;
    items: number;
    channels: string[];
    /** Why the team got each value (the first AUDIT_LINES): route → constituency → TLP rule. */
    chain: string[];
  }[];
  withheld: { lines: string[]; total: number };
};

export async function appendRunAudit(tx: Tx, ctx: Ctx, meta: RequestMeta, a: RunAudit): Promise<void> {
  const entry = { actorUserId: a.actor.userId, actorOrganisationId: a.organisationId };
  const requestId = meta.requestId ?? null;
  await appendAudit(
    tx,
    {
      ...entry,
      action: 'routing.run',
      resourceType: 'routing-run',
      resourceId: a.runId,
      summary: a.summary,
      requestId,
    },
    ctx.now(),
  );
  for (const n of a.notifications) {
    await appendAudit(
      tx,
      {
        ...entry,
        action: 'notification.create',
        resourceType: 'notification',
        resourceId: n.id,
        summary: {
          runId: a.runId,
          cirt: n.cirt,
          tlp: n.tlp,
          items: n.items,
          channels: n.channels,
          chain: n.chain,
          chainTruncated: n.items > AUDIT_LINES,
        },
        requestId,
      },
      ctx.now(),
    );
  }
  if (a.withheld.total > 0) {
    await appendAudit(
      tx,
      {
        ...entry,
        action: 'notification.withhold',
        resourceType: 'routing-run',
        resourceId: a.runId,
        summary: { withheld: a.withheld.lines, total: a.withheld.total },
        requestId,
      },
      ctx.now(),
    );
  }
}

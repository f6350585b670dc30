// A CIRT's inbox: the notifications addressed to the teams its organisations run. A notification is
// seen by the receiving team's organisation and by the organisation that ran the campaign; no one
// else, platform administrators included (TLP gives administrators no exception).
import type { Ctx, RequestMeta } from '../../platform/context.ts';
import { hasRole, organisationIdsOf, type Actor } from '../../platform/access/policy.ts';
import { AppError } from '../../platform/errors/app-error.ts';
import { inTransaction } from '../../platform/db/pool.ts';
import { appendAudit } from '../../platform/audit/store.ts';
import {
  findItems,
  findNotification,
  listInbox,
  markAcknowledged,
  type NotificationRow,
} from './notification-store.ts';
import { presentNotification, type NotificationView } from './notification-view.ts';
import { itemsToCsv } from './items-csv.ts';

function isRecipient(actor: Actor, row: NotificationRow): boolean {
  return row.cirt_organisation_id !== null && organisationIdsOf(actor).includes(row.cirt_organisation_id);
}

async function visibleNotification(ctx: Ctx, actor: Actor, id: string): Promise<NotificationRow> {
  const row = await findNotification(ctx.db, id);
  if (!row || !(isRecipient(actor, row) || organisationIdsOf(actor).includes(row.run_organisation_id))) {
    throw new AppError('INTEL_NOTIFICATION_NOT_FOUND', 'no notification with that id in an inbox of yours');
  }
  return row;
}

export async function listMyInbox(
  ctx: Ctx,
  actor: Actor,
  filter: { unacknowledged?: boolean | undefined; limit?: number | undefined } = {},
): Promise<NotificationView[]> {
  const rows = await listInbox(ctx.db, organisationIdsOf(actor), {
    unacknowledged: filter.unacknowledged,
    limit: filter.limit ?? 200,
  });
  return rows.map((r) => presentNotification(r));
}

export async function getNotification(ctx: Ctx, actor: Actor, id: string): Promise<NotificationView> {
  const row = await visibleNotification(ctx, actor, id);
  return presentNotification(row, await findItems(ctx.db, row.id));
}

/** The receiving team acknowledges (analysts and administrators of its organisation); idempotent. */
export async function acknowledgeNotification(
  ctx: Ctx,
  actor: Actor,
  id: string,
  meta: RequestMeta = {},
): Promise<NotificationView> {
  const row = await visibleNotification(ctx, actor, id);
  if (!isRecipient(actor, row) || !hasRole(actor, row.cirt_organisation_id as string, 'analyst')) {
    throw new AppError('FORBIDDEN', 'only analysts of the receiving team may acknowledge a notification');
  }
  await inTransaction(ctx.db, async (tx) => {
    const changed = await markAcknowledged(tx, row.id, actor.userId, ctx.now().toISOString());
    if (changed) {
      await appendAudit(
        tx,
        {
          actorUserId: actor.userId,
          actorOrganisationId: row.cirt_organisation_id,
          action: 'notification.acknowledge',
          resourceType: 'notification',
          resourceId: row.id,
          summary: { runId: row.run_id, cirt: row.cirt_name, items: row.item_count },
          requestId: meta.requestId ?? null,
        },
        ctx.now(),
      );
    }
  });
  return getNotification(ctx, actor, id);
}

/** The notification's addresses as CSV, with its TLP in the file name so it travels with the file. */
export async function exportNotificationCsv(
  ctx: Ctx,
  actor: Actor,
  id: string,
  meta: RequestMeta = {},
): Promise<{ fileName: string; csv: string }> {
  const row = await visibleNotification(ctx, actor, id);
  const items = await findItems(ctx.db, row.id);
  await inTransaction(ctx.db, (tx) =>
    appendAudit(
      tx,
      {
        actorUserId: actor.userId,
        action: 'notification.export',
        resourceType: 'notification',
        resourceId: row.id,
        summary: { items: items.length, tlp: row.tlp },
        requestId: meta.requestId ?? null,
      },
      ctx.now(),
    ),
  );
  return {
    fileName: `accord-notification-${row.id.slice(0, 8)}-TLP-${row.tlp.toUpperCase().replace('+', '-')}.csv`,
    csv: itemsToCsv(items, row.tlp),
  };
}

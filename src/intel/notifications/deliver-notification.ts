// The delivery job: sends one notification by each channel its team set (e-mail, webhook). A channel
// that succeeded is saved in the job's checkpoint, so a retry after a failure of the other one does
// not send it twice; failures are thrown back to the job runner, which retries with back-off.
// E-mail is encrypted to the team's PGP key when it is usable now; without one it goes in clear, or
// not at all when the team requires encryption (the inbox is then the delivery).
import type { Ctx } from '../../platform/context.ts';
import type { JobContext } from '../../platform/jobs/runner.ts';
import { inTransaction } from '../../platform/db/pool.ts';
import { appendAudit } from '../../platform/audit/store.ts';
import { createOutboundFetch } from '../../platform/http/outbound-fetch.ts';
import {
  findItems,
  findNotification,
  recordDelivery,
  type EmailProtection,
  type NotificationItem,
} from './notification-store.ts';
import { usableEncryptionKey } from '../cirts/pgp-key.ts';
import { sendNotificationEmail } from './email-delivery.ts';
import { postNotificationWebhook, type OutgoingNotification } from './webhook-delivery.ts';
import type { DeliveryChannel } from './delivery-channels.ts';

type TeamSettings = {
  notify_email: string | null;
  notify_webhook: string | null;
  webhook_secret: string | null;
  pgp_public_key: string | null;
  require_encryption: boolean;
};

/** Encrypted to the team's key if it is usable now; else in clear, or withheld if the team says so. */
async function deliverEmail(
  ctx: Ctx,
  team: TeamSettings | undefined,
  outgoing: OutgoingNotification,
  items: readonly NotificationItem[],
): Promise<EmailProtection> {
  if (!ctx.config.smtpUrl || !team?.notify_email) {
    throw new Error('no SMTP server configured (ACCORD_SMTP_URL) or no address for the team');
  }
  const key = team.pgp_public_key ? await usableEncryptionKey(team.pgp_public_key, ctx.now()) : undefined;
  if (!key && team.require_encryption) {
    return 'withheld';
  }
  const sent = await sendNotificationEmail(
    ctx.config.smtpUrl,
    ctx.config.mailFrom,
    team.notify_email,
    outgoing,
    items,
    {
      encryptTo: key,
      now: ctx.now(),
    },
  );
  return sent.encrypted ? 'pgp' : 'plain';
}

export function createDeliveryHandler(ctx: Ctx) {
  // A team's editors set the webhook URL: each POST passes the outbound guard (SSRF).
  const outbound = createOutboundFetch({ allow: ctx.config.outboundAllow });
  return async (job: JobContext): Promise<Record<string, unknown>> => {
    const id = String(job.job.payload.notificationId);
    const row = await findNotification(ctx.db, id);
    if (!row) {
      return { skipped: 'the notification no longer exists' };
    }
    const team = (
      await ctx.db.query<TeamSettings>(
        `SELECT notify_email, notify_webhook, webhook_secret, pgp_public_key, require_encryption
           FROM cirts WHERE id = $1`,
        [row.cirt_id],
      )
    ).rows[0];
    const items = await findItems(ctx.db, id);
    const outgoing: OutgoingNotification = {
      id: row.id,
      tlp: row.tlp,
      run: { id: row.run_id, name: row.run_name },
      cirt: { id: row.cirt_id, name: row.cirt_name, country: row.cirt_country },
      createdAt: new Date(row.created_at).toISOString(),
    };
    const done = new Set((job.job.checkpoint?.delivered as DeliveryChannel[] | undefined) ?? []);
    let emailProtection = (job.job.checkpoint?.emailProtection as EmailProtection | undefined) ?? null;
    const errors: string[] = [];
    for (const channel of row.delivery_channels as DeliveryChannel[]) {
      if (done.has(channel)) {
        continue;
      }
      try {
        if (channel === 'email') {
          emailProtection = await deliverEmail(ctx, team, outgoing, items);
        } else {
          if (!team?.notify_webhook || !team.webhook_secret) {
            throw new Error('the team has no webhook URL or secret');
          }
          await postNotificationWebhook(team.notify_webhook, team.webhook_secret, outgoing, items, {
            timeoutMs: ctx.config.webhookTimeoutMs,
            now: ctx.now(),
            fetch: outbound,
          });
        }
        done.add(channel);
        await job.progress({
          done: done.size,
          total: row.delivery_channels.length,
          checkpoint: { delivered: [...done], ...(emailProtection ? { emailProtection } : {}) },
        });
      } catch (error) {
        errors.push(`${channel}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    const failed = errors.length > 0;
    const lastAttempt = job.job.attempts >= job.job.max_attempts;
    const status = !failed ? 'delivered' : lastAttempt ? 'failed' : 'retrying';
    await inTransaction(ctx.db, async (tx) => {
      await recordDelivery(tx, id, {
        status,
        error: failed ? errors.join('; ') : null,
        at: ctx.now().toISOString(),
        emailProtection,
      });
      await appendAudit(
        tx,
        {
          action: `notification.delivery.${status}`,
          resourceType: 'notification',
          resourceId: id,
          summary: {
            cirt: row.cirt_name,
            delivered: [...done],
            errors,
            attempt: job.job.attempts,
            ...(emailProtection ? { email: emailProtection } : {}),
          },
        },
        ctx.now(),
      );
    });
    if (failed) {
      throw new Error(errors.join('; '));
    }
    return { delivered: [...done], ...(emailProtection ? { email: emailProtection } : {}) };
  };
}

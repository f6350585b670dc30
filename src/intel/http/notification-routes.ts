// /api/v1/intel/notifications: a CIRT's inbox (list, one notification with its values, acknowledge,
// CSV export of the values).
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Ctx } from '../../platform/context.ts';
import { metaOf, requireAuth } from '../../platform/http/auth-hook.ts';
import {
  acknowledgeNotification,
  exportNotificationCsv,
  getNotification,
  listMyInbox,
} from '../notifications/inbox.ts';

const params = z.object({ id: z.string().max(64) });

export function notificationRoutes(ctx: Ctx): FastifyPluginAsync {
  return async (base) => {
    const app = base.withTypeProvider<ZodTypeProvider>();

    app.get(
      '/',
      {
        schema: {
          tags: ['notifications'],
          summary: "Your teams' inbox, newest first",
          querystring: z.object({
            unacknowledged: z
              .enum(['true', 'false'])
              .transform((v) => v === 'true')
              .optional(),
            limit: z.coerce.number().int().min(1).max(500).default(200),
          }),
        },
      },
      async (request) => ({
        notifications: await listMyInbox(ctx, requireAuth(request).actor, request.query),
      }),
    );

    app.get(
      '/:id',
      { schema: { tags: ['notifications'], summary: 'A notification with its values', params } },
      async (request) => ({
        notification: await getNotification(ctx, requireAuth(request).actor, request.params.id),
      }),
    );

    app.post(
      '/:id/acknowledge',
      { schema: { tags: ['notifications'], summary: 'The receiving team acknowledges it', params } },
      async (request) => ({
        notification: await acknowledgeNotification(
          ctx,
          requireAuth(request).actor,
          request.params.id,
          metaOf(request),
        ),
      }),
    );

    app.get(
      '/:id/export.csv',
      { schema: { tags: ['notifications'], summary: "The notification's values as CSV", params } },
      async (request, reply) => {
        const file = await exportNotificationCsv(
          ctx,
          requireAuth(request).actor,
          request.params.id,
          metaOf(request),
        );
        void reply.header('content-disposition', `attachment; filename="${file.fileName}"`);
        void reply.header('content-type', 'text/csv; charset=utf-8');
        return reply.send(file.csv);
      },
    );
  };
}

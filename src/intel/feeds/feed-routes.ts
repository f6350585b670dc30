// /api/v1/intel/feeds: TAXII feeds of your organisations with their last run; administrators add
// them, analysts run them now (the scheduler in `serve` runs them every interval).
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Ctx } from '../../platform/context.ts';
import { metaOf, requireAuth } from '../../platform/http/auth-hook.ts';
import {
  createFeed,
  createFeedInput,
  getFeed,
  listFeeds,
  runFeedNow,
  updateFeed,
  updateFeedInput,
} from './feeds.ts';

export function feedRoutes(ctx: Ctx): FastifyPluginAsync {
  return async (base) => {
    const app = base.withTypeProvider<ZodTypeProvider>();
    const params = z.object({ id: z.uuid() });

    app.get(
      '/',
      {
        schema: {
          tags: ['taxii'],
          summary: "Your organisations' TAXII feeds, with last run, counts and error",
        },
      },
      async (request) => ({ feeds: await listFeeds(ctx, requireAuth(request).actor) }),
    );

    app.get('/:id', { schema: { tags: ['taxii'], summary: 'One feed', params } }, async (request) => ({
      feed: await getFeed(ctx, requireAuth(request).actor, request.params.id),
    }));

    app.post(
      '/',
      {
        schema: {
          tags: ['taxii'],
          summary:
            'Add a feed (administrators of its organisation); the secret is stored encrypted, never shown',
          body: createFeedInput,
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send({ feed: await createFeed(ctx, requireAuth(request).actor, request.body, metaOf(request)) }),
    );

    app.patch(
      '/:id',
      {
        schema: {
          tags: ['taxii'],
          summary: 'Enable or disable a feed, change its interval, TLP or credentials (administrators)',
          params,
          body: updateFeedInput,
        },
      },
      async (request) => ({
        feed: await updateFeed(
          ctx,
          requireAuth(request).actor,
          request.params.id,
          request.body,
          metaOf(request),
        ),
      }),
    );

    app.post(
      '/:id/run',
      { schema: { tags: ['taxii'], summary: 'Queue a run of the feed now', params } },
      async (request, reply) =>
        reply.status(202).send({
          feed: await runFeedNow(ctx, requireAuth(request).actor, request.params.id, metaOf(request)),
        }),
    );
  };
}

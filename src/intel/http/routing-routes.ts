// /api/v1/intel/routing: routing runs (create, list), a run's map figures and its decisions, and the
// attribution the IP datasets' licences ask every page showing their results to carry.
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Ctx } from '../../platform/context.ts';
import { metaOf, requireAuth } from '../../platform/http/auth-hook.ts';
import { createRoutingRun } from '../routing/routing-run.ts';
import { enqueueRoutingRun } from '../routing/routing-job.ts';
import { getRoutingMap, listDecisions, listRoutingRuns } from '../routing/routing-map.ts';
import { MAX_LIST_BYTES, routeRunInput } from '../routing/schemas.ts';
import { PINNED_DATA_VERSION, ROUTING_ATTRIBUTIONS } from '../routing/data-sources.ts';

export function routingRoutes(ctx: Ctx): FastifyPluginAsync {
  return async (base) => {
    const app = base.withTypeProvider<ZodTypeProvider>();

    app.post(
      '/runs',
      {
        bodyLimit: MAX_LIST_BYTES + 64 * 1024,
        schema: {
          tags: ['routing'],
          summary:
            'Route objects, a collection or a list of addresses/domains to the responsible CIRTs and notify them; with async=true, as a job (202, follow it at /api/v1/jobs/:id; its result names the run)',
          querystring: z.object({ async: z.enum(['true', 'false']).default('false') }),
          body: routeRunInput,
        },
      },
      async (request, reply) => {
        const { actor } = requireAuth(request);
        if (request.query.async === 'true') {
          return reply
            .status(202)
            .send({ job: await enqueueRoutingRun(ctx, actor, request.body, metaOf(request)) });
        }
        const run = await createRoutingRun(ctx, actor, request.body, metaOf(request));
        return reply.status(201).send({ run });
      },
    );

    app.get(
      '/runs',
      {
        schema: {
          tags: ['routing'],
          summary: 'Routing runs of your organisations, newest first',
          querystring: z.object({ limit: z.coerce.number().int().min(1).max(500).default(100) }),
        },
      },
      async (request) => ({
        runs: await listRoutingRuns(ctx, requireAuth(request).actor, request.query.limit),
      }),
    );

    app.get(
      '/runs/:id',
      {
        schema: {
          tags: ['routing'],
          summary: 'A run with its per-country figures (values, notified, acknowledged) and notifications',
          params: z.object({ id: z.string().max(64) }),
        },
      },
      async (request) => getRoutingMap(ctx, requireAuth(request).actor, request.params.id),
    );

    app.get(
      '/runs/:id/decisions',
      {
        schema: {
          tags: ['routing'],
          summary: "A run's route decisions, page by page",
          params: z.object({ id: z.string().max(64) }),
          querystring: z.object({
            after: z.coerce.number().int().min(0).default(0),
            limit: z.coerce.number().int().min(1).max(1000).default(200),
          }),
        },
      },
      async (request) => listDecisions(ctx, requireAuth(request).actor, request.params.id, request.query),
    );

    app.get(
      '/attribution',
      { schema: { tags: ['routing'], summary: 'Licences and attribution of the IP datasets routing uses' } },
      async (request) => {
        requireAuth(request);
        return { dataVersion: PINNED_DATA_VERSION, attributions: ROUTING_ATTRIBUTIONS };
      },
    );
  };
}

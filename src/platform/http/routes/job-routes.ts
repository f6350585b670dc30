// /api/v1/jobs: long-running work (imports, pulls) and its progress, as the caller may see it.
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Ctx } from '../../context.ts';
import { getJob, listJobs } from '../../jobs/jobs.ts';
import { uuid } from '../../identity/schemas.ts';
import { requireAuth } from '../auth-hook.ts';

export function jobRoutes(ctx: Ctx): FastifyPluginAsync {
  return async (base) => {
    const app = base.withTypeProvider<ZodTypeProvider>();
    app.get(
      '/',
      {
        schema: {
          tags: ['jobs'],
          summary: 'Recent jobs of your organisations',
          querystring: z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) }),
        },
      },
      async (request) => ({ jobs: await listJobs(ctx, requireAuth(request).actor, request.query.limit) }),
    );
    app.get(
      '/:id',
      {
        schema: {
          tags: ['jobs'],
          summary: 'One job with its progress and result',
          params: z.object({ id: uuid }),
        },
      },
      async (request) => getJob(ctx, requireAuth(request).actor, request.params.id),
    );
  };
}

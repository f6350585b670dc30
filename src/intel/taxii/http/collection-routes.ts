// /api/v1/intel/collections/:id: one TAXII collection (rights, defaults) and its changes by the owning
// organisation's administrators. Listing and creating live beside the other intel routes (intel-routes.ts).
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Ctx } from '../../../platform/context.ts';
import { metaOf, requireAuth } from '../../../platform/http/auth-hook.ts';
import { getCollectionFor, updateCollection, updateCollectionInput } from '../../collections.ts';

export function collectionRoutes(ctx: Ctx): FastifyPluginAsync {
  return async (base) => {
    const app = base.withTypeProvider<ZodTypeProvider>();
    const params = z.object({ id: z.uuid() });

    app.get(
      '/:id',
      { schema: { tags: ['taxii'], summary: 'One collection with its rights and defaults', params } },
      async (request) => ({
        collection: await getCollectionFor(ctx, requireAuth(request).actor, request.params.id),
      }),
    );

    app.patch(
      '/:id',
      {
        schema: {
          tags: ['taxii'],
          summary: 'Change readers, writers, default TLP or audience (audited with before and after)',
          params,
          body: updateCollectionInput,
        },
      },
      async (request) => ({
        collection: await updateCollection(
          ctx,
          requireAuth(request).actor,
          request.params.id,
          request.body,
          metaOf(request),
        ),
      }),
    );
  };
}

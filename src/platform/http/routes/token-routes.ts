// /api/v1/tokens: the caller's API tokens. A new token's secret is returned once and never again.
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Ctx } from '../../context.ts';
import { createApiToken, listOwnTokens, revokeOwnToken } from '../../identity/tokens.ts';
import { createTokenInput, tokenView, uuid } from '../../identity/schemas.ts';
import { metaOf, requireAuth } from '../auth-hook.ts';

export function tokenRoutes(ctx: Ctx): FastifyPluginAsync {
  return async (base) => {
    const app = base.withTypeProvider<ZodTypeProvider>();
    app.get(
      '/',
      {
        schema: {
          tags: ['tokens'],
          summary: 'Your API tokens (without their secrets)',
          response: { 200: z.object({ tokens: z.array(tokenView) }) },
        },
      },
      async (request) => ({ tokens: await listOwnTokens(ctx, requireAuth(request).actor) }),
    );

    app.post(
      '/',
      {
        schema: {
          tags: ['tokens'],
          summary: 'Create an API token acting for one of your organisations',
          body: createTokenInput,
          response: { 201: z.object({ token: z.string(), tokenInfo: tokenView }) },
        },
      },
      async (request, reply) => {
        const { token, view } = await createApiToken(
          ctx,
          requireAuth(request).actor,
          request.body,
          metaOf(request),
        );
        return reply.status(201).send({ token, tokenInfo: view });
      },
    );

    app.delete(
      '/:id',
      {
        schema: { tags: ['tokens'], summary: 'Revoke one of your tokens', params: z.object({ id: uuid }) },
      },
      async (request, reply) => {
        await revokeOwnToken(ctx, requireAuth(request).actor, request.params.id, metaOf(request));
        return reply.status(204).send();
      },
    );
  };
}

// /api/v1/intel/cirts: the CIRT directory, its import from a Trusted Introducer export, and resolution.
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Ctx } from '../../platform/context.ts';
import { metaOf, requireAuth } from '../../platform/http/auth-hook.ts';
import {
  getCirt,
  importTrustedIntroducer,
  listDirectory,
  resolveResponsible,
  saveCirt,
  updateCirt,
} from '../cirts/directory.ts';
import { cirtInput } from '../cirts/schemas.ts';

export function cirtRoutes(ctx: Ctx): FastifyPluginAsync {
  return async (base) => {
    const app = base.withTypeProvider<ZodTypeProvider>();
    app.get(
      '/',
      {
        schema: {
          tags: ['cirts'],
          summary: 'The CIRT directory (every member may read it)',
          querystring: z.object({
            country: z
              .string()
              .regex(/^[A-Z]{2}$/)
              .optional(),
          }),
        },
      },
      async (request) => ({
        cirts: await listDirectory(ctx, requireAuth(request).actor, request.query.country),
      }),
    );

    app.post(
      '/',
      {
        schema: {
          tags: ['cirts'],
          summary: 'Add or update a team (matched on official name and country)',
          body: cirtInput,
        },
      },
      async (request, reply) => {
        const saved = await saveCirt(ctx, requireAuth(request).actor, request.body, metaOf(request));
        return reply.status(saved.created ? 201 : 200).send(saved);
      },
    );

    app.post(
      '/import',
      {
        bodyLimit: 32 * 1024 * 1024,
        schema: {
          tags: ['cirts'],
          summary: 'Import a Trusted Introducer-shaped JSON array; rejected teams are listed with reasons',
          body: z.array(z.unknown()),
        },
      },
      async (request) =>
        importTrustedIntroducer(ctx, requireAuth(request).actor, request.body, metaOf(request)),
    );

    app.get(
      '/resolve',
      {
        schema: {
          tags: ['cirts'],
          summary: 'Who is responsible: most specific range, then domain, ASN, country',
          querystring: z.object({
            ip: z.string().max(64).optional(),
            asn: z.coerce.number().int().positive().optional(),
            country: z
              .string()
              .regex(/^[A-Z]{2}$/)
              .optional(),
            domain: z.string().max(253).optional(),
          }),
        },
      },
      async (request) => {
        requireAuth(request);
        return resolveResponsible(ctx, request.query);
      },
    );

    app.get(
      '/:id',
      {
        schema: {
          tags: ['cirts'],
          summary: 'A team; its editors also see its delivery settings and webhook secret',
          params: z.object({ id: z.string().max(64) }),
        },
      },
      async (request) => ({ cirt: await getCirt(ctx, requireAuth(request).actor, request.params.id) }),
    );

    app.patch(
      '/:id',
      {
        schema: {
          tags: ['cirts'],
          summary: "Replace a team's entry (platform administrators, or its organisation's administrators)",
          params: z.object({ id: z.string().max(64) }),
          body: cirtInput,
        },
      },
      async (request) => ({
        cirt: await updateCirt(
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

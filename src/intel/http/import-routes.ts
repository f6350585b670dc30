// /api/v1/intel/imports: upload a STIX bundle, MISP JSON or CSV feed as the raw body (streamed to
// disk, never buffered), then follow the import's job and read its rejections.
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Readable } from 'node:stream';
import type { Ctx } from '../../platform/context.ts';
import { metaOf, requireAuth } from '../../platform/http/auth-hook.ts';
import { parseTlp } from '../tlp.ts';
import { IMPORT_FORMATS } from '../ingest/import-view.ts';
import { getImport, listImports, listRejections, uploadImport } from '../ingest/imports.ts';

const importQuery = z.object({
  format: z.enum(IMPORT_FORMATS).optional(),
  preset: z
    .string()
    .regex(/^[a-z0-9-]{1,40}$/, 'must be a CSV preset name')
    .optional(),
  columns: z.string().min(1).max(500).optional(),
  // "amber+strict" arrives as "amber strict" when the + is not escaped in the query string.
  tlp: z
    .string()
    .max(30)
    .transform((s, c) => {
      const tlp = parseTlp(s.replace(/ /g, '+'));
      if (tlp === undefined) {
        c.addIssue({ code: 'custom', message: 'must be clear, green, amber, amber+strict or red' });
        return z.NEVER;
      }
      return tlp;
    })
    .optional(),
  audience: z
    .string()
    .transform((s) => s.split(',').filter((id) => id !== ''))
    .pipe(z.array(z.uuid({ error: 'must be organisation ids separated by commas' })).max(100))
    .optional(),
  organisation: z.uuid().optional(),
  name: z.string().min(1).max(255).default('upload'),
});

export function importRoutes(ctx: Ctx): FastifyPluginAsync {
  return async (base) => {
    const app = base.withTypeProvider<ZodTypeProvider>();
    // Whatever the content type, the body is the file: streamed to disk with its own size limit.
    app.removeAllContentTypeParsers();
    app.addContentTypeParser('*', (_request, payload, done) => done(null, payload));

    app.post(
      '/',
      {
        schema: {
          tags: ['intel'],
          summary:
            'Import a STIX 2.1 bundle, MISP JSON or CSV feed sent as the raw body; answers 202 with the queued import',
          querystring: importQuery,
        },
      },
      async (request, reply) => {
        const { actor } = requireAuth(request);
        const q = request.query;
        const view = await uploadImport(
          ctx,
          actor,
          request.body as Readable,
          {
            organisationId: q.organisation,
            format: q.format,
            preset: q.preset,
            columns: q.columns,
            tlp: q.tlp,
            audience: q.audience,
            fileName: q.name,
            declaredBytes: request.headers['content-length']
              ? Number(request.headers['content-length'])
              : undefined,
          },
          metaOf(request),
        );
        return reply.status(202).send({ import: view });
      },
    );

    app.get(
      '/',
      {
        schema: {
          tags: ['intel'],
          summary: 'Imports you may see (yours and your organisations\u2019), newest first',
          querystring: z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) }),
        },
      },
      async (request) => ({
        imports: await listImports(ctx, requireAuth(request).actor, request.query.limit),
      }),
    );

    app.get(
      '/:id',
      {
        schema: {
          tags: ['intel'],
          summary: 'One import: status, progress and counts',
          params: z.object({ id: z.uuid() }),
        },
      },
      async (request) => ({ import: await getImport(ctx, requireAuth(request).actor, request.params.id) }),
    );

    app.get(
      '/:id/rejections',
      {
        schema: {
          tags: ['intel'],
          summary: 'Records an import rejected, with where they were (line, JSON path, byte) and why',
          params: z.object({ id: z.uuid() }),
          querystring: z.object({
            after: z
              .string()
              .regex(/^\d{1,18}$/, 'must be a cursor returned as next')
              .optional(),
            limit: z.coerce.number().int().min(1).max(1000).default(100),
          }),
        },
      },
      async (request) =>
        listRejections(
          ctx,
          requireAuth(request).actor,
          request.params.id,
          request.query.after,
          request.query.limit,
        ),
    );
  };
}

// /api/v1/intel/match: a JSON batch of observables, or a log streamed as the raw body answered with
// JSON lines (hits as found, then the summary); both filtered by the caller's TLP visibility, with
// optional sightings. Also the indicators the caller may see that cannot be matched, and why.
import { Readable } from 'node:stream';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Services } from '../../platform/services.ts';
import type { Actor } from '../../platform/access/policy.ts';
import { organisationIdsOf } from '../../platform/access/policy.ts';
import { AppError } from '../../platform/errors/app-error.ts';
import { requireAuth } from '../../platform/http/auth-hook.ts';
import { matchBatchInput, matchLogQuery, matchQuery } from '../matcher/match-schemas.ts';
import { matchLog, matchObservableBatch, type MatchRun } from '../matcher/match-run.ts';

/** Recording sightings writes for an organisation: refused up front, before any hit is streamed. */
function checkMayRecord(actor: Actor, record: 'sighting' | undefined): boolean {
  if (record && organisationIdsOf(actor, 'analyst').length === 0) {
    throw new AppError('FORBIDDEN', 'recording sightings needs the analyst role in an organisation');
  }
  return record === 'sighting';
}

async function* jsonLines(run: MatchRun): AsyncGenerator<string> {
  for await (const hit of run.hits) {
    yield `${JSON.stringify(hit)}\n`;
  }
  yield `${JSON.stringify({ summary: run.summary })}\n`;
}

export function matchRoutes(services: Services): FastifyPluginAsync {
  const { ctx } = services;
  return async (base) => {
    const app = base.withTypeProvider<ZodTypeProvider>();
    // A log upload is read as a stream, whatever its size: no body limit, no buffering.
    app.removeContentTypeParser(['text/plain']);
    app.addContentTypeParser('*', (_request, payload, done) => done(null, payload));

    app.post(
      '/',
      {
        schema: {
          tags: ['intel'],
          summary: 'Match a batch of observables against the indicators you may see',
          querystring: matchQuery,
          body: matchBatchInput,
        },
      },
      async (request) => {
        const { actor } = requireAuth(request);
        const record = checkMayRecord(actor, request.query.record);
        return matchObservableBatch(ctx, await services.matcher(), actor, request.body, {
          record,
          source: 'api match batch',
        });
      },
    );

    app.post(
      '/log',
      {
        schema: {
          tags: ['intel'],
          summary:
            'Match a log sent as the raw body (plain lines, CSV, JSON lines, Zeek, Suricata EVE); answers JSON lines: each hit, then {"summary":…}',
          querystring: matchLogQuery,
        },
      },
      async (request, reply) => {
        const { actor } = requireAuth(request);
        const record = checkMayRecord(actor, request.query.record);
        const body = request.body;
        if (!(body instanceof Readable)) {
          throw new AppError('VALIDATION_FAILED', 'send the log as the raw request body', [
            { path: 'body', reason: 'a text or binary body (not JSON)' },
          ]);
        }
        const run = matchLog(ctx, await services.matcher(), actor, body, {
          format: request.query.format,
          record,
          source: 'api match upload',
        });
        void reply.header('content-type', 'application/x-ndjson; charset=utf-8');
        return reply.send(Readable.from(jsonLines(run)));
      },
    );

    app.get(
      '/status',
      {
        schema: {
          tags: ['intel'],
          summary:
            'The matcher index: objects, values, unmatchable indicators, visibility classes, last store pk read (platform administrators)',
        },
      },
      async (request) => {
        if (!requireAuth(request).actor.isAdmin) {
          // Counts cover objects the caller may not see: only administrators get them.
          throw new AppError('FORBIDDEN', 'only a platform administrator may see the matcher status');
        }
        const service = await services.matcher();
        return { ...service.index.stats(), rebuilding: service.index.matcher.rebuilding };
      },
    );

    app.get(
      '/unmatchable',
      {
        schema: {
          tags: ['intel'],
          summary: 'Indicators you may see whose pattern cannot be matched value by value, with the reason',
        },
      },
      async (request) => {
        const service = await services.matcher();
        service.expire();
        return {
          indicators: service.index.unmatchableFor(requireAuth(request).actor).map((o) => ({
            id: o.stixId,
            name: o.name,
            tlp: o.tlp,
            reason: o.unmatchable!.reason,
            message: o.unmatchable!.message,
          })),
        };
      },
    );
  };
}

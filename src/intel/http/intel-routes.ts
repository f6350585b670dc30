// /api/v1/intel: search and view STIX objects (TLP-filtered), and manage TAXII collections.
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Ctx } from '../../platform/context.ts';
import { requireAuth, metaOf } from '../../platform/http/auth-hook.ts';
import { TLP_LEVELS, type Tlp } from '../../platform/access/tlp-policy.ts';
import { searchObjects, viewObject } from '../objects.ts';
import { createCollection, createCollectionInput } from '../collections.ts';
import { listCollections, rightsOn } from '../taxii/taxii-store.ts';
import { Readable } from 'node:stream';
import { exportCsv, exportStixBundle } from '../export.ts';
import { exportMispEvent } from '../export-misp.ts';

const EXPORT_TITLES = { stix: 'a STIX 2.1 bundle', csv: 'CSV', misp: 'a MISP event (core JSON)' } as const;
import { reportSighting, sightingInput, sightingMap, sightingsOf } from '../sightings.ts';
import { INDICATOR_KINDS } from '../matcher/entry.ts';
import { buildSnapshot, snapshotQuery } from '../snapshot.ts';
import { inTransaction } from '../../platform/db/pool.ts';
import { appendAudit } from '../../platform/audit/store.ts';

/** A comma-separated list whose every item matches `item`. */
const csv = (item: string, what: string) =>
  z
    .string()
    .regex(new RegExp(`^(${item})(,(${item}))*$`), `must be a comma-separated list of ${what}`)
    .transform((s) => s.split(','))
    .optional();

/** A day (YYYY-MM-DD, taken as 00:00 UTC) or a full ISO timestamp. */
const isoDateOrTime = z
  .union([z.iso.date(), z.iso.datetime({ offset: true })], {
    error: 'must be a date (YYYY-MM-DD) or an ISO timestamp',
  })
  .optional();

export function intelRoutes(ctx: Ctx): FastifyPluginAsync {
  return async (base) => {
    const app = base.withTypeProvider<ZodTypeProvider>();

    app.get(
      '/objects',
      {
        schema: {
          tags: ['intel'],
          summary:
            'Search the STIX objects you may see (latest versions), newest first, by type, TLP, text, value, producer country and period',
          querystring: z.object({
            type: csv('[a-z0-9-]+', 'STIX types'),
            tlp: csv(
              TLP_LEVELS.map((l) => l.replace('+', '\\+')).join('|'),
              'TLP levels (clear, green, amber, amber+strict, red)',
            ),
            q: z.string().max(200).optional(),
            country: csv('[A-Z]{2}', 'country codes'),
            value: z.string().min(1).max(2048).optional(),
            since: isoDateOrTime,
            until: isoDateOrTime,
            limit: z.coerce.number().int().min(1).max(500).default(50),
            after: z.coerce.number().int().positive().optional(),
          }),
        },
      },
      async (request) => {
        const q = request.query;
        return searchObjects(ctx, requireAuth(request).actor, {
          types: q.type,
          tlps: q.tlp as Tlp[] | undefined,
          text: q.q,
          producerCountries: q.country,
          value: q.value,
          since: q.since,
          until: q.until,
          limit: q.limit,
          afterPk: q.after,
        });
      },
    );

    app.get(
      '/objects/:id',
      {
        schema: {
          tags: ['intel'],
          summary: 'One object (raw STIX and summary) with its cross-organisation correlations',
          params: z.object({
            id: z.string().regex(/^[a-z0-9-]+--[0-9a-f-]{36}$/, 'must be a STIX identifier'),
          }),
        },
      },
      async (request) => viewObject(ctx, requireAuth(request).actor, request.params.id),
    );

    app.get(
      '/snapshot',
      {
        schema: {
          tags: ['intel'],
          summary:
            'The global snapshot of what you may see: values by reporting countries, activity per country, new and rising values, offences',
          querystring: snapshotQuery,
        },
      },
      async (request) => buildSnapshot(ctx, requireAuth(request).actor, request.query),
    );

    app.post(
      '/sightings',
      {
        schema: {
          tags: ['intel'],
          summary: 'Report that your organisation saw a value (or a false positive, or its expiry)',
          body: sightingInput,
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(await reportSighting(ctx, requireAuth(request).actor, request.body, metaOf(request))),
    );

    app.get(
      '/sightings',
      {
        schema: {
          tags: ['intel'],
          summary: 'Sightings of a value that you may see, with a summary',
          querystring: z.object({ kind: z.enum(INDICATOR_KINDS), value: z.string().min(1).max(2048) }),
        },
      },
      async (request) =>
        sightingsOf(ctx, requireAuth(request).actor, request.query.kind, request.query.value),
    );

    app.get(
      '/sightings/by-country',
      {
        schema: {
          tags: ['intel'],
          summary: 'Sightings you may see, per country (for the snapshot map)',
          querystring: z.object({ since: z.iso.datetime({ offset: true }).optional() }),
        },
      },
      async (request) => ({
        countries: await sightingMap(ctx, requireAuth(request).actor, request.query.since),
      }),
    );

    const exportQuery = z.object({
      type: csv('[a-z0-9-]+', 'STIX types'),
      tlp: csv(TLP_LEVELS.map((l) => l.replace('+', '\\+')).join('|'), 'TLP levels'),
      q: z.string().max(200).optional(),
      country: csv('[A-Z]{2}', 'country codes'),
    });
    for (const format of ['stix', 'csv', 'misp'] as const) {
      app.get(
        `/export.${format}`,
        {
          schema: {
            tags: ['intel'],
            summary: `Export what you may see as ${EXPORT_TITLES[format]} (streamed; audited)`,
            querystring: exportQuery,
          },
        },
        async (request, reply) => {
          const { actor } = requireAuth(request);
          const q = request.query;
          const filter = {
            types: q.type,
            tlps: q.tlp as Tlp[] | undefined,
            text: q.q,
            producerCountries: q.country,
          };
          // An export is a read, but a bulk one: who took what, and when, belongs in the audit log.
          await inTransaction(ctx.db, (tx) =>
            appendAudit(
              tx,
              {
                actorUserId: actor.userId,
                action: 'intel.export',
                resourceType: 'intel-objects',
                summary: { format, filter },
                requestId: request.id,
              },
              ctx.now(),
            ),
          );
          const stamp = ctx.now().toISOString().slice(0, 10);
          void reply.header(
            'content-disposition',
            `attachment; filename="accord-${stamp}${format === 'csv' ? '.csv' : format === 'misp' ? '-misp.json' : '.json'}"`,
          );
          void reply.header(
            'content-type',
            format === 'stix'
              ? 'application/stix+json;version=2.1'
              : format === 'misp'
                ? 'application/json'
                : 'text/csv; charset=utf-8',
          );
          return reply.send(
            Readable.from(
              format === 'stix'
                ? exportStixBundle(ctx, actor, filter)
                : format === 'misp'
                  ? exportMispEvent(ctx, actor, filter)
                  : exportCsv(ctx, actor, filter),
            ),
          );
        },
      );
    }

    app.get(
      '/collections',
      {
        schema: {
          tags: ['intel'],
          summary: 'TAXII collections you may read or write, with your rights',
          querystring: z.object({
            apiRoot: z
              .string()
              .regex(/^[a-z0-9-]{1,40}$/)
              .default('accord'),
          }),
        },
      },
      async (request) => {
        const { actor } = requireAuth(request);
        const rows = await listCollections(ctx.db, request.query.apiRoot);
        return {
          collections: rows
            .map((c) => ({ c, rights: rightsOn(actor, c) }))
            .filter(({ rights }) => rights.canRead || rights.canWrite || actor.isAdmin)
            .map(({ c, rights }) => ({
              id: c.id,
              apiRoot: c.api_root,
              title: c.title,
              description: c.description,
              alias: c.alias,
              ownerOrganisationId: c.owner_organisation_id,
              readersAllMembers: c.readers_all_members,
              readerOrganisationIds: c.reader_organisation_ids,
              writerOrganisationIds: c.writer_organisation_ids,
              defaultTlp: c.default_tlp,
              ...rights,
            })),
        };
      },
    );

    app.post(
      '/collections',
      {
        schema: {
          tags: ['intel'],
          summary: 'Create a TAXII collection (administrators of the owning organisation)',
          body: createCollectionInput,
        },
      },
      async (request, reply) => {
        const created = await createCollection(
          ctx,
          requireAuth(request).actor,
          request.body,
          metaOf(request),
        );
        return reply.status(201).send(created);
      },
    );
  };
}

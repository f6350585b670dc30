// TAXII 2.1 server under /taxii2/: discovery, API roots, collections, objects, manifest, versions,
// object by id (GET, DELETE) and status. Collection rights first, then the TLP policy in every query.
// @see TAXII 2.1 sections 4 (discovery, API roots, status) and 5 (collections).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Ctx } from '../../../platform/context.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import type { Authenticated } from '../../../platform/identity/auth.ts';
import { inTransaction } from '../../../platform/db/pool.ts';
import { appendAudit } from '../../../platform/audit/store.ts';
import { createTaxiiAuthenticator } from './auth.ts';
import { handleTaxiiError } from './errors.ts';
import { acceptsTaxii, isTaxiiContentType, STIX_MEDIA_TYPE, TAXII_MEDIA_TYPE } from '../media-types.ts';
import { decodeCursor, encodeCursor } from '../cursor.ts';
import { parseTaxiiFilter, TAXII_MAX_LIMIT, type TaxiiFilter } from '../filters.ts';
import {
  findCollection,
  listApiRoots,
  listCollections,
  pageCollection,
  removeFromCollection,
  rightsOn,
  type CollectionRow,
  type PageRow,
} from '../taxii-store.ts';
import { findStatus, presentStatus } from '../taxii-status.ts';
import { addEnvelope } from '../taxii-add.ts';

export const DEFAULT_API_ROOT = 'accord';
export const TAXII_MAX_CONTENT_LENGTH = 10 * 1024 * 1024;

declare module 'fastify' {
  interface FastifyRequest {
    taxiiAuth: Authenticated | undefined;
  }
}

type Params = { root: string; id: string; objectId: string; statusId: string };

export function registerTaxiiRoutes(
  app: FastifyInstance,
  ctx: Ctx,
  register: (app: FastifyInstance) => void = () => {},
): void {
  void app.register(
    async (taxii) => {
      taxii.setErrorHandler(handleTaxiiError);
      taxii.setNotFoundHandler((request, reply) =>
        handleTaxiiError(new AppError('NOT_FOUND', `no TAXII resource at ${request.url}`), request, reply),
      );
      taxii.decorateRequest('taxiiAuth', undefined);
      const authenticate = createTaxiiAuthenticator(ctx);
      taxii.addHook('onRequest', async (request) => {
        const isObjectsGet = request.method === 'GET' && /\/objects\//.test(request.url);
        if (!acceptsTaxii(request.headers.accept, isObjectsGet)) {
          throw new AppError('TAXII_NOT_ACCEPTABLE', `this server answers ${TAXII_MEDIA_TYPE}`);
        }
        // Before the body is read: a wrong Content-Type costs nothing and says what to send.
        if (request.method === 'POST' && !isTaxiiContentType(request.headers['content-type'])) {
          throw new AppError('TAXII_UNSUPPORTED_MEDIA_TYPE', `send the envelope as ${TAXII_MEDIA_TYPE}`);
        }
        request.taxiiAuth = await authenticate(request);
      });
      taxii.addContentTypeParser(
        /^application\/taxii\+json/i,
        { parseAs: 'string', bodyLimit: TAXII_MAX_CONTENT_LENGTH },
        (_request, body, done) => {
          try {
            done(null, JSON.parse(body as string));
          } catch (error) {
            done(
              new AppError(
                'TAXII_ENVELOPE_INVALID',
                `the body is not valid JSON: ${(error as Error).message}`,
              ),
              undefined,
            );
          }
        },
      );
      const send = (reply: FastifyReply, body: string | object) =>
        // A Buffer keeps Fastify from rewriting the media type's parameters (clients compare it literally).
        reply
          .header('content-type', TAXII_MEDIA_TYPE)
          .send(Buffer.from(typeof body === 'string' ? body : JSON.stringify(body)));
      const auth = (request: FastifyRequest) => request.taxiiAuth as Authenticated;

      taxii.get('/', async (request, reply) => {
        const base = baseUrl(request);
        const roots = new Set([DEFAULT_API_ROOT, ...(await listApiRoots(ctx.db))]);
        return send(reply, {
          title: 'Accord TAXII 2.1',
          description: 'Threat intelligence shared among Accord members under TLP 2.0.',
          contact: 'the coordination centre of this Accord instance',
          default: `${base}/${DEFAULT_API_ROOT}/`,
          api_roots: [...roots].map((r) => `${base}/${r}/`),
        });
      });

      taxii.get<{ Params: Pick<Params, 'root'> }>('/:root/', async (request, reply) => {
        await requireRoot(request.params.root);
        return send(reply, {
          title: `Accord API root "${request.params.root}"`,
          versions: [TAXII_MEDIA_TYPE],
          max_content_length: TAXII_MAX_CONTENT_LENGTH,
        });
      });

      taxii.get<{ Params: Pick<Params, 'root'> }>('/:root/collections/', async (request, reply) => {
        await requireRoot(request.params.root);
        const visible = (await listCollections(ctx.db, request.params.root))
          .map((c) => ({ c, rights: rightsOn(auth(request).actor, c) }))
          .filter(({ rights }) => rights.canRead || rights.canWrite);
        return send(
          reply,
          visible.length === 0
            ? {}
            : { collections: visible.map(({ c, rights }) => presentCollection(c, rights)) },
        );
      });

      taxii.get<{ Params: Pick<Params, 'root' | 'id'> }>(
        '/:root/collections/:id/',
        async (request, reply) => {
          const { collection, rights } = await collectionFor(request, 'any');
          return send(reply, presentCollection(collection, rights));
        },
      );

      taxii.get<{ Params: Pick<Params, 'root' | 'id'>; Querystring: Record<string, string> }>(
        '/:root/collections/:id/objects/',
        async (request, reply) => {
          const { collection } = await collectionFor(request, 'read');
          return sendPage(
            request,
            reply,
            collection,
            'last',
            (rows, more, next) =>
              `{"more":${more}${next ? `,"next":${JSON.stringify(next)}` : ''}${rows.length > 0 ? `,"objects":[${rows.map((r) => r.raw).join(',')}]` : ''}}`,
          );
        },
      );

      taxii.post<{ Params: Pick<Params, 'root' | 'id'> }>(
        '/:root/collections/:id/objects/',
        { bodyLimit: TAXII_MAX_CONTENT_LENGTH },
        async (request, reply) => {
          const { collection } = await collectionFor(request, 'write');
          const { actor } = auth(request);
          const statusId = await addEnvelope(ctx, actor, collection, request.body, {
            requestId: request.id,
            ip: request.ip,
            userAgent: request.headers['user-agent'],
          });
          const status = await findStatus(ctx.db, actor, statusId);
          return send(reply.status(202), presentStatus(status!));
        },
      );

      taxii.get<{ Params: Pick<Params, 'root' | 'id'>; Querystring: Record<string, string> }>(
        '/:root/collections/:id/manifest/',
        async (request, reply) => {
          const { collection } = await collectionFor(request, 'read');
          return sendPage(
            request,
            reply,
            collection,
            'last',
            (rows, more, next) =>
              JSON.stringify({
                more,
                ...(next ? { next } : {}),
                ...(rows.length > 0
                  ? {
                      objects: rows.map((r) => ({
                        id: r.stix_id,
                        date_added: r.date_added,
                        version: r.modified,
                        media_type: STIX_MEDIA_TYPE,
                      })),
                    }
                  : {}),
              }),
            { manifestOnly: true },
          );
        },
      );

      taxii.get<{ Params: Pick<Params, 'root' | 'id' | 'objectId'>; Querystring: Record<string, string> }>(
        '/:root/collections/:id/objects/:objectId/',
        async (request, reply) => {
          const { collection } = await collectionFor(request, 'read');
          return sendPage(
            request,
            reply,
            collection,
            'last',
            (rows, more, next) => {
              if (rows.length === 0 && !request.query.next) {
                throw new AppError(
                  'TAXII_OBJECT_NOT_FOUND',
                  `no object ${request.params.objectId} in this collection that you may see`,
                );
              }
              return `{"more":${more}${next ? `,"next":${JSON.stringify(next)}` : ''},"objects":[${rows.map((r) => r.raw).join(',')}]}`;
            },
            { stixId: request.params.objectId },
          );
        },
      );

      taxii.get<{ Params: Pick<Params, 'root' | 'id' | 'objectId'>; Querystring: Record<string, string> }>(
        '/:root/collections/:id/objects/:objectId/versions/',
        async (request, reply) => {
          const { collection } = await collectionFor(request, 'read');
          return sendPage(
            request,
            reply,
            collection,
            'all',
            (rows, more, next) => {
              if (rows.length === 0 && !request.query.next) {
                throw new AppError(
                  'TAXII_OBJECT_NOT_FOUND',
                  `no object ${request.params.objectId} in this collection that you may see`,
                );
              }
              return JSON.stringify({
                more,
                ...(next ? { next } : {}),
                versions: rows.map((r) => r.modified),
              });
            },
            { manifestOnly: true, stixId: request.params.objectId },
          );
        },
      );

      taxii.delete<{ Params: Pick<Params, 'root' | 'id' | 'objectId'>; Querystring: Record<string, string> }>(
        '/:root/collections/:id/objects/:objectId/',
        async (request, reply) => {
          const { collection } = await collectionFor(request, 'write');
          const filter = parseFilter(request.query, 'all');
          const { actor } = auth(request);
          const removed = await inTransaction(ctx.db, async (tx) => {
            const n = await removeFromCollection(
              tx,
              actor,
              collection.id,
              request.params.objectId,
              filter.versions.all ? undefined : filter.versions.timestamps,
            );
            if (n > 0) {
              await appendAudit(
                tx,
                {
                  actorUserId: actor.userId,
                  action: 'taxii.object-delete',
                  resourceType: 'taxii-collection',
                  resourceId: collection.id,
                  summary: { object: request.params.objectId, versions: n },
                  requestId: request.id,
                },
                ctx.now(),
              );
            }
            return n;
          });
          if (removed === 0) {
            throw new AppError(
              'TAXII_OBJECT_NOT_FOUND',
              `no object ${request.params.objectId} in this collection that you may delete`,
            );
          }
          return reply.status(200).send();
        },
      );

      taxii.get<{ Params: Pick<Params, 'root' | 'statusId'> }>(
        '/:root/status/:statusId/',
        async (request, reply) => {
          await requireRoot(request.params.root);
          const status = await findStatus(ctx.db, auth(request).actor, request.params.statusId);
          if (!status) {
            throw new AppError('TAXII_STATUS_NOT_FOUND', `no status ${request.params.statusId} of yours`);
          }
          return send(reply, presentStatus(status));
        },
      );

      register(taxii);

      async function requireRoot(root: string): Promise<void> {
        if (root !== DEFAULT_API_ROOT && !(await listApiRoots(ctx.db)).includes(root)) {
          throw new AppError('TAXII_API_ROOT_NOT_FOUND', `no API root "${root}"`);
        }
      }

      async function collectionFor(
        request: FastifyRequest<{ Params: Pick<Params, 'root' | 'id'> }>,
        need: 'read' | 'write' | 'any',
      ) {
        const collection = await findCollection(ctx.db, request.params.root, request.params.id);
        const rights = collection ? rightsOn(auth(request).actor, collection) : undefined;
        if (!collection || !rights || (!rights.canRead && !rights.canWrite)) {
          throw new AppError(
            'TAXII_COLLECTION_NOT_FOUND',
            `no collection ${request.params.id} that you may use`,
          );
        }
        if ((need === 'read' && !rights.canRead) || (need === 'write' && !rights.canWrite)) {
          throw new AppError('TAXII_FORBIDDEN', `this collection does not let you ${need}`);
        }
        return { collection, rights };
      }

      async function sendPage(
        request: FastifyRequest<{ Querystring: Record<string, string> }>,
        reply: FastifyReply,
        collection: CollectionRow,
        defaultVersion: 'last' | 'all',
        render: (rows: PageRow[], more: boolean, next: string | undefined) => string,
        options: { manifestOnly?: boolean; stixId?: string } = {},
      ) {
        const filter = parseFilter(request.query, defaultVersion);
        const scope = cursorScope(collection.id, request.url, options.stixId);
        let afterSeq = 0;
        if (filter.next !== undefined) {
          const position = decodeCursor(scope, filter.next);
          if (!position) {
            throw new AppError(
              'TAXII_BAD_CURSOR',
              'the next cursor is malformed or belongs to another query',
            );
          }
          afterSeq = position.seq;
        }
        const { rows, more } = await pageCollection(
          ctx.db,
          auth(request).actor,
          collection.id,
          filter,
          afterSeq,
          options,
        );
        const last = rows.at(-1);
        const next = more && last ? encodeCursor(scope, { seq: last.seq }) : undefined;
        const body = render(rows, more, next);
        if (rows.length > 0) {
          void reply
            .header('X-TAXII-Date-Added-First', rows[0]?.date_added)
            .header('X-TAXII-Date-Added-Last', last?.date_added);
        }
        return send(reply, body);
      }
    },
    { prefix: '/taxii2' },
  );
}

function parseFilter(query: Record<string, string>, defaultVersion: 'last' | 'all'): TaxiiFilter {
  const parsed = parseTaxiiFilter(query, defaultVersion);
  if (!parsed.ok) {
    throw new AppError(
      'TAXII_BAD_FILTER',
      `bad filter: ${parsed.details.map((d) => `${d.path} ${d.reason}`).join('; ')}`,
      parsed.details,
    );
  }
  return parsed.filter;
}

/** A cursor is valid only for the same collection, endpoint and filters (all but `next` and `limit`). */
function cursorScope(collectionId: string, url: string, stixId: string | undefined): string {
  const [path = '', search = ''] = url.split('?');
  const params = new URLSearchParams(search);
  params.delete('next');
  params.delete('limit');
  params.sort();
  return `${collectionId}|${path}|${stixId ?? ''}|${params.toString()}`;
}

function baseUrl(request: FastifyRequest): string {
  return `${request.protocol}://${request.host}/taxii2`;
}

function presentCollection(c: CollectionRow, rights: { canRead: boolean; canWrite: boolean }) {
  return {
    id: c.id,
    title: c.title,
    ...(c.description ? { description: c.description } : {}),
    ...(c.alias ? { alias: c.alias } : {}),
    can_read: rights.canRead,
    can_write: rights.canWrite,
    media_types: [STIX_MEDIA_TYPE],
  };
}

export { TAXII_MAX_LIMIT };

// Builds the Fastify app from the services object: security headers, body limits, zod validation,
// OpenAPI, authentication, the REST routes of every capability and the web UI.
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../services.ts';
import { registerAuthHook } from './auth-hook.ts';
import { errorBody, handleError } from './errors.ts';
import { authRoutes } from './routes/auth-routes.ts';
import { organisationRoutes } from './routes/organisation-routes.ts';
import { tokenRoutes } from './routes/token-routes.ts';
import { auditRoutes } from './routes/audit-routes.ts';
import { jobRoutes } from './routes/job-routes.ts';
import { registerTaxiiRoutes } from '../../intel/taxii/http/routes.ts';
import { intelRoutes } from '../../intel/http/intel-routes.ts';
import { cirtRoutes } from '../../intel/http/cirt-routes.ts';
import { importRoutes } from '../../intel/http/import-routes.ts';
import { matchRoutes } from '../../intel/http/match-routes.ts';
import { routingRoutes } from '../../intel/http/routing-routes.ts';
import { notificationRoutes } from '../../intel/http/notification-routes.ts';
import { collectionRoutes } from '../../intel/taxii/http/collection-routes.ts';
import { feedRoutes } from '../../intel/feeds/feed-routes.ts';
import { legalRoutes } from '../../legal/http/legal-routes.ts';

export const VERSION = '0.1.0';

export type AppOptions = { logger?: FastifyBaseLogger };

export async function buildApp(services: Services, options: AppOptions = {}): Promise<FastifyInstance> {
  const { ctx } = services;
  const app = Fastify({
    ...(options.logger ? { loggerInstance: options.logger } : { logger: false }),
    bodyLimit: ctx.config.bodyLimitBytes,
    trustProxy: ctx.config.trustProxy,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w.-]{1,64}$/.test(given) ? given : randomUUID();
    },
    return503OnClosing: true,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(handleError);
  app.addHook('onSend', async (request, reply) => {
    void reply.header('x-request-id', request.id);
  });

  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
        upgradeInsecureRequests: null,
      },
    },
    hsts: ctx.config.publicUrl?.startsWith('https:') ?? false,
  });
  await app.register(fastifyCookie);
  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: 'Accord API',
        version: VERSION,
        description:
          'International cooperation against cybercrime. Authenticate with the session cookie (browser) or `Authorization: Bearer <API token>`.',
      },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });

  await app.register(
    async (api) => {
      registerAuthHook(api, ctx);
      api.withTypeProvider<ZodTypeProvider>().get(
        '/health',
        {
          config: { access: 'public' },
          schema: {
            tags: ['platform'],
            summary: 'Liveness and database reachability',
            response: {
              200: z.object({
                status: z.literal('ok'),
                version: z.string(),
                database: z.enum(['embedded', 'external']),
              }),
            },
          },
        },
        async () => {
          await ctx.db.query('SELECT 1');
          return { status: 'ok' as const, version: VERSION, database: ctx.databaseKind };
        },
      );
      await api.register(authRoutes(ctx), { prefix: '/auth' });
      await api.register(organisationRoutes(ctx), { prefix: '/organisations' });
      await api.register(tokenRoutes(ctx), { prefix: '/tokens' });
      await api.register(auditRoutes(ctx), { prefix: '/audit' });
      await api.register(jobRoutes(ctx), { prefix: '/jobs' });
      await api.register(intelRoutes(ctx), { prefix: '/intel' });
      await api.register(cirtRoutes(ctx), { prefix: '/intel/cirts' });
      await api.register(importRoutes(ctx), { prefix: '/intel/imports' });
      await api.register(matchRoutes(services), { prefix: '/intel/match' });
      await api.register(routingRoutes(ctx), { prefix: '/intel/routing' });
      await api.register(notificationRoutes(ctx), { prefix: '/intel/notifications' });
      await api.register(collectionRoutes(ctx), { prefix: '/intel/collections' });
      await api.register(feedRoutes(ctx), { prefix: '/intel/feeds' });
      await api.register(legalRoutes(ctx), { prefix: '/legal' });
    },
    { prefix: '/api/v1' },
  );

  app.get('/api/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, async () =>
    app.swagger(),
  );

  registerTaxiiRoutes(app, ctx);
  registerWebUi(app, ctx.config.webDistDir);
  return app;
}

/** Serves the built React app, with index.html for client-side routes; API paths answer JSON 404s. */
function registerWebUi(app: FastifyInstance, distDir: string): void {
  const hasUi = existsSync(join(distDir, 'index.html'));
  if (hasUi) {
    void app.register(fastifyStatic, { root: distDir, wildcard: false, index: false });
  }
  app.setNotFoundHandler({ preHandler: undefined }, (request, reply) => {
    const path = request.url.split('?')[0] ?? '';
    if (path.startsWith('/api/') || path.startsWith('/taxii2/') || request.method !== 'GET') {
      return reply.status(404).send(errorBody('NOT_FOUND', `no route ${request.method} ${path}`));
    }
    if (!hasUi) {
      return reply.status(404).type('text/plain').send('The web UI is not built: run `npm run build`.');
    }
    return reply.type('text/html').sendFile('index.html');
  });
}

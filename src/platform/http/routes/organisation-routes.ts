// /api/v1/organisations: the directory of member organisations, their members, and adding users.
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Ctx } from '../../context.ts';
import {
  createOrganisation,
  createUser,
  listMembers,
  listVisibleOrganisations,
  setMfaRequired,
} from '../../identity/accounts.ts';
import {
  createOrganisationInput,
  createUserInput,
  organisationView,
  role,
  uuid,
} from '../../identity/schemas.ts';
import { metaOf, requireAuth } from '../auth-hook.ts';

const idParams = z.object({ id: uuid });

export function organisationRoutes(ctx: Ctx): FastifyPluginAsync {
  return async (base) => {
    const app = base.withTypeProvider<ZodTypeProvider>();

    app.get(
      '/',
      {
        schema: {
          tags: ['organisations'],
          summary: 'Every member organisation (name, country, kind)',
          response: { 200: z.object({ organisations: z.array(organisationView) }) },
        },
      },
      async (request) => ({ organisations: await listVisibleOrganisations(ctx, requireAuth(request).actor) }),
    );

    app.post(
      '/',
      {
        schema: {
          tags: ['organisations'],
          summary: 'Create an organisation (platform administrators)',
          body: createOrganisationInput,
          response: { 201: organisationView },
        },
      },
      async (request, reply) => {
        const org = await createOrganisation(ctx, requireAuth(request).actor, request.body, metaOf(request));
        return reply.status(201).send(org);
      },
    );

    app.patch(
      '/:id',
      {
        schema: {
          tags: ['organisations'],
          summary: 'Require two-factor authentication for every member',
          params: idParams,
          body: z.object({ mfaRequired: z.boolean() }),
          response: { 200: organisationView },
        },
      },
      async (request) =>
        setMfaRequired(
          ctx,
          requireAuth(request).actor,
          request.params.id,
          request.body.mfaRequired,
          metaOf(request),
        ),
    );

    app.get(
      '/:id/members',
      {
        schema: {
          tags: ['organisations'],
          summary: "An organisation's members (members and administrators only)",
          params: idParams,
          response: {
            200: z.object({
              members: z.array(
                z.object({
                  id: z.string(),
                  email: z.string(),
                  displayName: z.string(),
                  role,
                  mfaEnabled: z.boolean(),
                }),
              ),
            }),
          },
        },
      },
      async (request) => ({ members: await listMembers(ctx, requireAuth(request).actor, request.params.id) }),
    );

    app.post(
      '/:id/users',
      {
        schema: {
          tags: ['organisations'],
          summary: 'Add a user; the one-time password is returned once',
          params: idParams,
          body: createUserInput.omit({ organisationId: true }),
          response: { 201: z.object({ id: z.string(), email: z.string(), oneTimePassword: z.string() }) },
        },
      },
      async (request, reply) => {
        const created = await createUser(
          ctx,
          requireAuth(request).actor,
          { ...request.body, organisationId: request.params.id },
          metaOf(request),
        );
        return reply.status(201).send(created);
      },
    );
  };
}

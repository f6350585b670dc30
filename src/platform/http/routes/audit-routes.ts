// /api/v1/audit: the audit log as the policy lets the caller see it, and verification of the chain.
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Ctx } from '../../context.ts';
import { auditScope } from '../../access/policy.ts';
import { assertAllowed } from '../../identity/accounts.ts';
import { verifyChain } from '../../audit/chain.ts';
import { findAuditEntries, readAuditLog } from '../../audit/store.ts';
import { requireAuth } from '../auth-hook.ts';

export function auditRoutes(ctx: Ctx): FastifyPluginAsync {
  return async (base) => {
    const app = base.withTypeProvider<ZodTypeProvider>();
    app.get(
      '/',
      {
        schema: {
          tags: ['audit'],
          summary: 'Audit entries, newest first (administrators; organisation admins see their organisation)',
          querystring: z.object({
            before: z.coerce.number().int().positive().optional(),
            limit: z.coerce.number().int().min(1).max(500).default(100),
          }),
        },
      },
      async (request) => {
        const { actor } = requireAuth(request);
        assertAllowed(actor, { kind: 'audit:read' });
        return {
          entries: await findAuditEntries(ctx.db, { organisationIds: auditScope(actor), ...request.query }),
        };
      },
    );

    app.get(
      '/verify',
      {
        schema: {
          tags: ['audit'],
          summary: 'Recompute the hash chain and name the first broken link (platform administrators)',
        },
      },
      async (request) => {
        assertAllowed(requireAuth(request).actor, { kind: 'audit:verify' });
        return verifyChain(readAuditLog(ctx.db));
      },
    );
  };
}

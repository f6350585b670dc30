// TAXII collections as sharing scopes: who reads, who writes, and the TLP and audience given to
// objects added without markings. Owners' administrators and platform administrators manage them.
import { z } from 'zod';
import type { Ctx, RequestMeta } from '../platform/context.ts';
import type { Actor } from '../platform/access/policy.ts';
import { hasRole } from '../platform/access/policy.ts';
import { TLP_LEVELS } from '../platform/access/tlp-policy.ts';
import { AppError } from '../platform/errors/app-error.ts';
import { parseInput } from '../platform/errors/parse-input.ts';
import { inTransaction } from '../platform/db/pool.ts';
import { appendAudit } from '../platform/audit/store.ts';

export const createCollectionInput = z.object({
  title: z.string().trim().min(2).max(200),
  description: z.string().trim().max(2000).optional(),
  alias: z
    .string()
    .regex(/^[a-z0-9-]{1,60}$/, 'lower-case letters, digits and dashes')
    .optional(),
  apiRoot: z
    .string()
    .regex(/^[a-z0-9-]{1,40}$/)
    .default('accord'),
  ownerOrganisationId: z.uuid(),
  readersAllMembers: z.boolean().default(false),
  readerOrganisationIds: z.array(z.uuid()).max(500).default([]),
  writerOrganisationIds: z.array(z.uuid()).max(500).default([]),
  defaultTlp: z.enum(TLP_LEVELS).default('amber'),
  defaultAudienceOrganisationIds: z.array(z.uuid()).max(500).default([]),
});

export async function createCollection(
  ctx: Ctx,
  actor: Actor,
  raw: unknown,
  meta: RequestMeta = {},
): Promise<{ id: string }> {
  const input = parseInput(createCollectionInput, raw, 'collection');
  if (!actor.isAdmin && !hasRole(actor, input.ownerOrganisationId, 'org-admin')) {
    throw new AppError(
      'FORBIDDEN',
      'only an administrator of the owning organisation may create its collections',
    );
  }
  return inTransaction(ctx.db, async (tx) => {
    const r = await tx.query<{ id: string }>(
      `INSERT INTO taxii_collections (api_root, title, description, alias, owner_organisation_id, readers_all_members,
         reader_organisation_ids, writer_organisation_ids, default_tlp, default_audience_organisation_ids)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
      [
        input.apiRoot,
        input.title,
        input.description ?? null,
        input.alias ?? null,
        input.ownerOrganisationId,
        input.readersAllMembers,
        input.readerOrganisationIds,
        input.writerOrganisationIds,
        input.defaultTlp,
        input.defaultAudienceOrganisationIds,
      ],
    );
    const id = (r.rows[0] as { id: string }).id;
    await appendAudit(
      tx,
      {
        actorUserId: actor.userId,
        actorOrganisationId: input.ownerOrganisationId,
        action: 'taxii.collection-create',
        resourceType: 'taxii-collection',
        resourceId: id,
        summary: { ...input },
        requestId: meta.requestId ?? null,
      },
      ctx.now(),
    );
    return { id };
  });
}

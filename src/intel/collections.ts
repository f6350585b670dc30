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
import type { Queryable } from '../platform/db/pool.ts';
import { findCollectionById, rightsOn, type CollectionRow } from './taxii/taxii-store.ts';

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
    await requireOrganisations(tx, {
      ownerOrganisationId: [input.ownerOrganisationId],
      readerOrganisationIds: input.readerOrganisationIds,
      writerOrganisationIds: input.writerOrganisationIds,
      defaultAudienceOrganisationIds: input.defaultAudienceOrganisationIds,
    });
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

export const updateCollectionInput = z
  .object({
    title: z.string().trim().min(2).max(200),
    description: z.string().trim().max(2000).nullable(),
    readersAllMembers: z.boolean(),
    readerOrganisationIds: z.array(z.uuid()).max(500),
    writerOrganisationIds: z.array(z.uuid()).max(500),
    defaultTlp: z.enum(TLP_LEVELS),
    defaultAudienceOrganisationIds: z.array(z.uuid()).max(500),
  })
  .partial()
  .strict();

const COLUMNS = {
  title: 'title',
  description: 'description',
  readersAllMembers: 'readers_all_members',
  readerOrganisationIds: 'reader_organisation_ids',
  writerOrganisationIds: 'writer_organisation_ids',
  defaultTlp: 'default_tlp',
  defaultAudienceOrganisationIds: 'default_audience_organisation_ids',
} as const satisfies Record<keyof z.infer<typeof updateCollectionInput>, keyof CollectionRow>;

/** Changes a collection's rights or defaults; the audit entry keeps what it was and what it became. */
export async function updateCollection(
  ctx: Ctx,
  actor: Actor,
  id: string,
  raw: unknown,
  meta: RequestMeta = {},
): Promise<CollectionView> {
  const input = parseInput(updateCollectionInput, raw, 'collection');
  return inTransaction(ctx.db, async (tx) => {
    const before = await findCollectionById(tx, id, true);
    if (!before || !canManage(actor, before)) {
      throw new AppError('TAXII_COLLECTION_NOT_FOUND', `no collection ${id} that you administer`);
    }
    await requireOrganisations(tx, {
      readerOrganisationIds: input.readerOrganisationIds ?? [],
      writerOrganisationIds: input.writerOrganisationIds ?? [],
      defaultAudienceOrganisationIds: input.defaultAudienceOrganisationIds ?? [],
    });
    const keys = (Object.keys(input) as (keyof typeof COLUMNS)[]).filter((k) => input[k] !== undefined);
    if (keys.length > 0) {
      await tx.query(
        `UPDATE taxii_collections SET ${keys.map((k, i) => `${COLUMNS[k]} = $${i + 2}`).join(', ')} WHERE id = $1`,
        [id, ...keys.map((k) => input[k])],
      );
    }
    const after = (await findCollectionById(tx, id)) as CollectionRow;
    await appendAudit(
      tx,
      {
        actorUserId: actor.userId,
        actorOrganisationId: before.owner_organisation_id,
        action: 'taxii.collection-update',
        resourceType: 'taxii-collection',
        resourceId: id,
        summary: { changed: keys, before: pick(before, keys), after: pick(after, keys) },
        requestId: meta.requestId ?? null,
      },
      ctx.now(),
    );
    return presentCollectionView(actor, after);
  });
}

export type CollectionView = {
  id: string;
  apiRoot: string;
  title: string;
  description: string | null;
  alias: string | null;
  ownerOrganisationId: string;
  readersAllMembers: boolean;
  readerOrganisationIds: string[];
  writerOrganisationIds: string[];
  defaultTlp: CollectionRow['default_tlp'];
  defaultAudienceOrganisationIds: string[];
  canRead: boolean;
  canWrite: boolean;
  canManage: boolean;
};

function canManage(actor: Actor, c: CollectionRow): boolean {
  return actor.isAdmin || hasRole(actor, c.owner_organisation_id, 'org-admin');
}

function presentCollectionView(actor: Actor, c: CollectionRow): CollectionView {
  const rights = rightsOn(actor, c);
  return {
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
    defaultAudienceOrganisationIds: c.default_audience_organisation_ids,
    canRead: rights.canRead,
    canWrite: rights.canWrite,
    canManage: canManage(actor, c),
  };
}

export async function getCollectionFor(ctx: Ctx, actor: Actor, id: string): Promise<CollectionView> {
  const c = await findCollectionById(ctx.db, id);
  const view = c ? presentCollectionView(actor, c) : undefined;
  if (!view || !(view.canRead || view.canWrite || view.canManage)) {
    throw new AppError('TAXII_COLLECTION_NOT_FOUND', `no collection ${id} that you may use`);
  }
  return view;
}

function pick(c: CollectionRow, keys: (keyof typeof COLUMNS)[]): Record<string, unknown> {
  return Object.fromEntries(keys.map((k) => [k, c[COLUMNS[k]]]));
}

/** Every organisation named must exist; the error names the field that holds an unknown one. */
async function requireOrganisations(tx: Queryable, fields: Record<string, string[]>): Promise<void> {
  const all = [...new Set(Object.values(fields).flat())];
  if (all.length === 0) {
    return;
  }
  const r = await tx.query<{ id: string }>('SELECT id FROM organisations WHERE id = ANY($1::uuid[])', [all]);
  const known = new Set(r.rows.map((row) => row.id));
  const details = Object.entries(fields).flatMap(([field, ids]) =>
    ids.filter((id) => !known.has(id)).map((id) => ({ path: field, reason: `no organisation ${id}` })),
  );
  if (details.length > 0) {
    throw new AppError('VALIDATION_FAILED', 'the collection names unknown organisations', details);
  }
}

// TAXII feeds: scheduled pulls of a remote collection, configured per organisation (URL, collection,
// credentials kept encrypted, interval, TLP and audience to apply, a local collection to fill),
// visible to the organisation's members with their last run, counts and error.
import { z } from 'zod';
import type { Ctx, RequestMeta } from '../../platform/context.ts';
import { hasRole, organisationIdsOf, type Actor } from '../../platform/access/policy.ts';
import { TLP_LEVELS } from '../../platform/access/tlp-policy.ts';
import { AppError } from '../../platform/errors/app-error.ts';
import { parseInput } from '../../platform/errors/parse-input.ts';
import { inTransaction, type Tx } from '../../platform/db/pool.ts';
import { appendAudit } from '../../platform/audit/store.ts';
import { insertJob } from '../../platform/jobs/store.ts';
import { assertOutboundUrl } from '../../platform/net/outbound-guard.ts';
import { findCollectionById, rightsOn } from '../taxii/taxii-store.ts';
import { loadFeedKey, sealSecret } from './feed-secrets.ts';
import { findFeed, findFeedsOf, insertFeed, markFeedQueued, type FeedRow } from './feed-store.ts';

export const FEED_PULL_JOB = 'intel.feed-pull';
export const FEED_MAX_INTERVAL_MINUTES = 10_080;

export const createFeedInput = z.object({
  name: z.string().trim().min(2).max(120),
  organisationId: z.uuid(),
  url: z
    .url()
    .max(2000)
    .refine((u) => /^https?:\/\//i.test(u), 'must be an http or https URL'),
  remoteCollectionId: z.string().trim().min(1).max(200),
  auth: z
    .discriminatedUnion('kind', [
      z.object({ kind: z.literal('none') }),
      z.object({ kind: z.literal('token'), token: z.string().min(8).max(500) }),
      z.object({
        kind: z.literal('basic'),
        username: z.string().min(1).max(320),
        password: z.string().min(1).max(500),
      }),
    ])
    .default({ kind: 'none' }),
  intervalMinutes: z.number().int().min(1).max(FEED_MAX_INTERVAL_MINUTES).default(60),
  tlp: z.enum(TLP_LEVELS).optional(),
  audienceOrganisationIds: z.array(z.uuid()).max(500).default([]),
  targetCollectionId: z.uuid().optional(),
  enabled: z.boolean().default(true),
});

/** What the API shows of a feed: never its secret. */
export type FeedView = {
  id: string;
  name: string;
  organisationId: string;
  url: string;
  remoteCollectionId: string;
  auth: { kind: FeedRow['auth_kind']; username: string | null };
  intervalMinutes: number;
  tlp: FeedRow['tlp'];
  audienceOrganisationIds: string[];
  targetCollectionId: string | null;
  enabled: boolean;
  nextRunAt: string;
  resumesAfter: string | null;
  lastRun: {
    jobId: string | null;
    at: string | null;
    status: FeedRow['last_status'];
    counts: Record<string, number> | null;
    error: string | null;
  };
  createdAt: string;
};

export function presentFeed(f: FeedRow): FeedView {
  return {
    id: f.id,
    name: f.name,
    organisationId: f.organisation_id,
    url: f.url,
    remoteCollectionId: f.remote_collection_id,
    auth: { kind: f.auth_kind, username: f.username },
    intervalMinutes: f.interval_minutes,
    tlp: f.tlp,
    audienceOrganisationIds: f.audience_organisation_ids,
    targetCollectionId: f.target_collection_id,
    enabled: f.enabled,
    nextRunAt: f.next_run_at,
    resumesAfter: f.last_added_after,
    lastRun: {
      jobId: f.last_job_id,
      at: f.last_run_at,
      status: f.last_status,
      counts: f.last_counts,
      error: f.last_error,
    },
    createdAt: f.created_at,
  };
}

function mayManage(actor: Actor, organisationId: string): boolean {
  return actor.isAdmin || hasRole(actor, organisationId, 'org-admin');
}

export async function createFeed(
  ctx: Ctx,
  actor: Actor,
  raw: unknown,
  meta: RequestMeta = {},
): Promise<FeedView> {
  const input = parseInput(createFeedInput, raw, 'feed');
  if (!mayManage(actor, input.organisationId)) {
    throw new AppError('FORBIDDEN', "only an administrator of the feed's organisation may add its feeds");
  }
  // Refused now, with the field named, rather than at every scheduled run.
  await assertOutboundUrl(input.url, { allow: ctx.config.outboundAllow }, 'url');
  if (input.targetCollectionId) {
    const target = await findCollectionById(ctx.db, input.targetCollectionId);
    if (!target || !(actor.isAdmin || rightsOn(actor, target).canWrite)) {
      throw new AppError('VALIDATION_FAILED', 'the feed would fill a collection you may not write', [
        { path: 'targetCollectionId', reason: 'no such collection that you may write' },
      ]);
    }
  }
  const secret =
    input.auth.kind === 'token'
      ? input.auth.token
      : input.auth.kind === 'basic'
        ? input.auth.password
        : undefined;
  const now = ctx.now().toISOString();
  return inTransaction(ctx.db, async (tx) => {
    const known = await tx.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM organisations WHERE id = ANY($1::uuid[])',
      [input.audienceOrganisationIds],
    );
    if ((known.rows[0]?.n ?? 0) !== new Set(input.audienceOrganisationIds).size) {
      throw new AppError('VALIDATION_FAILED', 'the audience names unknown organisations', [
        { path: 'audienceOrganisationIds', reason: 'every id must be an organisation' },
      ]);
    }
    const duplicate = await tx.query('SELECT 1 FROM taxii_feeds WHERE organisation_id = $1 AND name = $2', [
      input.organisationId,
      input.name,
    ]);
    if (duplicate.rowCount) {
      throw new AppError('VALIDATION_FAILED', 'this organisation already has a feed with that name', [
        { path: 'name', reason: 'already used' },
      ]);
    }
    const row = await insertFeed(tx, {
      name: input.name,
      organisation_id: input.organisationId,
      created_by: actor.userId,
      url: input.url,
      remote_collection_id: input.remoteCollectionId,
      auth_kind: input.auth.kind,
      username: input.auth.kind === 'basic' ? input.auth.username : null,
      secret_ciphertext: secret === undefined ? null : sealSecret(loadFeedKey(ctx.config.dataDir), secret),
      interval_minutes: input.intervalMinutes,
      tlp: input.tlp ?? null,
      audience_organisation_ids: input.audienceOrganisationIds,
      target_collection_id: input.targetCollectionId ?? null,
      enabled: input.enabled,
      next_run_at: now,
      created_at: now,
    });
    await appendAudit(
      tx,
      {
        actorUserId: actor.userId,
        actorOrganisationId: input.organisationId,
        action: 'taxii.feed-create',
        resourceType: 'taxii-feed',
        resourceId: row.id,
        // The secret never reaches the audit log; only the kind of credential does.
        summary: { ...input, auth: { kind: input.auth.kind } },
        requestId: meta.requestId ?? null,
      },
      ctx.now(),
    );
    return presentFeed(row);
  });
}

export const updateFeedInput = z
  .object({
    enabled: z.boolean(),
    intervalMinutes: z.number().int().min(1).max(FEED_MAX_INTERVAL_MINUTES),
    tlp: z.enum(TLP_LEVELS).nullable(),
    auth: createFeedInput.shape.auth.unwrap(),
  })
  .partial()
  .strict();

/** Changes a feed (administrators of its organisation); a new secret replaces the old one, sealed. */
export async function updateFeed(
  ctx: Ctx,
  actor: Actor,
  id: string,
  raw: unknown,
  meta: RequestMeta = {},
): Promise<FeedView> {
  const input = parseInput(updateFeedInput, raw, 'feed');
  const f = await findFeed(ctx.db, id);
  if (!f || !(actor.isAdmin || organisationIdsOf(actor).includes(f.organisation_id))) {
    throw new AppError('TAXII_FEED_NOT_FOUND', `no feed ${id} that you may see`);
  }
  if (!mayManage(actor, f.organisation_id)) {
    throw new AppError('FORBIDDEN', "only an administrator of the feed's organisation may change it");
  }
  const sets: string[] = [];
  const values: unknown[] = [id];
  const set = (column: string, value: unknown) => {
    values.push(value);
    sets.push(`${column} = $${values.length}`);
  };
  if (input.enabled !== undefined) {
    set('enabled', input.enabled);
  }
  if (input.intervalMinutes !== undefined) {
    set('interval_minutes', input.intervalMinutes);
  }
  if (input.tlp !== undefined) {
    set('tlp', input.tlp);
  }
  if (input.auth) {
    const secret =
      input.auth.kind === 'token'
        ? input.auth.token
        : input.auth.kind === 'basic'
          ? input.auth.password
          : undefined;
    set('auth_kind', input.auth.kind);
    set('username', input.auth.kind === 'basic' ? input.auth.username : null);
    set(
      'secret_ciphertext',
      secret === undefined ? null : sealSecret(loadFeedKey(ctx.config.dataDir), secret),
    );
  }
  return inTransaction(ctx.db, async (tx) => {
    if (sets.length > 0) {
      await tx.query(`UPDATE taxii_feeds SET ${sets.join(', ')} WHERE id = $1`, values);
    }
    await appendAudit(
      tx,
      {
        actorUserId: actor.userId,
        actorOrganisationId: f.organisation_id,
        action: 'taxii.feed-update',
        resourceType: 'taxii-feed',
        resourceId: id,
        summary: { ...input, ...(input.auth ? { auth: { kind: input.auth.kind } } : {}) },
        requestId: meta.requestId ?? null,
      },
      ctx.now(),
    );
    return presentFeed((await findFeed(tx, id)) as FeedRow);
  });
}

export async function listFeeds(ctx: Ctx, actor: Actor): Promise<FeedView[]> {
  return (await findFeedsOf(ctx.db, actor.isAdmin ? 'all' : organisationIdsOf(actor))).map(presentFeed);
}

export async function getFeed(ctx: Ctx, actor: Actor, id: string): Promise<FeedView> {
  const f = await findFeed(ctx.db, id);
  if (!f || !(actor.isAdmin || organisationIdsOf(actor).includes(f.organisation_id))) {
    throw new AppError('TAXII_FEED_NOT_FOUND', `no feed ${id} that you may see`);
  }
  return presentFeed(f);
}

/** Queues a run now (analysts and administrators of the feed's organisation); returns the job id. */
export async function runFeedNow(
  ctx: Ctx,
  actor: Actor,
  id: string,
  meta: RequestMeta = {},
): Promise<FeedView> {
  const f = await findFeed(ctx.db, id);
  if (!f || !(actor.isAdmin || organisationIdsOf(actor).includes(f.organisation_id))) {
    throw new AppError('TAXII_FEED_NOT_FOUND', `no feed ${id} that you may see`);
  }
  if (!actor.isAdmin && !hasRole(actor, f.organisation_id, 'analyst')) {
    throw new AppError('FORBIDDEN', 'readers may not run feeds; an analyst or administrator role is needed');
  }
  await inTransaction(ctx.db, (tx) => queueFeedRun(ctx, tx, f, actor.userId, meta));
  return presentFeed((await findFeed(ctx.db, id)) as FeedRow);
}

/** One job per run; a failed run is not retried by the runner: the next scheduled run is the retry. */
export async function queueFeedRun(
  ctx: Ctx,
  tx: Tx,
  f: FeedRow,
  actorUserId: string | null,
  meta: RequestMeta = {},
): Promise<string> {
  const job = await insertJob(tx, {
    kind: FEED_PULL_JOB,
    payload: { feedId: f.id },
    createdBy: actorUserId,
    organisationId: f.organisation_id,
    now: ctx.now().toISOString(),
    maxAttempts: 1,
  });
  await markFeedQueued(tx, f.id, job.id);
  await appendAudit(
    tx,
    {
      actorUserId,
      actorOrganisationId: f.organisation_id,
      action: 'taxii.feed-run',
      resourceType: 'taxii-feed',
      resourceId: f.id,
      summary: { job: job.id, scheduled: actorUserId === null },
      requestId: meta.requestId ?? null,
    },
    ctx.now(),
  );
  return job.id;
}

// API tokens: created for one of the user's organisations, shown once, stored hashed, revocable.
import { AppError } from '../errors/app-error.ts';
import { parseInput } from '../errors/parse-input.ts';
import { appendAudit } from '../audit/store.ts';
import { inTransaction } from '../db/pool.ts';
import type { Ctx, RequestMeta } from '../context.ts';
import type { Actor } from '../access/policy.ts';
import { createTokenInput, type TokenView } from './schemas.ts';
import { newApiToken } from './secrets.ts';
import { insertApiToken, listApiTokens, revokeApiToken } from './store.ts';

export async function createApiToken(
  ctx: Ctx,
  actor: Actor,
  raw: unknown,
  meta: RequestMeta = {},
): Promise<{ token: string; view: TokenView }> {
  const input = parseInput(createTokenInput, raw, 'token');
  const organisationId = input.organisationId ?? actor.memberships[0]?.organisationId;
  if (!organisationId || !actor.memberships.some((m) => m.organisationId === organisationId)) {
    throw new AppError('FORBIDDEN', 'a token can only act for an organisation you belong to', [
      { path: 'organisationId', reason: 'not a member' },
    ]);
  }
  const { token, prefix, hash } = newApiToken();
  const expiresAt = input.expiresInDays
    ? new Date(ctx.now().getTime() + input.expiresInDays * 86_400_000).toISOString()
    : null;
  const view = await inTransaction(ctx.db, async (tx) => {
    const created = await insertApiToken(tx, {
      userId: actor.userId,
      organisationId,
      name: input.name,
      prefix,
      hash,
      expiresAt,
    });
    await appendAudit(
      tx,
      {
        actorUserId: actor.userId,
        actorOrganisationId: organisationId,
        action: 'token.create',
        resourceType: 'api-token',
        resourceId: created.id,
        summary: { name: input.name, prefix, expiresAt },
        requestId: meta.requestId ?? null,
      },
      ctx.now(),
    );
    return created;
  });
  return { token, view };
}

export function listOwnTokens(ctx: Ctx, actor: Actor): Promise<TokenView[]> {
  return listApiTokens(ctx.db, actor.userId);
}

export async function revokeOwnToken(
  ctx: Ctx,
  actor: Actor,
  id: string,
  meta: RequestMeta = {},
): Promise<void> {
  await inTransaction(ctx.db, async (tx) => {
    if (!(await revokeApiToken(tx, id, actor.userId, ctx.now().toISOString()))) {
      throw new AppError('NOT_FOUND', 'no active token of yours with that id');
    }
    await appendAudit(
      tx,
      {
        actorUserId: actor.userId,
        action: 'token.revoke',
        resourceType: 'api-token',
        resourceId: id,
        summary: {},
        requestId: meta.requestId ?? null,
      },
      ctx.now(),
    );
  });
}

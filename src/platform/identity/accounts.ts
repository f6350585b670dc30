// Organisations and user accounts: first-run initialisation, creation, password resets, membership lists.
import { AppError } from '../errors/app-error.ts';
import { parseInput } from '../errors/parse-input.ts';
import { decide, type Actor } from '../access/policy.ts';
import { appendAudit } from '../audit/store.ts';
import { inTransaction } from '../db/pool.ts';
import type { Ctx, RequestMeta } from '../context.ts';
import { hashPassword } from './passwords.ts';
import { newOneTimePassword } from './secrets.ts';
import {
  countUsers,
  findMembersOf,
  findMemberships,
  findOrganisation,
  findOrganisationByName,
  findUserByEmail,
  insertMembership,
  insertOrganisation,
  insertUser,
  listOrganisations,
  setOrganisationMfaRequired,
  updateUser,
  deleteSessionsOfUser,
} from './store.ts';
import {
  createOrganisationInput,
  createUserInput,
  type CreateOrganisationInput,
  type CreateUserInput,
  type OrganisationView,
} from './schemas.ts';

export function assertAllowed(actor: Actor, action: Parameters<typeof decide>[1]): void {
  const decision = decide(actor, action);
  if (!decision.allowed) {
    throw new AppError('FORBIDDEN', decision.reason);
  }
}

export type InitResult = {
  organisation: OrganisationView;
  email: string;
  password: string;
  generated: boolean;
};

/** First run: the coordinator organisation and its administrator, with a one-time password. */
export async function initialisePlatform(
  ctx: Ctx,
  opts: { email?: string; password?: string; country?: string; organisationName?: string },
): Promise<InitResult> {
  return inTransaction(ctx.db, async (tx) => {
    await tx.query('LOCK TABLE users IN EXCLUSIVE MODE');
    if ((await countUsers(tx)) > 0) {
      throw new AppError(
        'PLATFORM_ALREADY_INITIALISED',
        'Accord is already initialised: an administrator exists',
      );
    }
    const org = parseInput(createOrganisationInput, {
      name: opts.organisationName ?? 'Accord Coordination Centre',
      country: opts.country ?? 'CH',
      kind: 'coordinator',
      mfaRequired: false,
    });
    const organisation = await insertOrganisation(tx, org);
    const email = opts.email ?? 'admin@accord.local';
    const password = opts.password ?? newOneTimePassword();
    const userId = await insertUser(tx, {
      email,
      displayName: 'Platform administrator',
      languages: ['en'],
      isAdmin: true,
      passwordHash: await hashPassword(password),
    });
    await insertMembership(tx, userId, organisation.id, 'org-admin');
    await appendAudit(
      tx,
      {
        action: 'platform.initialise',
        resourceType: 'organisation',
        resourceId: organisation.id,
        actorOrganisationId: organisation.id,
        summary: { organisation: organisation.name, admin: email },
      },
      ctx.now(),
    );
    return { organisation, email, password, generated: opts.password === undefined };
  });
}

export async function isInitialised(ctx: Ctx): Promise<boolean> {
  return (await countUsers(ctx.db)) > 0;
}

export async function createOrganisation(
  ctx: Ctx,
  actor: Actor,
  raw: unknown,
  meta: RequestMeta = {},
  demo = false,
): Promise<OrganisationView> {
  assertAllowed(actor, { kind: 'organisation:create' });
  const input: CreateOrganisationInput = parseInput(createOrganisationInput, raw, 'organisation');
  return inTransaction(ctx.db, async (tx) => {
    if (await findOrganisationByName(tx, input.name)) {
      throw new AppError('CONFLICT', `an organisation named "${input.name}" already exists`, [
        { path: 'name', reason: 'already taken' },
      ]);
    }
    const organisation = await insertOrganisation(tx, { ...input, demo });
    await appendAudit(
      tx,
      {
        actorUserId: actor.userId,
        action: 'organisation.create',
        resourceType: 'organisation',
        resourceId: organisation.id,
        summary: { ...input },
        requestId: meta.requestId ?? null,
      },
      ctx.now(),
    );
    return organisation;
  });
}

export async function setMfaRequired(
  ctx: Ctx,
  actor: Actor,
  organisationId: string,
  required: boolean,
  meta: RequestMeta = {},
): Promise<OrganisationView> {
  assertAllowed(actor, { kind: 'organisation:update', organisationId });
  return inTransaction(ctx.db, async (tx) => {
    if (!(await findOrganisation(tx, organisationId))) {
      throw new AppError('PLATFORM_UNKNOWN_ORGANISATION', `no organisation with id ${organisationId}`);
    }
    await setOrganisationMfaRequired(tx, organisationId, required);
    await appendAudit(
      tx,
      {
        actorUserId: actor.userId,
        actorOrganisationId: organisationId,
        action: 'organisation.mfa-required',
        resourceType: 'organisation',
        resourceId: organisationId,
        summary: { mfaRequired: required },
        requestId: meta.requestId ?? null,
      },
      ctx.now(),
    );
    return (await findOrganisation(tx, organisationId)) as OrganisationView;
  });
}

export async function listVisibleOrganisations(ctx: Ctx, actor: Actor): Promise<OrganisationView[]> {
  assertAllowed(actor, { kind: 'organisation:list' });
  return listOrganisations(ctx.db);
}

export async function listMembers(ctx: Ctx, actor: Actor, organisationId: string) {
  assertAllowed(actor, { kind: 'organisation:read-members', organisationId });
  return (await findMembersOf(ctx.db, organisationId)).map((m) => ({
    id: m.id,
    email: m.email,
    displayName: m.display_name,
    role: m.role,
    mfaEnabled: m.mfa_enabled,
  }));
}

export type CreatedUser = { id: string; email: string; oneTimePassword: string };

export async function createUser(
  ctx: Ctx,
  actor: Actor,
  raw: unknown,
  meta: RequestMeta = {},
  opts: { password?: string; demo?: boolean } = {},
): Promise<CreatedUser> {
  const input: CreateUserInput = parseInput(createUserInput, raw, 'user');
  assertAllowed(actor, { kind: 'user:create', organisationId: input.organisationId, isAdmin: input.isAdmin });
  const password = opts.password ?? newOneTimePassword();
  const passwordHash = await hashPassword(password);
  return inTransaction(ctx.db, async (tx) => {
    if (!(await findOrganisation(tx, input.organisationId))) {
      throw new AppError('PLATFORM_UNKNOWN_ORGANISATION', `no organisation with id ${input.organisationId}`, [
        { path: 'organisationId', reason: 'unknown organisation' },
      ]);
    }
    if (await findUserByEmail(tx, input.email)) {
      throw new AppError('CONFLICT', `a user with e-mail ${input.email} already exists`, [
        { path: 'email', reason: 'already taken' },
      ]);
    }
    const id = await insertUser(tx, {
      email: input.email,
      displayName: input.displayName,
      languages: input.languages,
      isAdmin: input.isAdmin,
      passwordHash,
      demo: opts.demo ?? false,
      mustChangePassword: opts.password === undefined,
    });
    await insertMembership(tx, id, input.organisationId, input.role);
    await appendAudit(
      tx,
      {
        actorUserId: actor.userId,
        actorOrganisationId: input.organisationId,
        action: 'user.create',
        resourceType: 'user',
        resourceId: id,
        summary: { email: input.email, role: input.role, isAdmin: input.isAdmin },
        requestId: meta.requestId ?? null,
      },
      ctx.now(),
    );
    return { id, email: input.email, oneTimePassword: password };
  });
}

/** A new one-time password that must be changed at next login; every session of the user ends. */
export async function resetPassword(
  ctx: Ctx,
  actor: Actor,
  email: string,
  meta: RequestMeta = {},
): Promise<{ email: string; oneTimePassword: string }> {
  const user = await findUserByEmail(ctx.db, email);
  if (!user) {
    throw new AppError('PLATFORM_UNKNOWN_USER', `no user with e-mail ${email}`);
  }
  const memberships = await findMemberships(ctx.db, user.id);
  assertAllowed(actor, {
    kind: 'user:reset-password',
    targetOrganisationIds: memberships.map((m) => m.organisation_id),
  });
  const password = newOneTimePassword();
  const hash = await hashPassword(password);
  await inTransaction(ctx.db, async (tx) => {
    await updateUser(tx, user.id, {
      password_hash: hash,
      must_change_password: true,
      failed_logins: 0,
      locked_until: null,
    });
    await deleteSessionsOfUser(tx, user.id);
    await appendAudit(
      tx,
      {
        actorUserId: actor.userId,
        action: 'user.reset-password',
        resourceType: 'user',
        resourceId: user.id,
        summary: { email: user.email },
        requestId: meta.requestId ?? null,
      },
      ctx.now(),
    );
  });
  return { email: user.email, oneTimePassword: password };
}

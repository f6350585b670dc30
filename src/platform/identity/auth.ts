// Logging in and proving who you are on each request: sessions (cookie + CSRF token) and API tokens.
import { AppError } from '../errors/app-error.ts';
import { appendAudit } from '../audit/store.ts';
import { inTransaction } from '../db/pool.ts';
import type { Ctx, RequestMeta } from '../context.ts';
import type { Actor } from '../access/policy.ts';
import { decoyPasswordHash, hashPassword, passwordProblemDetail, verifyPassword } from './passwords.ts';
import { looksLikeApiToken, normaliseRecoveryCode, randomToken, sha256 } from './secrets.ts';
import { verifyTotp } from './totp.ts';
import { actorOf, mfaEnrolmentRequired } from './present.ts';
import {
  countLoginAttempts,
  deleteSession,
  deleteSessionsOfUser,
  findApiTokenByHash,
  findMemberships,
  findSession,
  findUserByEmail,
  findUserById,
  insertSession,
  markTokenUsed,
  pruneLoginAttempts,
  recordLoginAttempt,
  touchSession,
  updateUser,
  useRecoveryCode,
  type UserRow,
} from './store.ts';

export const LOCKOUT_AFTER_FAILURES = 10;
export const LOCKOUT_MINUTES = 15;
export const MAX_ATTEMPTS_PER_SOURCE = 30;
export const ATTEMPT_WINDOW_MINUTES = 5;

export type LoginResult = { sessionToken: string; csrfToken: string; userId: string; expiresAt: string };

const minutesFrom = (date: Date, minutes: number) => new Date(date.getTime() + minutes * 60_000);

/** Checks password (and TOTP or a recovery code when enrolled); throttled per source and locked per account. */
export async function login(
  ctx: Ctx,
  input: { email: string; password: string; totp?: string | undefined },
  meta: RequestMeta,
): Promise<LoginResult> {
  const now = ctx.now();
  const since = minutesFrom(now, -ATTEMPT_WINDOW_MINUTES).toISOString();
  const sources = [`ip:${meta.ip ?? 'unknown'}`, `email:${input.email}`];
  for (const source of sources) {
    if ((await countLoginAttempts(ctx.db, source, since)) >= MAX_ATTEMPTS_PER_SOURCE) {
      throw new AppError(
        'AUTH_RATE_LIMITED',
        `too many login attempts; try again in ${ATTEMPT_WINDOW_MINUTES} minutes`,
        undefined,
        { retryAfterSeconds: ATTEMPT_WINDOW_MINUTES * 60 },
      );
    }
  }
  await Promise.all(sources.map((s) => recordLoginAttempt(ctx.db, s, now.toISOString())));

  const user = await findUserByEmail(ctx.db, input.email);
  if (!user || user.disabled) {
    await verifyPassword(await decoyPasswordHash(), input.password);
    throw new AppError('AUTH_INVALID_CREDENTIALS', 'wrong e-mail or password');
  }
  if (user.locked_until && new Date(user.locked_until) > now) {
    throw new AppError(
      'AUTH_LOCKED',
      `this account is locked after repeated failures until ${user.locked_until}`,
      undefined,
      { retryAfterSeconds: (new Date(user.locked_until).getTime() - now.getTime()) / 1000 },
    );
  }
  if (!(await verifyPassword(user.password_hash, input.password))) {
    await recordFailure(ctx, user, meta, 'password');
    throw new AppError('AUTH_INVALID_CREDENTIALS', 'wrong e-mail or password');
  }
  if (user.totp_secret) {
    if (!input.totp) {
      throw new AppError(
        'AUTH_MFA_REQUIRED',
        'enter the 6-digit code from your authenticator app, or a recovery code',
      );
    }
    if (!(await checkSecondFactor(ctx, user, input.totp, now))) {
      await recordFailure(ctx, user, meta, 'second-factor');
      throw new AppError(
        'AUTH_MFA_INVALID',
        'that code is not valid (codes work once and only for 30 seconds)',
      );
    }
  }
  return startSession(ctx, user, meta, now);
}

async function checkSecondFactor(ctx: Ctx, user: UserRow, code: string, now: Date): Promise<boolean> {
  const counter = verifyTotp(user.totp_secret as string, code, now, user.totp_last_counter);
  if (counter !== undefined) {
    await updateUser(ctx.db, user.id, { totp_last_counter: counter });
    return true;
  }
  return useRecoveryCode(ctx.db, user.id, sha256(normaliseRecoveryCode(code)), now.toISOString());
}

async function recordFailure(ctx: Ctx, user: UserRow, meta: RequestMeta, step: string): Promise<void> {
  const failures = user.failed_logins + 1;
  const lock =
    failures >= LOCKOUT_AFTER_FAILURES ? minutesFrom(ctx.now(), LOCKOUT_MINUTES).toISOString() : null;
  await inTransaction(ctx.db, async (tx) => {
    await updateUser(tx, user.id, { failed_logins: lock ? 0 : failures, locked_until: lock });
    await appendAudit(
      tx,
      {
        actorUserId: user.id,
        action: lock ? 'auth.lockout' : 'auth.login-failed',
        resourceType: 'user',
        resourceId: user.id,
        summary: { step, failures, ip: meta.ip ?? null },
        requestId: meta.requestId ?? null,
      },
      ctx.now(),
    );
  });
}

async function startSession(ctx: Ctx, user: UserRow, meta: RequestMeta, now: Date): Promise<LoginResult> {
  const sessionToken = randomToken();
  const csrfToken = randomToken();
  const expiresAt = minutesFrom(now, ctx.config.sessionAbsoluteHours * 60).toISOString();
  await inTransaction(ctx.db, async (tx) => {
    await insertSession(tx, {
      tokenHash: sha256(sessionToken),
      userId: user.id,
      csrfToken,
      expiresAt,
      ip: meta.ip ?? null,
      userAgent: meta.userAgent?.slice(0, 300) ?? null,
      now: now.toISOString(),
    });
    await updateUser(tx, user.id, { failed_logins: 0, locked_until: null });
    await appendAudit(
      tx,
      {
        actorUserId: user.id,
        action: 'auth.login',
        resourceType: 'session',
        resourceId: null,
        summary: { ip: meta.ip ?? null, mfa: user.totp_secret !== null },
        requestId: meta.requestId ?? null,
      },
      now,
    );
  });
  await pruneLoginAttempts(ctx.db, minutesFrom(now, -60).toISOString());
  return { sessionToken, csrfToken, userId: user.id, expiresAt };
}

export type Authenticated = {
  actor: Actor;
  user: UserRow;
  /** Present for cookie sessions: writes must carry it (CSRF). */
  csrfToken: string | undefined;
  sessionHash: string | undefined;
  /** Set when the user must do something before using the rest of the API. */
  gate: 'password-change' | 'mfa-enrolment' | undefined;
};

/** Resolves a session cookie; idle and absolute expiry both end the session. */
export async function authenticateSession(ctx: Ctx, sessionToken: string): Promise<Authenticated> {
  const hash = sha256(sessionToken);
  const session = await findSession(ctx.db, hash);
  const now = ctx.now();
  if (!session) {
    throw new AppError('AUTH_REQUIRED', 'please log in');
  }
  const idleLimit = minutesFrom(new Date(session.last_seen_at), ctx.config.sessionIdleMinutes);
  if (new Date(session.expires_at) <= now || idleLimit <= now) {
    await deleteSession(ctx.db, hash);
    throw new AppError('AUTH_SESSION_EXPIRED', 'your session has expired; please log in again');
  }
  const user = await findUserById(ctx.db, session.user_id);
  if (!user || user.disabled) {
    throw new AppError('AUTH_REQUIRED', 'please log in');
  }
  // Touch at most once a minute: a write per request would cost more than the whole request.
  if (now.getTime() - new Date(session.last_seen_at).getTime() > 60_000) {
    await touchSession(ctx.db, hash, now.toISOString());
  }
  const memberships = await findMemberships(ctx.db, user.id);
  return {
    actor: actorOf(user, memberships, 'session'),
    user,
    csrfToken: session.csrf_token,
    sessionHash: hash,
    gate: gateFor(user, memberships),
  };
}

function gateFor(
  user: UserRow,
  memberships: Parameters<typeof mfaEnrolmentRequired>[1],
): Authenticated['gate'] {
  if (user.must_change_password) {
    return 'password-change';
  }
  return mfaEnrolmentRequired(user, memberships) ? 'mfa-enrolment' : undefined;
}

/** Resolves an API token with one indexed lookup of its SHA-256: no password hashing per request. */
export async function authenticateApiToken(ctx: Ctx, token: string): Promise<Authenticated> {
  if (!looksLikeApiToken(token)) {
    throw new AppError('AUTH_TOKEN_INVALID', 'that API token is malformed');
  }
  const row = await findApiTokenByHash(ctx.db, sha256(token));
  const now = ctx.now();
  if (!row || row.revoked_at || (row.expires_at && new Date(row.expires_at) <= now)) {
    throw new AppError('AUTH_TOKEN_INVALID', 'that API token is unknown, revoked or expired');
  }
  const user = await findUserById(ctx.db, row.user_id);
  if (!user || user.disabled) {
    throw new AppError('AUTH_TOKEN_INVALID', 'the owner of that API token is disabled');
  }
  if (!row.last_used_at || now.getTime() - new Date(row.last_used_at).getTime() > 60_000) {
    await markTokenUsed(ctx.db, row.id, now.toISOString());
  }
  const memberships = await findMemberships(ctx.db, user.id);
  // Tokens act for one organisation only, and a token is not a way around a pending password change.
  const gate = user.must_change_password ? 'password-change' : undefined;
  return {
    actor: actorOf(user, memberships, 'token', row.organisation_id),
    user,
    csrfToken: undefined,
    sessionHash: undefined,
    gate,
  };
}

export async function logout(ctx: Ctx, auth: Authenticated, meta: RequestMeta): Promise<void> {
  if (!auth.sessionHash) {
    return;
  }
  const hash = auth.sessionHash;
  await inTransaction(ctx.db, async (tx) => {
    await deleteSession(tx, hash);
    await appendAudit(
      tx,
      {
        actorUserId: auth.user.id,
        action: 'auth.logout',
        resourceType: 'session',
        summary: {},
        requestId: meta.requestId ?? null,
      },
      ctx.now(),
    );
  });
}

/** Changes the password after checking the current one; other sessions of the user end. */
export async function changePassword(
  ctx: Ctx,
  auth: Authenticated,
  current: string,
  next: string,
  meta: RequestMeta,
): Promise<void> {
  if (!(await verifyPassword(auth.user.password_hash, current))) {
    throw new AppError('AUTH_INVALID_CREDENTIALS', 'the current password is wrong', [
      { path: 'currentPassword', reason: 'wrong password' },
    ]);
  }
  const problem = passwordProblemDetail(next, auth.user.email, 'newPassword');
  if (problem) {
    throw new AppError('AUTH_PASSWORD_WEAK', `the new password ${problem.reason}`, [problem]);
  }
  if (await verifyPassword(auth.user.password_hash, next)) {
    throw new AppError('AUTH_PASSWORD_WEAK', 'the new password must differ from the current one', [
      { path: 'newPassword', reason: 'same as current', code: 'password_same_as_current' },
    ]);
  }
  const hash = await hashPassword(next);
  await inTransaction(ctx.db, async (tx) => {
    await updateUser(tx, auth.user.id, {
      password_hash: hash,
      must_change_password: false,
      password_changed_at: ctx.now().toISOString(),
    });
    await deleteSessionsOfUser(tx, auth.user.id, auth.sessionHash);
    await appendAudit(
      tx,
      {
        actorUserId: auth.user.id,
        action: 'auth.password-change',
        resourceType: 'user',
        resourceId: auth.user.id,
        summary: {},
        requestId: meta.requestId ?? null,
      },
      ctx.now(),
    );
  });
}

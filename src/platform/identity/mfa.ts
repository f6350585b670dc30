// TOTP enrolment: start (secret + QR), confirm with a first code (recovery codes shown once), disable.
import { AppError } from '../errors/app-error.ts';
import { appendAudit } from '../audit/store.ts';
import { inTransaction } from '../db/pool.ts';
import type { Ctx, RequestMeta } from '../context.ts';
import type { Authenticated } from './auth.ts';
import { verifyPassword } from './passwords.ts';
import { newRecoveryCodes, sha256 } from './secrets.ts';
import { newTotpSecret, otpauthUrl, qrSvg, verifyTotp } from './totp.ts';
import { findUserById, replaceRecoveryCodes, updateUser } from './store.ts';

export async function startMfaEnrolment(
  ctx: Ctx,
  auth: Authenticated,
): Promise<{ secret: string; otpauthUrl: string; qrSvg: string }> {
  if (auth.user.totp_secret) {
    throw new AppError(
      'AUTH_MFA_ALREADY_ENABLED',
      'two-factor authentication is already enabled; disable it first to enrol again',
    );
  }
  const secret = newTotpSecret();
  await updateUser(ctx.db, auth.user.id, { totp_pending_secret: secret });
  const url = otpauthUrl(secret, auth.user.email);
  return { secret, otpauthUrl: url, qrSvg: await qrSvg(url) };
}

export async function confirmMfaEnrolment(
  ctx: Ctx,
  auth: Authenticated,
  code: string,
  meta: RequestMeta,
): Promise<{ recoveryCodes: string[] }> {
  const user = await findUserById(ctx.db, auth.user.id);
  const pending = user?.totp_pending_secret;
  if (!user || !pending) {
    throw new AppError('AUTH_MFA_NOT_STARTED', 'start the enrolment first (a new secret is needed)');
  }
  const counter = verifyTotp(pending, code, ctx.now(), null);
  if (counter === undefined) {
    throw new AppError(
      'AUTH_MFA_INVALID',
      'that code does not match; check the time on your phone and try the next code',
      [{ path: 'code', reason: 'does not match the secret' }],
    );
  }
  const codes = newRecoveryCodes();
  await inTransaction(ctx.db, async (tx) => {
    await updateUser(tx, user.id, {
      totp_secret: pending,
      totp_pending_secret: null,
      totp_last_counter: counter,
    });
    await replaceRecoveryCodes(
      tx,
      user.id,
      codes.map((c) => sha256(c)),
    );
    await appendAudit(
      tx,
      {
        actorUserId: user.id,
        action: 'auth.mfa-enable',
        resourceType: 'user',
        resourceId: user.id,
        summary: { method: 'totp', recoveryCodes: codes.length },
        requestId: meta.requestId ?? null,
      },
      ctx.now(),
    );
  });
  return { recoveryCodes: codes };
}

export async function disableMfa(
  ctx: Ctx,
  auth: Authenticated,
  password: string,
  meta: RequestMeta,
): Promise<void> {
  if (!(await verifyPassword(auth.user.password_hash, password))) {
    throw new AppError('AUTH_INVALID_CREDENTIALS', 'the password is wrong', [
      { path: 'password', reason: 'wrong password' },
    ]);
  }
  await inTransaction(ctx.db, async (tx) => {
    await updateUser(tx, auth.user.id, {
      totp_secret: null,
      totp_pending_secret: null,
      totp_last_counter: null,
    });
    await replaceRecoveryCodes(tx, auth.user.id, []);
    await appendAudit(
      tx,
      {
        actorUserId: auth.user.id,
        action: 'auth.mfa-disable',
        resourceType: 'user',
        resourceId: auth.user.id,
        summary: {},
        requestId: meta.requestId ?? null,
      },
      ctx.now(),
    );
  });
}

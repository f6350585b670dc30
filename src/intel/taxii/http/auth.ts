// TAXII authentication: `Authorization: Bearer <API token>`, or HTTP Basic with an API token or the
// account's password as the password (what taxii2-client and most feed readers send). A token is one
// SHA-256 and one indexed lookup; a password pays argon2 once and is then trusted briefly (see cache).
import type { FastifyRequest } from 'fastify';
import type { Ctx } from '../../../platform/context.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import {
  authenticateApiToken,
  ATTEMPT_WINDOW_MINUTES,
  MAX_ATTEMPTS_PER_SOURCE,
  type Authenticated,
} from '../../../platform/identity/auth.ts';
import { looksLikeApiToken } from '../../../platform/identity/secrets.ts';
import { decoyPasswordHash, verifyPassword } from '../../../platform/identity/passwords.ts';
import { actorOf, mfaEnrolmentRequired } from '../../../platform/identity/present.ts';
import {
  countLoginAttempts,
  findMemberships,
  findUserByEmail,
  recordLoginAttempt,
} from '../../../platform/identity/store.ts';
import { createPasswordCache, type PasswordCache } from '../basic-password-cache.ts';

export type TaxiiAuthenticator = (request: FastifyRequest) => Promise<Authenticated>;

export function createTaxiiAuthenticator(
  ctx: Ctx,
  cache: PasswordCache = createPasswordCache(),
): TaxiiAuthenticator {
  return async (request) => {
    const header = request.headers.authorization;
    if (!header) {
      throw new AppError(
        'AUTH_REQUIRED',
        'send an API token as a Bearer token, or Basic with a token or password',
      );
    }
    const [scheme = '', value = ''] = header.split(' ', 2);
    if (scheme.toLowerCase() === 'bearer' && value.trim() !== '') {
      return fromToken(ctx, value.trim());
    }
    if (scheme.toLowerCase() !== 'basic') {
      throw new AppError('AUTH_TOKEN_INVALID', 'use Bearer or Basic authentication');
    }
    const decoded = Buffer.from(value, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    const user = colon < 0 ? '' : decoded.slice(0, colon);
    const secret = colon < 0 ? '' : decoded.slice(colon + 1);
    if (secret === '') {
      throw new AppError(
        'AUTH_TOKEN_INVALID',
        'Basic authentication needs "user:token" or "e-mail:password"',
      );
    }
    return looksLikeApiToken(secret)
      ? fromToken(ctx, secret)
      : fromPassword(ctx, cache, user, secret, request.ip);
  };
}

async function fromToken(ctx: Ctx, token: string): Promise<Authenticated> {
  const auth = await authenticateApiToken(ctx, token);
  if (auth.gate) {
    throw new AppError(
      'AUTH_PASSWORD_CHANGE_REQUIRED',
      'the owner of this token must change their one-time password first',
    );
  }
  return auth;
}

/**
 * Basic with the account password, throttled like the login form. Accounts with a second factor must
 * use an API token: a password alone would get around MFA.
 */
async function fromPassword(
  ctx: Ctx,
  cache: PasswordCache,
  email: string,
  password: string,
  ip: string,
): Promise<Authenticated> {
  const now = ctx.now();
  const user = await findUserByEmail(ctx.db, email);
  const cached = user !== undefined && cache.verified(email, password, user.password_hash, now.getTime());
  if (!cached) {
    const since = new Date(now.getTime() - ATTEMPT_WINDOW_MINUTES * 60_000).toISOString();
    for (const source of [`ip:${ip}`, `email:${email}`]) {
      if ((await countLoginAttempts(ctx.db, source, since)) >= MAX_ATTEMPTS_PER_SOURCE) {
        throw new AppError(
          'AUTH_RATE_LIMITED',
          `too many failed attempts; try again in ${ATTEMPT_WINDOW_MINUTES} minutes`,
          undefined,
          {
            retryAfterSeconds: ATTEMPT_WINDOW_MINUTES * 60,
          },
        );
      }
    }
    // An unknown user costs the same argon2 as a known one, so timing does not reveal accounts.
    const ok = await verifyPassword(user?.password_hash ?? (await decoyPasswordHash()), password);
    if (!ok || !user) {
      await Promise.all(
        [`ip:${ip}`, `email:${email}`].map((s) => recordLoginAttempt(ctx.db, s, now.toISOString())),
      );
      throw new AppError('AUTH_INVALID_CREDENTIALS', 'wrong user or password');
    }
    cache.remember(email, password, user.password_hash, now.getTime());
  }
  if (!user || user.disabled || (user.locked_until && new Date(user.locked_until) > now)) {
    throw new AppError('AUTH_INVALID_CREDENTIALS', 'this account is disabled or locked');
  }
  if (user.totp_secret) {
    throw new AppError(
      'AUTH_MFA_REQUIRED',
      'this account uses a second factor: use an API token instead of the password',
    );
  }
  const memberships = await findMemberships(ctx.db, user.id);
  if (user.must_change_password || mfaEnrolmentRequired(user, memberships)) {
    throw new AppError(
      'AUTH_PASSWORD_CHANGE_REQUIRED',
      'log in to the web UI first to finish setting up this account',
    );
  }
  return {
    actor: actorOf(user, memberships, 'session'),
    user,
    csrfToken: undefined,
    sessionHash: undefined,
    gate: undefined,
  };
}

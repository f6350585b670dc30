// Resolves who is calling (session cookie or bearer API token), enforces CSRF on cookie writes, and
// holds users to a pending password change or MFA enrolment before anything else.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../errors/app-error.ts';
import type { Ctx } from '../context.ts';
import { authenticateApiToken, authenticateSession, type Authenticated } from '../identity/auth.ts';
import { safeEqual } from '../identity/secrets.ts';

export const SESSION_COOKIE = 'accord_session';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

declare module 'fastify' {
  interface FastifyRequest {
    auth: Authenticated | undefined;
  }
  interface FastifyContextConfig {
    /** `public`: no login needed; `gate-exempt`: allowed while a password change or MFA enrolment is pending. */
    access?: 'public' | 'gate-exempt';
  }
}

export function registerAuthHook(app: FastifyInstance, ctx: Ctx): void {
  app.decorateRequest('auth', undefined);
  app.addHook('preHandler', async (request) => {
    const access = request.routeOptions.config.access;
    request.auth = await resolve(ctx, request, access === 'public');
    if (access === 'public') {
      return;
    }
    const auth = requireAuth(request);
    if (auth.csrfToken !== undefined && !SAFE_METHODS.has(request.method)) {
      const sent = request.headers['x-csrf-token'];
      if (typeof sent !== 'string' || !safeEqual(sent, auth.csrfToken)) {
        throw new AppError(
          'CSRF_INVALID',
          'missing or wrong x-csrf-token header (get it from GET /api/v1/auth/me)',
        );
      }
    }
    if (auth.gate && access !== 'gate-exempt') {
      throw auth.gate === 'password-change'
        ? new AppError(
            'AUTH_PASSWORD_CHANGE_REQUIRED',
            'change your one-time password first (POST /api/v1/auth/password)',
          )
        : new AppError(
            'AUTH_MFA_ENROLMENT_REQUIRED',
            'your organisation requires two-factor authentication: enrol first',
          );
    }
  });
}

async function resolve(
  ctx: Ctx,
  request: FastifyRequest,
  optional: boolean,
): Promise<Authenticated | undefined> {
  const header = request.headers.authorization;
  if (header) {
    const [scheme, value] = header.split(' ', 2);
    if (scheme?.toLowerCase() === 'bearer' && value) {
      return authenticateApiToken(ctx, value.trim());
    }
    throw new AppError('AUTH_TOKEN_INVALID', 'the Authorization header must be "Bearer <API token>"');
  }
  const cookie = request.cookies[SESSION_COOKIE];
  if (!cookie) {
    return undefined;
  }
  try {
    return await authenticateSession(ctx, cookie);
  } catch (error) {
    if (optional) {
      return undefined;
    }
    throw error;
  }
}

export function requireAuth(request: FastifyRequest): Authenticated {
  if (!request.auth) {
    throw new AppError('AUTH_REQUIRED', 'please log in or send an API token');
  }
  return request.auth;
}

export function metaOf(request: FastifyRequest) {
  return { requestId: request.id, ip: request.ip, userAgent: request.headers['user-agent'] };
}

// TAXII authentication: `Authorization: Bearer <API token>` or HTTP Basic with an API token as the
// password (what taxii2-client and most feeds send). One hash lookup; no password hashing per request.
import type { FastifyRequest } from 'fastify';
import type { Ctx } from '../../../platform/context.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import { authenticateApiToken, type Authenticated } from '../../../platform/identity/auth.ts';

export async function authenticateTaxii(ctx: Ctx, request: FastifyRequest): Promise<Authenticated> {
  const header = request.headers.authorization;
  if (!header) {
    throw new AppError('AUTH_REQUIRED', 'send an API token as a Bearer token or as the Basic password');
  }
  const [scheme = '', value = ''] = header.split(' ', 2);
  let token: string | undefined;
  if (scheme.toLowerCase() === 'bearer') {
    token = value.trim();
  } else if (scheme.toLowerCase() === 'basic') {
    const decoded = Buffer.from(value, 'base64').toString('utf8');
    token = decoded.slice(decoded.indexOf(':') + 1);
  }
  if (!token) {
    throw new AppError('AUTH_TOKEN_INVALID', 'use Bearer or Basic authentication with an API token');
  }
  const auth = await authenticateApiToken(ctx, token);
  if (auth.gate) {
    throw new AppError(
      'AUTH_PASSWORD_CHANGE_REQUIRED',
      'the owner of this token must change their one-time password first',
    );
  }
  return auth;
}

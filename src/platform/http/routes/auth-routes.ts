// /api/v1/auth: login (password, then TOTP), session, password change, MFA enrolment, logout.
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Ctx } from '../../context.ts';
import { AppError } from '../../errors/app-error.ts';
import { changePassword, login, logout } from '../../identity/auth.ts';
import { confirmMfaEnrolment, disableMfa, startMfaEnrolment } from '../../identity/mfa.ts';
import { presentMe } from '../../identity/present.ts';
import { changePasswordInput, loginInput, meView, updateMeInput } from '../../identity/schemas.ts';
import { findUserById, updateUser } from '../../identity/store.ts';
import { metaOf, requireAuth, SESSION_COOKIE } from '../auth-hook.ts';

const userResponse = z.object({ user: meView });

export function authRoutes(ctx: Ctx): FastifyPluginAsync {
  return async (base) => {
    const app = base.withTypeProvider<ZodTypeProvider>();
    const secure = ctx.config.publicUrl?.startsWith('https:') ?? false;
    const reloadMe = async (id: string) => presentMe(ctx.db, (await findUserById(ctx.db, id))!);

    app.post(
      '/login',
      {
        config: { access: 'public' },
        schema: {
          tags: ['auth'],
          summary: 'Log in with e-mail and password (and TOTP when enrolled)',
          body: loginInput,
          response: { 200: userResponse },
        },
      },
      async (request, reply) => {
        const result = await login(ctx, request.body, metaOf(request));
        void reply.setCookie(SESSION_COOKIE, result.sessionToken, {
          httpOnly: true,
          sameSite: 'strict',
          secure: secure || request.protocol === 'https',
          path: '/',
          expires: new Date(result.expiresAt),
        });
        return { user: await reloadMe(result.userId) };
      },
    );

    app.get(
      '/me',
      {
        config: { access: 'gate-exempt' },
        schema: {
          tags: ['auth'],
          summary: 'The logged-in user and the CSRF token for cookie-authenticated writes',
          response: { 200: z.object({ user: meView, csrfToken: z.string().nullable() }) },
        },
      },
      async (request) => {
        const auth = requireAuth(request);
        return { user: await presentMe(ctx.db, auth.user), csrfToken: auth.csrfToken ?? null };
      },
    );

    app.patch(
      '/me',
      {
        config: { access: 'gate-exempt' },
        schema: {
          tags: ['auth'],
          summary: 'Change display name, interface language or spoken languages',
          body: updateMeInput,
          response: { 200: userResponse },
        },
      },
      async (request) => {
        const auth = requireAuth(request);
        const { displayName, language, languages } = request.body;
        await updateUser(ctx.db, auth.user.id, {
          ...(displayName !== undefined ? { display_name: displayName } : {}),
          ...(language !== undefined ? { ui_language: language } : {}),
          ...(languages !== undefined ? { languages } : {}),
        });
        return { user: await reloadMe(auth.user.id) };
      },
    );

    app.post(
      '/logout',
      {
        config: { access: 'gate-exempt' },
        schema: { tags: ['auth'], summary: 'End this session' },
      },
      async (request, reply) => {
        await logout(ctx, requireAuth(request), metaOf(request));
        void reply.clearCookie(SESSION_COOKIE, { path: '/' });
        return reply.status(204).send();
      },
    );

    app.post(
      '/password',
      {
        config: { access: 'gate-exempt' },
        schema: {
          tags: ['auth'],
          summary: 'Change the password (required after a one-time password)',
          body: changePasswordInput,
          response: { 200: userResponse },
        },
      },
      async (request) => {
        const auth = requireAuth(request);
        await changePassword(
          ctx,
          auth,
          request.body.currentPassword,
          request.body.newPassword,
          metaOf(request),
        );
        return { user: await reloadMe(auth.user.id) };
      },
    );

    const notDuringPasswordChange = (gate: string | undefined) => {
      if (gate === 'password-change') {
        throw new AppError(
          'AUTH_PASSWORD_CHANGE_REQUIRED',
          'change your one-time password before enrolling two-factor authentication',
        );
      }
    };

    app.post(
      '/mfa/setup',
      {
        config: { access: 'gate-exempt' },
        schema: {
          tags: ['auth'],
          summary: 'Start TOTP enrolment: a new secret, its otpauth URL and a QR code (SVG)',
          response: { 200: z.object({ secret: z.string(), otpauthUrl: z.string(), qrSvg: z.string() }) },
        },
      },
      async (request) => {
        const auth = requireAuth(request);
        notDuringPasswordChange(auth.gate);
        return startMfaEnrolment(ctx, auth);
      },
    );

    app.post(
      '/mfa/enable',
      {
        config: { access: 'gate-exempt' },
        schema: {
          tags: ['auth'],
          summary: 'Confirm TOTP enrolment with a first code; returns recovery codes once',
          body: z.object({ code: z.string().trim().min(1, 'is required').max(16) }),
          response: { 200: z.object({ recoveryCodes: z.array(z.string()) }) },
        },
      },
      async (request) => {
        const auth = requireAuth(request);
        notDuringPasswordChange(auth.gate);
        return confirmMfaEnrolment(ctx, auth, request.body.code, metaOf(request));
      },
    );

    app.post(
      '/mfa/disable',
      {
        schema: {
          tags: ['auth'],
          summary: 'Turn TOTP off (password required)',
          body: z.object({ password: z.string().min(1).max(256) }),
          response: { 200: userResponse },
        },
      },
      async (request) => {
        const auth = requireAuth(request);
        await disableMfa(ctx, auth, request.body.password, metaOf(request));
        return { user: await reloadMe(auth.user.id) };
      },
    );
  };
}

// `accord admin …` and `accord audit verify`: first-run set-up, organisations, users, tokens, the audit chain.
import type { Command } from 'commander';
import { AppError } from '../errors/app-error.ts';
import { createOrganisation, createUser, initialisePlatform, resetPassword } from '../identity/accounts.ts';
import { createApiToken } from '../identity/tokens.ts';
import { findOrganisationByName } from '../identity/store.ts';
import { verifyChain } from '../audit/chain.ts';
import { readAuditLog } from '../audit/store.ts';
import { printResult, type CliIO } from './io.ts';
import { cliActor, withServices } from './run-with-services.ts';

type Json = { json?: boolean; as?: string };

export function registerAdminCommands(program: Command, io: CliIO): void {
  const admin = program.command('admin').description('first-run set-up, organisations, users and API tokens');

  admin
    .command('init')
    .description('create the coordinator organisation and its administrator (prints a one-time password)')
    .option('--email <email>', 'administrator e-mail', 'admin@accord.local')
    .option('--country <code>', "coordinator's country (ISO 3166-1 alpha-2)", 'CH')
    .option('--json', 'machine-readable output')
    .action(async (opts: Json & { email: string; country: string }) => {
      const result = await withServices(io, (s) =>
        initialisePlatform(s.ctx, {
          email: opts.email,
          country: opts.country,
          password: process.env.ACCORD_ADMIN_PASSWORD || undefined,
        }),
      );
      printResult(
        io,
        opts.json,
        {
          organisation: result.organisation,
          email: result.email,
          oneTimePassword: result.generated ? result.password : null,
        },
        () =>
          formatCredentials(
            result.email,
            result.generated ? result.password : '(from ACCORD_ADMIN_PASSWORD)',
          ),
      );
    });

  admin
    .command('create-org')
    .description('create a member organisation')
    .requiredOption('--name <name>', 'organisation name')
    .requiredOption('--country <code>', 'ISO 3166-1 alpha-2 country code')
    .requiredOption(
      '--kind <kind>',
      'cirt | law-enforcement | central-authority | ministry | isp | rights-holder | coordinator | other',
    )
    .option('--mfa-required', 'require two-factor authentication for its members')
    .option('--as <email>', 'act as this administrator')
    .option('--json', 'machine-readable output')
    .action(async (opts: Json & { name: string; country: string; kind: string; mfaRequired?: boolean }) => {
      const org = await withServices(io, async (s) =>
        createOrganisation(s.ctx, await cliActor(s, opts.as), {
          name: opts.name,
          country: opts.country,
          kind: opts.kind,
          mfaRequired: Boolean(opts.mfaRequired),
        }),
      );
      printResult(
        io,
        opts.json,
        org,
        () => `created organisation ${org.name} (${org.country}, ${org.kind}) id ${org.id}`,
      );
    });

  admin
    .command('create-user')
    .description('create a user in an organisation (prints a one-time password)')
    .requiredOption('--email <email>', 'e-mail address')
    .requiredOption('--name <name>', 'display name')
    .requiredOption('--org <name-or-id>', 'organisation name or id')
    .option('--role <role>', 'org-admin | analyst | reader', 'analyst')
    .option('--admin', 'platform administrator')
    .option('--as <email>', 'act as this administrator')
    .option('--json', 'machine-readable output')
    .action(
      async (opts: Json & { email: string; name: string; org: string; role: string; admin?: boolean }) => {
        const created = await withServices(io, async (s) => {
          const org = await resolveOrganisation(s.ctx.db, opts.org);
          return createUser(s.ctx, await cliActor(s, opts.as), {
            email: opts.email,
            displayName: opts.name,
            organisationId: org,
            role: opts.role,
            isAdmin: Boolean(opts.admin),
          });
        });
        printResult(io, opts.json, created, () => formatCredentials(created.email, created.oneTimePassword));
      },
    );

  admin
    .command('reset-password')
    .description('give a user a new one-time password and end their sessions')
    .requiredOption('--email <email>', "the user's e-mail")
    .option('--as <email>', 'act as this administrator')
    .option('--json', 'machine-readable output')
    .action(async (opts: Json & { email: string }) => {
      const reset = await withServices(io, async (s) =>
        resetPassword(s.ctx, await cliActor(s, opts.as), opts.email),
      );
      printResult(io, opts.json, reset, () => formatCredentials(reset.email, reset.oneTimePassword));
    });

  admin
    .command('create-token')
    .description('create an API token for a user (shown once)')
    .requiredOption('--email <email>', 'the user the token acts for')
    .requiredOption('--name <name>', 'what the token is for')
    .option('--org <name-or-id>', 'organisation the token acts for (default: the first)')
    .option('--expires-in-days <n>', 'expiry in days', (v) => Number(v))
    .option('--json', 'machine-readable output')
    .action(async (opts: Json & { email: string; name: string; org?: string; expiresInDays?: number }) => {
      const created = await withServices(io, async (s) => {
        const actor = await cliActor(s, opts.email);
        const organisationId = opts.org ? await resolveOrganisation(s.ctx.db, opts.org) : undefined;
        return createApiToken(s.ctx, actor, {
          name: opts.name,
          organisationId,
          expiresInDays: opts.expiresInDays,
        });
      });
      printResult(
        io,
        opts.json,
        { token: created.token, tokenInfo: created.view },
        () =>
          `API token "${created.view.name}" (id ${created.view.id}); it is shown only now:\n\n  ${created.token}\n`,
      );
    });

  program
    .command('audit')
    .description('the hash-chained audit log')
    .command('verify')
    .description('recompute the chain and name the first broken link')
    .option('--json', 'machine-readable output')
    .action(async (opts: Json) => {
      const verdict = await withServices(io, async (s) => verifyChain(readAuditLog(s.ctx.db)));
      printResult(io, opts.json, verdict, () =>
        verdict.ok
          ? `audit log intact: ${verdict.entries} entries, head ${verdict.head.slice(0, 16)}…`
          : `audit log BROKEN at entry ${verdict.brokenAt}: ${verdict.reason}`,
      );
      if (!verdict.ok) {
        throw new AppError(
          'PLATFORM_AUDIT_BROKEN',
          `the audit log does not verify (first broken entry: ${verdict.brokenAt})`,
        );
      }
    });
}

async function resolveOrganisation(
  db: Parameters<typeof findOrganisationByName>[0],
  nameOrId: string,
): Promise<string> {
  if (/^[0-9a-f-]{36}$/i.test(nameOrId)) {
    return nameOrId;
  }
  const org = await findOrganisationByName(db, nameOrId);
  if (!org) {
    throw new AppError('PLATFORM_UNKNOWN_ORGANISATION', `no organisation named "${nameOrId}"`);
  }
  return org.id;
}

export function formatCredentials(email: string, password: string): string {
  return [
    '',
    `  e-mail:             ${email}`,
    `  one-time password:  ${password}`,
    '',
    '  It is shown only now and must be changed at first login.',
    '',
  ].join('\n');
}

// `accord demo`: fills an instance with the clearly labelled demonstration world. Running it again
// gives the demo people fresh passwords (passwords are stored hashed, so they cannot be re-shown).
import type { Command } from 'commander';
import type { Services } from '../services.ts';
import { inTransaction } from '../db/pool.ts';
import { appendAudit } from '../audit/store.ts';
import { hashPassword } from '../identity/passwords.ts';
import { newOneTimePassword } from '../identity/secrets.ts';
import { initialisePlatform, isInitialised } from '../identity/accounts.ts';
import {
  findOrganisationByName,
  findUserByEmail,
  insertMembership,
  insertOrganisation,
  insertUser,
  updateUser,
} from '../identity/store.ts';
import { DEMO_COORDINATOR_PEOPLE, DEMO_ORGANISATIONS, type DemoPerson } from './demo-world.ts';
import { formatCredentials } from './admin-commands.ts';
import { printResult, type CliIO } from './io.ts';
import { withServices } from './run-with-services.ts';
import { loadIntelDemo } from '../../intel/demo.ts';
import { loadIngestDemo } from '../../intel/ingest/demo-imports.ts';
import { loadRoutingDemo } from '../../intel/routing/demo-routing.ts';
import { loadMatchDemo } from '../../intel/matcher/demo-match.ts';
import { loadTaxiiDemo } from '../../intel/taxii/demo-taxii.ts';

export type DemoReport = {
  password: string;
  organisations: number;
  people: { email: string; displayName: string; organisation: string; role: string }[];
  admin?: { email: string; password: string };
  summary: string;
};

export async function runDemo(services: Services): Promise<DemoReport> {
  const { ctx } = services;
  let admin: DemoReport['admin'];
  if (!(await isInitialised(ctx))) {
    const init = await initialisePlatform(ctx, { password: process.env.ACCORD_ADMIN_PASSWORD || undefined });
    admin = { email: init.email, password: init.generated ? init.password : '(from ACCORD_ADMIN_PASSWORD)' };
  }
  const password = `demo-${newOneTimePassword()}`;
  const passwordHash = await hashPassword(password);
  const people: DemoReport['people'] = [];
  await inTransaction(ctx.db, async (tx) => {
    const coordinator = await tx.query<{ id: string; name: string }>(
      "SELECT id, name FROM organisations WHERE kind = 'coordinator' ORDER BY created_at LIMIT 1",
    );
    const groups: { organisationId: string; organisation: string; people: DemoPerson[] }[] = [];
    const coord = coordinator.rows[0];
    if (coord) {
      groups.push({ organisationId: coord.id, organisation: coord.name, people: DEMO_COORDINATOR_PEOPLE });
    }
    for (const org of DEMO_ORGANISATIONS) {
      const existing = await findOrganisationByName(tx, org.name);
      const { people: orgPeople, ...input } = org;
      const created = existing ?? (await insertOrganisation(tx, { ...input, demo: true }));
      groups.push({ organisationId: created.id, organisation: created.name, people: orgPeople });
    }
    for (const group of groups) {
      for (const p of group.people) {
        const existing = await findUserByEmail(tx, p.email);
        const id =
          existing?.id ??
          (await insertUser(tx, {
            email: p.email,
            displayName: p.displayName,
            languages: p.languages,
            isAdmin: false,
            passwordHash,
            demo: true,
            mustChangePassword: false,
          }));
        if (existing) {
          await updateUser(tx, id, { password_hash: passwordHash, failed_logins: 0, locked_until: null });
        }
        await insertMembership(tx, id, group.organisationId, p.role);
        people.push({
          email: p.email,
          displayName: p.displayName,
          organisation: group.organisation,
          role: p.role,
        });
      }
    }
    await appendAudit(
      tx,
      {
        action: 'demo.load',
        resourceType: 'platform',
        summary: { organisations: DEMO_ORGANISATIONS.length, people: people.length },
      },
      ctx.now(),
    );
  });
  // Each capability adds its own demonstration data on top of the people and organisations.
  const capabilityLines = [
    ...(await loadIntelDemo(ctx)),
    ...(await loadIngestDemo(ctx)),
    ...(await loadRoutingDemo(ctx)),
    ...(await loadMatchDemo(ctx)),
    ...(await loadTaxiiDemo(ctx, ctx.config.publicUrl ?? `http://localhost:${ctx.config.port}`)),
  ];
  const lines = [
    'Demonstration world loaded (every organisation and person in it is labelled [Demo] and fictitious).',
    ...(admin ? ['Platform administrator:', formatCredentials(admin.email, admin.password)] : []),
    `Demo people, all with the password  ${password}  (shown only now):`,
    ...people.map((p) => `  ${p.email.padEnd(48)} ${p.role.padEnd(10)} ${p.organisation}`),
    '',
    ...capabilityLines,
  ];
  return {
    password,
    organisations: DEMO_ORGANISATIONS.length,
    people,
    ...(admin ? { admin } : {}),
    summary: lines.join('\n'),
  };
}

export function registerDemoCommand(program: Command, io: CliIO): void {
  program
    .command('demo')
    .description(
      'fill this instance with a clearly labelled demonstration world (prints the demo credentials)',
    )
    .option('--json', 'machine-readable output')
    .action(async (opts: { json?: boolean }) => {
      const report = await withServices(io, (s) => runDemo(s));
      printResult(io, opts.json, report, () => report.summary);
    });
}

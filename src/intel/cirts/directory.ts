// The CIRT directory as a service: add or update a team, import a Trusted Introducer export (valid
// teams land, each rejected one is reported with its reason), list, and resolve who is responsible.
import { isIP } from 'node:net';
import type { Ctx, RequestMeta } from '../../platform/context.ts';
import type { Actor } from '../../platform/access/policy.ts';
import { hasRole } from '../../platform/access/policy.ts';
import { AppError, type ErrorDetail } from '../../platform/errors/app-error.ts';
import { parseInput, zodIssuesToDetails } from '../../platform/errors/parse-input.ts';
import { inTransaction } from '../../platform/db/pool.ts';
import { appendAudit } from '../../platform/audit/store.ts';
import { cirtInput, fromTrustedIntroducer, trustedIntroducerTeam } from './schemas.ts';
import { domainCandidates, mostSpecific, type ConstituencyMatch } from './precedence.ts';
import { findConstituencyMatches, listCirts, upsertCirt, type CirtRow } from './cirt-store.ts';

function assertCanEdit(actor: Actor, organisationId: string | undefined): void {
  if (!actor.isAdmin && !(organisationId && hasRole(actor, organisationId, 'org-admin'))) {
    throw new AppError(
      'FORBIDDEN',
      "only platform administrators, or the administrators of the team's own organisation, may edit the directory",
    );
  }
}

export async function saveCirt(
  ctx: Ctx,
  actor: Actor,
  raw: unknown,
  meta: RequestMeta = {},
): Promise<{ id: string; created: boolean }> {
  const input = parseInput(cirtInput, raw, 'CIRT');
  assertCanEdit(actor, input.organisationId);
  return inTransaction(ctx.db, async (tx) => {
    const saved = await upsertCirt(tx, input, 'manual');
    await appendAudit(
      tx,
      {
        actorUserId: actor.userId,
        action: saved.created ? 'cirt.create' : 'cirt.update',
        resourceType: 'cirt',
        resourceId: saved.id,
        summary: { officialName: input.officialName, country: input.country },
        requestId: meta.requestId ?? null,
      },
      ctx.now(),
    );
    return saved;
  });
}

export type ImportReport = {
  imported: number;
  updated: number;
  rejected: { index: number; name: string | null; problems: ErrorDetail[] }[];
};

/** Imports a Trusted Introducer-shaped array of teams; platform administrators only. */
export async function importTrustedIntroducer(
  ctx: Ctx,
  actor: Actor,
  data: unknown,
  meta: RequestMeta = {},
): Promise<ImportReport> {
  assertCanEdit(actor, undefined);
  if (!Array.isArray(data)) {
    throw new AppError('VALIDATION_FAILED', 'the directory file must be a JSON array of teams', [
      { path: '(root)', reason: 'not an array' },
    ]);
  }
  const report: ImportReport = { imported: 0, updated: 0, rejected: [] };
  await inTransaction(ctx.db, async (tx) => {
    for (const [index, item] of data.entries()) {
      const name =
        typeof (item as { official_name?: unknown })?.official_name === 'string'
          ? (item as { official_name: string }).official_name
          : null;
      const team = trustedIntroducerTeam.safeParse(item);
      const parsed = team.success ? cirtInput.safeParse(fromTrustedIntroducer(team.data)) : team;
      if (!parsed.success) {
        report.rejected.push({
          index,
          name,
          problems: zodIssuesToDetails(parsed.error.issues, `[${index}]`),
        });
        continue;
      }
      const saved = await upsertCirt(tx, parsed.data, 'trusted-introducer-import');
      report[saved.created ? 'imported' : 'updated'] += 1;
    }
    await appendAudit(
      tx,
      {
        actorUserId: actor.userId,
        action: 'cirt.import',
        resourceType: 'cirt-directory',
        summary: { imported: report.imported, updated: report.updated, rejected: report.rejected.length },
        requestId: meta.requestId ?? null,
      },
      ctx.now(),
    );
  });
  return report;
}

export type CirtView = ReturnType<typeof presentCirt>;
export function presentCirt(c: CirtRow) {
  return {
    id: c.id,
    organisationId: c.organisation_id,
    officialName: c.official_name,
    shortName: c.short_name,
    country: c.country,
    constituencyTypes: c.constituency_types,
    ranges: c.ranges,
    asns: c.asns.map(Number),
    countries: c.countries,
    domains: c.domains,
    emails: c.emails,
    phones: c.phones,
    pgpKeys: c.pgp_keys,
    businessHours: c.business_hours,
    available24x7: c.available_24x7,
    notifyEmail: c.notify_email,
    notifyWebhook: c.notify_webhook,
    source: c.source,
  };
}

/** The directory is open to every member: knowing whom to call is the point of it. */
export async function listDirectory(ctx: Ctx, _actor: Actor, country?: string): Promise<CirtView[]> {
  return (await listCirts(ctx.db, { country })).map(presentCirt);
}

export type Resolution = { cirts: CirtView[]; matches: ConstituencyMatch[] };

/** The responsible CIRT(s) for an address (with its ASN and country if known) or a domain. */
export async function resolveResponsible(
  ctx: Ctx,
  query: {
    ip?: string | undefined;
    asn?: number | undefined;
    country?: string | undefined;
    domain?: string | undefined;
  },
): Promise<Resolution> {
  if (query.ip !== undefined && isIP(query.ip) === 0) {
    throw new AppError('VALIDATION_FAILED', `"${query.ip}" is not an IP address`, [
      { path: 'ip', reason: 'not an IPv4 or IPv6 address' },
    ]);
  }
  const all = await findConstituencyMatches(ctx.db, {
    ...query,
    domainCandidates: query.domain ? domainCandidates(query.domain) : undefined,
  });
  const matches = mostSpecific(all);
  const cirts =
    matches.length > 0
      ? (await listCirts(ctx.db, { ids: matches.map((m) => m.cirtId) })).map(presentCirt)
      : [];
  return { cirts, matches };
}

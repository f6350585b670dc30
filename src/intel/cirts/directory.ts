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
import { assertOutboundUrl } from '../../platform/net/outbound-guard.ts';
import { cirtInput, fromTrustedIntroducer, trustedIntroducerTeam, type CirtInput } from './schemas.ts';
import { checkTeamKey } from './team-key.ts';
import { domainCandidates, mostSpecific, type ConstituencyMatch } from './precedence.ts';
import {
  findConstituencyMatches,
  listCirts,
  updateCirtById,
  upsertCirt,
  type CirtRow,
} from './cirt-store.ts';

export function canEditCirt(actor: Actor, organisationId: string | null | undefined): boolean {
  return actor.isAdmin || Boolean(organisationId && hasRole(actor, organisationId, 'org-admin'));
}

function assertCanEdit(actor: Actor, organisationId: string | null | undefined): void {
  if (!canEditCirt(actor, organisationId)) {
    throw new AppError(
      'FORBIDDEN',
      "only platform administrators, or the administrators of the team's own organisation, may edit the directory",
    );
  }
}

/** The team's key, checked now; a bad one is refused naming pgpPublicKey. */
async function withCheckedKey(ctx: Ctx, input: CirtInput): Promise<CirtInput> {
  const checked = await checkTeamKey(input, ctx.now());
  if (!checked.ok) {
    throw new AppError('VALIDATION_FAILED', `PGP public key refused: ${checked.reason}`, checked.details);
  }
  return checked.value;
}

/**
 * What the audit log says of a team's delivery settings: the key's fingerprints, the encryption
 * setting, and the webhook's host only (its path or query may carry a credential).
 */
function keySummary(input: CirtInput) {
  return {
    pgpKey: input.pgpPublicKey === undefined ? null : input.pgpKeys.map((k) => k.fingerprint),
    requireEncryption: input.requireEncryption ?? null,
    webhookHost: input.notifyWebhook === undefined ? null : new URL(input.notifyWebhook).host,
  };
}

/** A webhook aimed at an internal address is refused when set, not only at each delivery. */
async function assertWebhookAllowed(ctx: Ctx, url: string | undefined): Promise<void> {
  if (url !== undefined) {
    await assertOutboundUrl(url, { allow: ctx.config.outboundAllow }, 'notifyWebhook');
  }
}

export async function saveCirt(
  ctx: Ctx,
  actor: Actor,
  raw: unknown,
  meta: RequestMeta = {},
): Promise<{ id: string; created: boolean }> {
  const parsed = parseInput(cirtInput, raw, 'CIRT');
  assertCanEdit(actor, parsed.organisationId);
  const input = await withCheckedKey(ctx, parsed);
  await assertWebhookAllowed(ctx, input.notifyWebhook);
  return inTransaction(ctx.db, async (tx) => {
    const saved = await upsertCirt(tx, input, 'manual');
    await appendAudit(
      tx,
      {
        actorUserId: actor.userId,
        action: saved.created ? 'cirt.create' : 'cirt.update',
        resourceType: 'cirt',
        resourceId: saved.id,
        summary: { officialName: input.officialName, country: input.country, ...keySummary(input) },
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
      const keyed = await checkTeamKey(parsed.data, ctx.now(), `[${index}].`);
      if (!keyed.ok) {
        report.rejected.push({ index, name, problems: keyed.details ?? [] });
        continue;
      }
      const saved = await upsertCirt(tx, keyed.value, 'trusted-introducer-import');
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
/** Delivery settings are shown to the team's editors only: a webhook URL may carry a credential. */
export function presentCirt(c: CirtRow, canEdit = false) {
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
    // A public key is public: every member may fetch it, e.g. to write to the team encrypted.
    pgpPublicKey: c.pgp_public_key,
    requireEncryption: c.require_encryption,
    businessHours: c.business_hours,
    businessHoursTimezone: c.business_hours_timezone,
    available24x7: c.available_24x7,
    notifyEmail: canEdit ? c.notify_email : null,
    notifyWebhook: canEdit ? c.notify_webhook : null,
    delivery: { email: c.notify_email !== null, webhook: c.notify_webhook !== null },
    canEdit,
    source: c.source,
  };
}

/** The directory is open to every member: knowing whom to call is the point of it. */
export async function listDirectory(ctx: Ctx, actor: Actor, country?: string): Promise<CirtView[]> {
  return (await listCirts(ctx.db, { country })).map((c) =>
    presentCirt(c, canEditCirt(actor, c.organisation_id)),
  );
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
      ? (await listCirts(ctx.db, { ids: matches.map((m) => m.cirtId) })).map((c) => presentCirt(c))
      : [];
  return { cirts, matches };
}

/** One team; its editors also get the webhook secret, to verify the signature of what Accord sends. */
export async function getCirt(
  ctx: Ctx,
  actor: Actor,
  id: string,
): Promise<CirtView & { webhookSecret: string | null }> {
  const row = /^[0-9a-f-]{36}$/i.test(id) ? (await listCirts(ctx.db, { ids: [id] }))[0] : undefined;
  if (!row) {
    throw new AppError('INTEL_CIRT_NOT_FOUND', 'no team with that id in the directory');
  }
  const canEdit = canEditCirt(actor, row.organisation_id);
  return { ...presentCirt(row, canEdit), webhookSecret: canEdit ? row.webhook_secret : null };
}

/** Replaces a team's entry; its editors only (also for the organisation it is moved to). */
export async function updateCirt(
  ctx: Ctx,
  actor: Actor,
  id: string,
  raw: unknown,
  meta: RequestMeta = {},
): Promise<CirtView & { webhookSecret: string | null }> {
  const parsed = parseInput(cirtInput, raw, 'CIRT');
  const current = await getCirt(ctx, actor, id);
  assertCanEdit(actor, current.organisationId);
  assertCanEdit(actor, parsed.organisationId);
  const input = await withCheckedKey(ctx, parsed);
  await assertWebhookAllowed(ctx, input.notifyWebhook);
  await inTransaction(ctx.db, async (tx) => {
    await updateCirtById(tx, id, input);
    await appendAudit(
      tx,
      {
        actorUserId: actor.userId,
        action: 'cirt.update',
        resourceType: 'cirt',
        resourceId: id,
        summary: {
          officialName: input.officialName,
          country: input.country,
          before: current.officialName,
          ...keySummary(input),
        },
        requestId: meta.requestId ?? null,
      },
      ctx.now(),
    );
  });
  return getCirt(ctx, actor, id);
}

// Builds what the API shows of the logged-in user and the Actor the access policy reasons about.
import type { Queryable } from '../db/pool.ts';
import type { Actor } from '../access/policy.ts';
import type { MeView } from './schemas.ts';
import { findMemberships, type MembershipRow, type UserRow } from './store.ts';

export function mfaEnrolmentRequired(user: UserRow, memberships: MembershipRow[]): boolean {
  return user.totp_secret === null && memberships.some((m) => m.mfa_required);
}

export async function presentMe(q: Queryable, user: UserRow): Promise<MeView> {
  const memberships = await findMemberships(q, user.id);
  return {
    id: user.id,
    email: user.email,
    displayName: user.display_name,
    language: (['en', 'fr', 'es', 'ar'] as const).find((l) => l === user.ui_language) ?? 'en',
    languages: user.languages,
    isAdmin: user.is_admin,
    mustChangePassword: user.must_change_password,
    mfaEnabled: user.totp_secret !== null,
    mfaEnrolmentRequired: mfaEnrolmentRequired(user, memberships),
    memberships: memberships.map((m) => ({
      role: m.role,
      organisation: {
        id: m.organisation_id,
        name: m.name,
        country: m.country,
        kind: m.kind as MeView['memberships'][number]['organisation']['kind'],
      },
    })),
  };
}

export function actorOf(
  user: UserRow,
  memberships: MembershipRow[],
  via: Actor['via'],
  onlyOrganisation?: string,
): Actor {
  return {
    userId: user.id,
    isAdmin: user.is_admin,
    via,
    memberships: memberships
      .filter((m) => onlyOrganisation === undefined || m.organisation_id === onlyOrganisation)
      .map((m) => ({ organisationId: m.organisation_id, role: m.role, country: m.country })),
  };
}

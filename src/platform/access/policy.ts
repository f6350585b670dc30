// The one access policy: "may this actor do this action on this resource" and "what may this actor
// see". Every route and CLI command asks here; nothing else decides access.
import type { ROLES } from '../identity/schemas.ts';

export type Role = (typeof ROLES)[number];
export type ActorMembership = { organisationId: string; role: Role; country: string };
export type Actor = {
  userId: string;
  isAdmin: boolean;
  /** For an API token these are narrowed to the token's organisation. */
  memberships: ActorMembership[];
  via: 'session' | 'token' | 'cli';
};

const RANK: Record<Role, number> = { reader: 1, analyst: 2, 'org-admin': 3 };

export type Decision = { allowed: true } | { allowed: false; reason: string };
const allow: Decision = { allowed: true };
const deny = (reason: string): Decision => ({ allowed: false, reason });

export function roleIn(actor: Actor, organisationId: string): Role | undefined {
  return actor.memberships.find((m) => m.organisationId === organisationId)?.role;
}

export function hasRole(actor: Actor, organisationId: string, minimum: Role): boolean {
  const role = roleIn(actor, organisationId);
  return role !== undefined && RANK[role] >= RANK[minimum];
}

export function organisationIdsOf(actor: Actor, minimum: Role = 'reader'): string[] {
  return actor.memberships.filter((m) => RANK[m.role] >= RANK[minimum]).map((m) => m.organisationId);
}

export type Action =
  | { kind: 'organisation:list' }
  | { kind: 'organisation:create' }
  | { kind: 'organisation:update'; organisationId: string }
  | { kind: 'organisation:read-members'; organisationId: string }
  | { kind: 'user:create'; organisationId: string; isAdmin: boolean }
  | { kind: 'user:reset-password'; targetOrganisationIds: string[] }
  | { kind: 'audit:read' }
  | { kind: 'audit:verify' }
  | { kind: 'write'; organisationId: string };

/** Decides one action. Platform admins administer; they do not bypass TLP (see canSeeShared). */
export function decide(actor: Actor, action: Action): Decision {
  switch (action.kind) {
    case 'organisation:list':
      return allow;
    case 'organisation:create':
    case 'audit:verify':
      return actor.isAdmin ? allow : deny('only a platform administrator may do this');
    case 'organisation:update':
      return actor.isAdmin || hasRole(actor, action.organisationId, 'org-admin')
        ? allow
        : deny('only an administrator of this organisation may change it');
    case 'organisation:read-members':
      return actor.isAdmin || hasRole(actor, action.organisationId, 'reader')
        ? allow
        : deny('only members of this organisation may see its members');
    case 'user:create':
      if (action.isAdmin && !actor.isAdmin) {
        return deny('only a platform administrator may create another administrator');
      }
      return actor.isAdmin || hasRole(actor, action.organisationId, 'org-admin')
        ? allow
        : deny('only an administrator of this organisation may add users to it');
    case 'user:reset-password':
      return actor.isAdmin || action.targetOrganisationIds.some((id) => hasRole(actor, id, 'org-admin'))
        ? allow
        : deny("only an administrator of the user's organisation may reset the password");
    case 'audit:read':
      return actor.isAdmin || organisationIdsOf(actor, 'org-admin').length > 0
        ? allow
        : deny('only administrators may read the audit log');
    case 'write':
      return hasRole(actor, action.organisationId, 'analyst')
        ? allow
        : deny('readers may not change anything; an analyst or administrator role is needed');
  }
}

/** Which audit entries an actor may read: all for platform admins, else those of the orgs it administers. */
export function auditScope(actor: Actor): string[] | 'all' {
  return actor.isAdmin ? 'all' : organisationIdsOf(actor, 'org-admin');
}

// The SQL form of the TLP rule in src/platform/access/tlp-policy.ts (canSeeShared). Store queries
// append it so filtering happens in the database; a differential test keeps the two identical.
import { visibilityParams } from '../platform/access/tlp-policy.ts';
import type { Actor } from '../platform/access/policy.ts';

/**
 * A boolean SQL expression over an `intel_objects` row aliased `alias`, using parameters
 * `$orgs` (uuid[]) and `$user` (uuid) at the given positions.
 */
export function visibleToSql(alias: string, orgsParam: number, userParam: number): string {
  const o = `$${orgsParam}::uuid[]`;
  const u = `$${userParam}::uuid`;
  return `((${alias}.tlp IN ('clear', 'green') AND cardinality(${o}) > 0)
    OR (${alias}.tlp IN ('amber', 'amber+strict') AND (${alias}.producer_organisation_id = ANY(${o}) OR ${alias}.audience_organisation_ids && ${o}))
    OR (${alias}.tlp = 'red' AND (${alias}.author_user_id = ${u} OR ${u} = ANY(${alias}.audience_user_ids))))`;
}

export function visibilityArgs(actor: Actor): [string[], string] {
  const { organisationIds, userId } = visibilityParams(actor);
  return [organisationIds, userId];
}

// Whether a routed value may go to a responsible CIRT, under TLP 2.0 as the access policy defines it
// (src/platform/access/tlp-policy.ts): CLEAR and GREEN to any team; AMBER and AMBER+STRICT only to a
// member organisation that may already see the object or to which the router may re-share it; RED
// never, since RED names people, not teams. A team outside Accord (no organisation) only gets CLEAR
// and GREEN: there is no organisation to hold the audience.
// @see https://www.first.org/tlp/ (TLP 2.0)
import type { Actor } from '../../platform/access/policy.ts';
import { canReshare, type SharedResource, type Tlp } from '../../platform/access/tlp-policy.ts';

export type ReleaseTarget = { organisationId: string | null; country: string };
export type ReleaseDecision = { ok: true; rule: string } | { ok: false; reason: string };

const ORDER: Record<Tlp, number> = { clear: 0, green: 1, amber: 2, 'amber+strict': 3, red: 4 };

/** The most restrictive of the levels (a notification carries that of the most restricted value). */
export function mostRestrictive(levels: readonly Tlp[]): Tlp {
  return levels.reduce<Tlp>((a, b) => (ORDER[b] > ORDER[a] ? b : a), 'clear');
}

export function decideRelease(
  actor: Actor,
  resource: SharedResource,
  target: ReleaseTarget,
): ReleaseDecision {
  const label = `TLP:${resource.tlp.toUpperCase()}`;
  switch (resource.tlp) {
    case 'clear':
    case 'green':
      return { ok: true, rule: `${label} may go to any team of the community` };
    case 'red':
      return { ok: false, reason: `${label} is for the named recipients only and is never routed` };
    case 'amber':
    case 'amber+strict': {
      if (target.organisationId === null) {
        return {
          ok: false,
          reason: `${label}: the team is not a member organisation of Accord, so it cannot be in the audience`,
        };
      }
      const organisationId = target.organisationId;
      if (
        resource.producerOrganisationId === organisationId ||
        resource.audienceOrganisationIds.includes(organisationId)
      ) {
        return { ok: true, rule: `${label}: the team's organisation is the producer or in the audience` };
      }
      if (canReshare(actor, resource, { organisationId, country: target.country })) {
        return {
          ok: true,
          rule:
            resource.tlp === 'amber'
              ? `${label}: the router may share it with this team (producer, or within its own country's constituency)`
              : `${label}: the router is the producer`,
        };
      }
      return {
        ok: false,
        reason:
          resource.tlp === 'amber'
            ? `${label}: the team's organisation is not in the audience and the router may not share it outside its producer or country`
            : `${label}: only the producer may share it beyond the audience`,
      };
    }
  }
}

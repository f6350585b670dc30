// TLP 2.0 as an access rule (FIRST TLP 2.0): who may see a shared object, and who may re-share it.
// AMBER+STRICT is its own rule, never an "order" level (OpenCTI#6913 leaked it to AMBER readers).
import { organisationIdsOf, type Actor } from './policy.ts';

export const TLP_LEVELS = ['clear', 'green', 'amber', 'amber+strict', 'red'] as const;
export type Tlp = (typeof TLP_LEVELS)[number];

export type SharedResource = {
  tlp: Tlp;
  producerOrganisationId: string;
  authorUserId: string | null;
  audienceOrganisationIds: readonly string[];
  audienceUserIds: readonly string[];
};

/** Whether the actor may see the object. Platform admins get no exception. */
export function canSeeShared(actor: Actor, resource: SharedResource): boolean {
  const orgs = organisationIdsOf(actor);
  switch (resource.tlp) {
    case 'clear':
    case 'green':
      return orgs.length > 0;
    case 'amber':
    case 'amber+strict':
      return (
        orgs.includes(resource.producerOrganisationId) ||
        resource.audienceOrganisationIds.some((id) => orgs.includes(id))
      );
    case 'red':
      return actor.userId === resource.authorUserId || resource.audienceUserIds.includes(actor.userId);
  }
}

/**
 * Whether the actor may widen the audience to `organisationId`: AMBER recipients may re-share within
 * their own constituency (organisations of their country); AMBER+STRICT only the producer; RED never.
 */
export function canReshare(
  actor: Actor,
  resource: SharedResource,
  target: { organisationId: string; country: string },
): boolean {
  if (!canSeeShared(actor, resource)) {
    return false;
  }
  const isProducer = organisationIdsOf(actor, 'analyst').includes(resource.producerOrganisationId);
  switch (resource.tlp) {
    case 'clear':
    case 'green':
      return true;
    case 'amber':
      return isProducer || actor.memberships.some((m) => m.role !== 'reader' && m.country === target.country);
    case 'amber+strict':
      return isProducer;
    case 'red':
      return false;
  }
}

/** Parameters for the SQL visibility predicate that mirrors canSeeShared (store modules use both). */
export function visibilityParams(actor: Actor): { organisationIds: string[]; userId: string } {
  return { organisationIds: organisationIdsOf(actor), userId: actor.userId };
}

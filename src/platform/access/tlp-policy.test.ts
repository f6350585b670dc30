import { describe, expect, it } from 'vitest';
import type { Actor } from './policy.ts';
import { canReshare, canSeeShared, TLP_LEVELS, type SharedResource, type Tlp } from './tlp-policy.ts';

const actor = (
  userId: string,
  orgs: [string, 'reader' | 'analyst' | 'org-admin', string][],
  isAdmin = false,
): Actor => ({
  userId,
  isAdmin,
  via: 'session',
  memberships: orgs.map(([organisationId, role, country]) => ({ organisationId, role, country })),
});
const producer = actor('author', [['producer', 'analyst', 'FR']]);
const colleague = actor('colleague', [['producer', 'reader', 'FR']]);
const audience = actor('aud', [['audience-org', 'analyst', 'FR']]);
const namedUser = actor('named', [['elsewhere', 'analyst', 'DE']]);
const stranger = actor('stranger', [['elsewhere', 'analyst', 'DE']]);
const admin = actor('admin', [['coord', 'org-admin', 'CH']], true);
const noOrg = actor('lonely', []);

const resource = (tlp: Tlp): SharedResource => ({
  tlp,
  producerOrganisationId: 'producer',
  authorUserId: 'author',
  audienceOrganisationIds: ['audience-org'],
  audienceUserIds: ['named'],
});

// The TLP 2.0 access matrix: rows are readers, columns CLEAR, GREEN, AMBER, AMBER+STRICT, RED.
const matrix: [string, Actor, boolean[]][] = [
  ['author', producer, [true, true, true, true, true]],
  ['colleague in the producer organisation', colleague, [true, true, true, true, false]],
  ['member of an audience organisation', audience, [true, true, true, true, false]],
  ['user named in the audience', namedUser, [true, true, false, false, true]],
  ['member of another organisation', stranger, [true, true, false, false, false]],
  ['platform administrator (no exception)', admin, [true, true, false, false, false]],
  ['user without organisation', noOrg, [false, false, false, false, false]],
];

describe('canSeeShared: the TLP 2.0 matrix', () => {
  for (const [name, who, expected] of matrix) {
    it(`${name}`, () => {
      expect(TLP_LEVELS.map((tlp) => canSeeShared(who, resource(tlp)))).toEqual(expected);
    });
  }
});

describe('canReshare', () => {
  const frTarget = { organisationId: 'fr-isp', country: 'FR' };
  const deTarget = { organisationId: 'de-cirt', country: 'DE' };
  it('lets AMBER recipients re-share within their own constituency only', () => {
    expect(canReshare(audience, resource('amber'), frTarget)).toBe(true);
    expect(canReshare(audience, resource('amber'), deTarget)).toBe(false);
  });
  it('never lets AMBER+STRICT recipients re-share; the producer may', () => {
    expect(canReshare(audience, resource('amber+strict'), frTarget)).toBe(false);
    expect(canReshare(producer, resource('amber+strict'), deTarget)).toBe(true);
  });
  it('never re-shares RED, not even its author', () => {
    expect(canReshare(producer, resource('red'), frTarget)).toBe(false);
  });
  it('refuses re-sharing by someone who cannot see the object', () => {
    expect(canReshare(stranger, resource('amber'), deTarget)).toBe(false);
  });
});

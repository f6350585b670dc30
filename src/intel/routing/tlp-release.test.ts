import { describe, expect, it } from 'vitest';
import type { Actor } from '../../platform/access/policy.ts';
import type { SharedResource } from '../../platform/access/tlp-policy.ts';
import { decideRelease, mostRestrictive } from './tlp-release.ts';

const router: Actor = {
  userId: 'u-router',
  isAdmin: false,
  via: 'session',
  memberships: [{ organisationId: 'o-grc', role: 'analyst', country: 'CH' }],
};
const resource = (over: Partial<SharedResource>): SharedResource => ({
  tlp: 'amber',
  producerOrganisationId: 'o-other',
  authorUserId: null,
  audienceOrganisationIds: ['o-grc'],
  audienceUserIds: [],
  ...over,
});
const team = { organisationId: 'o-team', country: 'NG' };

describe('decideRelease', () => {
  it('gives CLEAR and GREEN to any team, inside Accord or not', () => {
    for (const tlp of ['clear', 'green'] as const) {
      expect(decideRelease(router, resource({ tlp }), team).ok).toBe(true);
      expect(decideRelease(router, resource({ tlp }), { organisationId: null, country: 'AU' }).ok).toBe(true);
    }
  });
  it('never routes RED, even to a team whose organisation produced it', () => {
    const d = decideRelease(router, resource({ tlp: 'red', producerOrganisationId: 'o-team' }), team);
    expect(d).toMatchObject({ ok: false, reason: expect.stringMatching(/never routed/) as unknown });
  });
  it('gives AMBER to a team in the audience or to which the router may re-share, and to no one else', () => {
    expect(decideRelease(router, resource({ audienceOrganisationIds: ['o-grc', 'o-team'] }), team).ok).toBe(
      true,
    );
    expect(decideRelease(router, resource({}), team)).toMatchObject({ ok: false });
    // The router produced it: it may share it.
    expect(decideRelease(router, resource({ producerOrganisationId: 'o-grc' }), team).ok).toBe(true);
    // A team of the router's own country: AMBER may be re-shared within the constituency.
    expect(decideRelease(router, resource({}), { organisationId: 'o-ch', country: 'CH' }).ok).toBe(true);
    expect(decideRelease(router, resource({}), { organisationId: null, country: 'CH' }).ok).toBe(false);
  });
  it('keeps AMBER+STRICT to the audience unless the router is the producer', () => {
    const strict = resource({ tlp: 'amber+strict' });
    expect(decideRelease(router, strict, { organisationId: 'o-ch', country: 'CH' }).ok).toBe(false);
    expect(decideRelease(router, { ...strict, producerOrganisationId: 'o-grc' }, team).ok).toBe(true);
  });
  it('a router that cannot see the object releases nothing of it', () => {
    const outsider: Actor = {
      ...router,
      memberships: [{ organisationId: 'o-x', role: 'analyst', country: 'NG' }],
    };
    expect(decideRelease(outsider, resource({}), team).ok).toBe(false);
  });
});

describe('mostRestrictive', () => {
  it('orders CLEAR < GREEN < AMBER < AMBER+STRICT < RED', () => {
    expect(mostRestrictive(['green', 'clear'])).toBe('green');
    expect(mostRestrictive(['amber', 'amber+strict', 'green'])).toBe('amber+strict');
    expect(mostRestrictive([])).toBe('clear');
  });
});

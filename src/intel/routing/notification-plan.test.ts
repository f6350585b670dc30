import { describe, expect, it } from 'vitest';
import type { Actor } from '../../platform/access/policy.ts';
import type { SharedResource, Tlp } from '../../platform/access/tlp-policy.ts';
import { planNotifications, type RoutedValue, type TeamInfo } from './notification-plan.ts';

const router: Actor = {
  userId: 'u1',
  isAdmin: true,
  via: 'session',
  memberships: [{ organisationId: 'o-grc', role: 'analyst', country: 'CH' }],
};
const teams = new Map<string, TeamInfo>([
  ['t-ng', { id: 't-ng', name: 'ngCERT', organisationId: 'o-ng', country: 'NG' }],
  ['t-fr', { id: 't-fr', name: 'CERT-FR', organisationId: 'o-fr', country: 'FR' }],
  ['t-ext', { id: 't-ext', name: 'Outside team', organisationId: null, country: 'AU' }],
]);
const resource = (tlp: Tlp, audience: string[] = []): SharedResource => ({
  tlp,
  producerOrganisationId: 'o-other',
  authorUserId: 'u1',
  audienceOrganisationIds: ['o-grc', ...audience],
  audienceUserIds: [],
});
let seq = 0;
const value = (v: string, r: SharedResource, ...cirtIds: string[]): RoutedValue => ({
  seq: (seq += 1),
  kind: 'ip',
  value: v,
  objectId: null,
  resource: r,
  countries: ['NG'],
  asn: null,
  flags: [],
  matches: cirtIds.map((cirtId) => ({ cirtId, via: 'country', specificity: 0, detail: 'NG' })),
});

describe('planNotifications', () => {
  it('gives one notification per team at the most restrictive TLP of what it lists', () => {
    const plan = planNotifications(
      router,
      [
        value('a', resource('green'), 't-ng', 't-fr'),
        value('b', resource('amber', ['o-ng']), 't-ng'),
        value('c', resource('clear'), 't-fr'),
      ],
      teams,
    );
    const byTeam = Object.fromEntries(plan.notifications.map((n) => [n.cirtId, n]));
    expect(byTeam['t-ng']).toMatchObject({ tlp: 'amber', items: [{ value: 'a' }, { value: 'b' }] });
    expect(byTeam['t-fr']).toMatchObject({ tlp: 'green', items: [{ value: 'a' }, { value: 'c' }] });
  });

  it('never gives RED, nor AMBER outside the audience, nor AMBER to a team outside Accord, and says why', () => {
    const red = value('r', resource('red', ['o-ng']), 't-ng');
    const amber = value('m', resource('amber'), 't-fr', 't-ext');
    const plan = planNotifications(router, [red, amber], teams);
    expect(plan.notifications).toEqual([]);
    expect(plan.releases.get(red.seq)).toEqual([
      { cirtId: 't-ng', given: false, why: expect.stringMatching(/never routed/) as unknown },
    ]);
    expect(plan.releases.get(amber.seq)?.map((r) => [r.cirtId, r.given])).toEqual([
      ['t-fr', false],
      ['t-ext', false],
    ]);
    expect(plan.releases.get(amber.seq)?.[1]?.why).toMatch(/not a member organisation/);
  });

  it('lists a value once per team even when a team matches twice', () => {
    const twice = value('d', resource('green'), 't-ng', 't-ng');
    const plan = planNotifications(router, [twice], teams);
    expect(plan.notifications[0]?.items).toHaveLength(1);
  });
});

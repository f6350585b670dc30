// From routed values and the teams responsible for them to notifications: one per team, listing the
// values TLP lets it receive, carrying the most restrictive TLP of what it lists; every value kept
// from a team is recorded with the reason, and every value given with the rule that allowed it.
import type { Actor } from '../../platform/access/policy.ts';
import type { SharedResource, Tlp } from '../../platform/access/tlp-policy.ts';
import type { ConstituencyMatch } from '../cirts/precedence.ts';
import type { NotificationItem } from '../notifications/notification-store.ts';
import { decideRelease, mostRestrictive } from './tlp-release.ts';

export type RoutedValue = {
  seq: number;
  kind: 'ip' | 'domain';
  value: string;
  objectId: string | null;
  resource: SharedResource;
  countries: string[];
  asn: number | null;
  flags: string[];
  /** The most specific constituency matches, one or more per responsible team. */
  matches: ConstituencyMatch[];
};
export type TeamInfo = { id: string; name: string; organisationId: string | null; country: string };

export type TeamNotification = { cirtId: string; tlp: Exclude<Tlp, 'red'>; items: NotificationItem[] };
export type ReleaseRecord = { cirtId: string; given: boolean; why: string };
export type NotificationPlan = {
  notifications: TeamNotification[];
  /** Per value seq: for each responsible team, whether it got the value and why. */
  releases: Map<number, ReleaseRecord[]>;
};

export function planNotifications(
  actor: Actor,
  values: readonly RoutedValue[],
  teams: ReadonlyMap<string, TeamInfo>,
): NotificationPlan {
  const byTeam = new Map<string, NotificationItem[]>();
  const releases = new Map<number, ReleaseRecord[]>();
  for (const v of values) {
    const records: ReleaseRecord[] = [];
    const seen = new Set<string>();
    for (const match of v.matches) {
      const team = teams.get(match.cirtId);
      if (!team || seen.has(team.id)) {
        continue;
      }
      seen.add(team.id);
      const release = decideRelease(actor, v.resource, {
        organisationId: team.organisationId,
        country: team.country,
      });
      if (!release.ok) {
        records.push({ cirtId: team.id, given: false, why: release.reason });
        continue;
      }
      records.push({ cirtId: team.id, given: true, why: release.rule });
      const items = byTeam.get(team.id) ?? [];
      items.push({
        seq: v.seq,
        kind: v.kind,
        value: v.value,
        countries: v.countries,
        asn: v.asn,
        via: match.via,
        detail: match.detail,
        tlp: v.resource.tlp,
        objectId: v.objectId,
        flags: v.flags,
      });
      byTeam.set(team.id, items);
    }
    releases.set(v.seq, records);
  }
  const notifications = [...byTeam].map(([cirtId, items]) => ({
    cirtId,
    // RED is never released, so the most restrictive level of released items is at most AMBER+STRICT.
    tlp: mostRestrictive(items.map((i) => i.tlp)) as Exclude<Tlp, 'red'>,
    items,
  }));
  return { notifications, releases };
}

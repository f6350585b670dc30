// The member organisations an import's audience can name: all but the reader's own (the producer
// always sees its objects), sorted by country then name.
import { useEffect, useState } from 'react';
import { api } from '../../api/client.ts';
import { useSession } from '../../session.tsx';

export type OrganisationChoice = { id: string; name: string; country: string };

export function useIntelOrganisations(): OrganisationChoice[] {
  const { me } = useSession();
  const [all, setAll] = useState<OrganisationChoice[]>([]);
  useEffect(() => {
    let active = true;
    api<{ organisations: OrganisationChoice[] }>('GET', '/organisations').then(
      (r) => active && setAll(r.organisations),
      // Without the list the audience stays empty: the import still works, visible to the producer.
      () => active && setAll([]),
    );
    return () => {
      active = false;
    };
  }, []);
  const own = new Set(me?.memberships.map((m) => m.organisation.id));
  return all
    .filter((o) => !own.has(o.id))
    .sort((a, b) => a.country.localeCompare(b.country) || a.name.localeCompare(b.name));
}

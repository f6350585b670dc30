// Who the user acts for: organisation, country (flag and name in the current language) and role.
import type { Me } from '../api/client.ts';
import { countryName, useI18n } from '../i18n/i18n.tsx';
import { CountryFlag } from './CountryFlag.tsx';

export function Affiliation({ membership }: { membership: Me['memberships'][number] }) {
  const { t, language } = useI18n();
  const { organisation, role } = membership;
  return (
    <div className="affiliation" data-testid="affiliation">
      <bdi className="org-name">{organisation.name}</bdi>
      <span className="country">
        <CountryFlag code={organisation.country} />{' '}
        {countryName(organisation.country, language)}
      </span>
      <span className="role">{t(`role.${role}`)}</span>
    </div>
  );
}

// The attribution the IP datasets' licences ask for, on every page that shows their results: CC BY 4.0
// credits for ip-location-db (NRO, RouteViews) and DB-IP's required link to db-ip.com.
import { useI18n } from '../../../i18n/i18n.tsx';
import { useIntel } from '../use-intel.ts';
import type { Attribution } from './routing-api.ts';

export function DataAttribution() {
  const { t } = useI18n();
  const { data } = useIntel<{ dataVersion: string; attributions: Attribution[] }>('/routing/attribution');
  if (!data) {
    return null;
  }
  return (
    <footer className="attribution" data-testid="routing-attribution">
      <h3>{t('routing.attribution.title', { version: data.dataVersion })}</h3>
      <ul lang="en" dir="ltr">
        {data.attributions.map((a) => (
          <li key={a.dataset}>
            {a.text}{' '}
            {a.links.map((l) => (
              <a key={l.href} href={l.href} rel="noreferrer" target="_blank">
                {l.label}
              </a>
            ))}
          </li>
        ))}
      </ul>
    </footer>
  );
}

// One campaign for its coordinator: countries on the world map coloured by how far the responsible
// teams have got (notified, acknowledged), the per-country figures, each team's notification, the data
// versions the decisions rest on, and the datasets' attribution.
import { Link, useParams } from 'react-router';
import { useI18n } from '../../../i18n/i18n.tsx';
import { WorldMap, type MapValue } from '../../legal/WorldMap.tsx';
import { useIntel } from '../use-intel.ts';
import { useCountryName } from '../use-country-name.ts';
import { TlpBadge } from '../TlpBadge.tsx';
import { DeliveryStatus } from '../inbox/DeliveryStatus.tsx';
import { DataAttribution } from './Attribution.tsx';
import type { RoutingMap } from './routing-api.ts';

// Acknowledged (green), notified only (blue), values no team could receive (amber).
const COLOURS = { acknowledged: '#2e8b57', notified: '#3b7dd8', waiting: '#e0a030' };

export function RunMapPage() {
  const { t } = useI18n();
  const name = useCountryName();
  const { id = '' } = useParams();
  const { data, error } = useIntel<RoutingMap>(`/routing/runs/${id}`);
  const values: Record<string, MapValue> = {};
  for (const c of data?.countries ?? []) {
    const state = c.acknowledged > 0 ? 'acknowledged' : c.notified > 0 ? 'notified' : 'waiting';
    values[c.country] = {
      fill: COLOURS[state],
      label: t('routing.map.countryLabel', {
        country: name(c.country),
        values: c.values,
        notified: c.notified,
        acknowledged: c.acknowledged,
      }),
    };
  }
  const counts = data?.run.counts ?? {};
  return (
    <div className="routing-page stack">
      <p>
        <Link to="/intel/routing">{t('routing.back')}</Link>
      </p>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {data && (
        <>
          <h2>{data.run.name}</h2>
          <div className="figures" data-testid="run-figures">
            {(['values', 'routed', 'notRouted', 'withoutTeam', 'notifications', 'withheld'] as const).map(
              (k) => (
                <div className="figure" key={k}>
                  <strong>{counts[k] ?? 0}</strong>
                  <span>{t(`routing.count.${k}`)}</span>
                </div>
              ),
            )}
          </div>
          <section className="panel">
            <h3>{t('routing.map.title')}</h3>
            <ul className="legend">
              {(Object.keys(COLOURS) as (keyof typeof COLOURS)[]).map((k) => (
                <li key={k}>
                  <span className="swatch" style={{ background: COLOURS[k] }} />{' '}
                  {t(`routing.map.legend.${k}`)}
                </li>
              ))}
            </ul>
            <div className="map-with-list">
              <WorldMap values={values} title={t('routing.map.title')} />
              <table className="intel-table" data-testid="country-figures">
                <thead>
                  <tr>
                    <th>{t('intel.col.country')}</th>
                    <th className="num">{t('routing.col.values')}</th>
                    <th className="num">{t('routing.col.notified')}</th>
                    <th className="num">{t('routing.col.acknowledged')}</th>
                    <th className="num">{t('routing.col.withheld')}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.countries.map((c) => (
                    <tr key={c.country}>
                      <td>{name(c.country)}</td>
                      <td className="num">{c.values}</td>
                      <td className="num">{c.notified}</td>
                      <td className="num">{c.acknowledged}</td>
                      <td className="num">{c.withheld}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
          <section className="panel">
            <h3>{t('routing.teams.title')}</h3>
            <table className="intel-table" data-testid="team-notifications">
              <thead>
                <tr>
                  <th>{t('inbox.col.team')}</th>
                  <th>{t('intel.col.country')}</th>
                  <th className="num">{t('routing.col.values')}</th>
                  <th>{t('intel.col.tlp')}</th>
                  <th>{t('inbox.col.delivery')}</th>
                  <th>{t('inbox.col.acknowledged')}</th>
                </tr>
              </thead>
              <tbody>
                {data.notifications.map((n) => (
                  <tr key={n.id}>
                    <td>{n.cirt.name}</td>
                    <td>{name(n.cirt.country)}</td>
                    <td className="num">{n.itemCount}</td>
                    <td>
                      <TlpBadge tlp={n.tlp} />
                    </td>
                    <td>
                      <DeliveryStatus delivery={n.delivery} />
                    </td>
                    <td>
                      {n.acknowledgedAt ? (
                        <span className="status-acknowledged">
                          {n.acknowledgedAt.slice(0, 16).replace('T', ' ')}
                        </span>
                      ) : (
                        <span className="muted">{t('inbox.notYet')}</span>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
          <p className="muted">
            {t('routing.dataVersions')}{' '}
            <span className="mono" dir="ltr">
              {Object.entries(data.run.dataVersions)
                .map(([k, v]) => `${k}@${v}`)
                .join(', ')}
            </span>
          </p>
          <DataAttribution />
        </>
      )}
    </div>
  );
}

// The heart of the snapshot: values reported by several countries ("this C2 address was reported by
// five countries"), with how many values each number of countries has, then the values themselves.
import { Link } from 'react-router';
import { useI18n } from '../../i18n/i18n.tsx';
import { CountryFlag } from '../../components/CountryFlag.tsx';
import type { Snapshot } from './intel-api.ts';
import { linear } from './chart-scale.ts';
import { useCountryName } from './use-country-name.ts';

export function SharedValuesPanel({ snapshot, minCountries }: { snapshot: Snapshot; minCountries: number }) {
  const { t } = useI18n();
  const name = useCountryName();
  const rows = snapshot.sharedValues;
  return (
    <section className="intel-panel shared-values" aria-labelledby="shared-title">
      <h2 id="shared-title">
        {t('intel.snapshot.shared')} <span className="count">{rows.length}</span>
      </h2>
      <CountryHistogram histogram={snapshot.countryHistogram} />
      {rows.length === 0 ? (
        <p className="muted">{t('intel.snapshot.noShared', { n: minCountries })}</p>
      ) : (
        <div className="table-scroll">
          <table className="intel-table" data-testid="shared-values">
            <thead>
              <tr>
                <th className="num">{t('intel.snapshot.countries')}</th>
                <th>{t('intel.snapshot.value')}</th>
                <th>{t('intel.snapshot.reportedBy')}</th>
                <th className="num">{t('intel.snapshot.objects')}</th>
                <th className="num">{t('intel.snapshot.sightings')}</th>
                <th>{t('intel.snapshot.lastSeen')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((v) => (
                <tr key={`${v.kind}|${v.value}`}>
                  <td className="num strong">{v.countries.length}</td>
                  <td className="mono">
                    <span className="kind">{v.kind}</span>{' '}
                    <Link
                      to={
                        v.objectId
                          ? `/intel/objects/${v.objectId}`
                          : `/intel/search?value=${encodeURIComponent(v.value)}`
                      }
                    >
                      {v.value}
                    </Link>
                  </td>
                  <td>
                    <span className="flags">
                      {v.countries.map((c) => (
                        <span key={c} title={name(c)}>
                          <CountryFlag code={c} />
                        </span>
                      ))}
                    </span>
                  </td>
                  <td className="num">{v.objects}</td>
                  <td className="num">{v.sightings.toLocaleString()}</td>
                  <td className="mono small">{v.lastSeen.slice(0, 10)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/** How many values each number of reporting countries has: the long tail of single-country values
 * on the left, the few values many countries share on the right. */
function CountryHistogram({ histogram }: { histogram: Snapshot['countryHistogram'] }) {
  const { t } = useI18n();
  if (histogram.length === 0) {
    return null;
  }
  const maxCountries = Math.max(...histogram.map((h) => h.countries));
  const maxValues = Math.max(...histogram.map((h) => h.values));
  const columns = Array.from({ length: Math.min(maxCountries, 20) }, (_, i) => i + 1);
  const width = 360;
  const height = 70;
  const barWidth = width / columns.length;
  // Square root: one value shared by six countries must stay visible beside 5,000 single-country ones.
  const y = linear(Math.sqrt(maxValues), height - 14);
  return (
    <svg
      className="histogram"
      viewBox={`0 0 ${width} ${height + 14}`}
      role="img"
      aria-label={t('intel.snapshot.histogram')}
    >
      {columns.map((n, i) => {
        const count = histogram.find((h) => h.countries === n)?.values ?? 0;
        const h = y(Math.sqrt(count));
        return (
          <g key={n} transform={`translate(${i * barWidth},0)`}>
            <title>{t('intel.snapshot.histogramBar', { values: count, countries: n })}</title>
            <rect
              x={2}
              y={height - h}
              width={barWidth - 4}
              height={h}
              className={n >= 2 ? 'bar shared' : 'bar'}
            />
            {count > 0 && (
              <text x={barWidth / 2} y={height - h - 3} textAnchor="middle" className="bar-label">
                {count}
              </text>
            )}
            <text x={barWidth / 2} y={height + 12} textAnchor="middle" className="axis-label">
              {n}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

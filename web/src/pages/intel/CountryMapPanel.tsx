// Sightings by country on the world map (or, switched, the objects each country's organisations
// produced), with the ranking beside it. Log colour scale: one country with 10,000 sightings must not
// wash out the forty with a handful.
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useI18n } from '../../i18n/i18n.tsx';
import { WorldMap, type MapValue } from '../legal/WorldMap.tsx';
import type { Snapshot } from './intel-api.ts';
import { useCountryName } from './use-country-name.ts';

type Metric = 'sightings' | 'objects';
/** A warm sequential ramp, readable on the light and the dark map. */
export const heatColour = (share: number) => `hsl(${28 - share * 24} 85% ${Math.round(78 - share * 42)}%)`;

export function CountryMapPanel({ snapshot }: { snapshot: Snapshot }) {
  const { t } = useI18n();
  const name = useCountryName();
  const [metric, setMetric] = useState<Metric>('sightings');
  const [params] = useSearchParams();
  // A country in the list narrows the whole snapshot to it, keeping the other filters.
  const withCountry = (country: string) => {
    const next = new URLSearchParams(params);
    next.set('country', country);
    return `/intel?${next.toString()}`;
  };
  const rows = snapshot.countries
    .filter((c) => c[metric] > 0)
    .sort((a, b) => b[metric] - a[metric] || a.country.localeCompare(b.country));
  const max = Math.log1p(Math.max(1, ...rows.map((c) => c[metric])));
  const values: Record<string, MapValue> = {};
  for (const c of rows) {
    values[c.country] = {
      fill: heatColour(Math.log1p(c[metric]) / max),
      label: t('intel.snapshot.countryLabel', {
        country: name(c.country),
        sightings: c.sightings.toLocaleString(),
        values: c.values,
        objects: c.objects,
      }),
    };
  }
  return (
    <section className="intel-panel country-map" aria-labelledby="map-title">
      <h2 id="map-title">
        {t(metric === 'sightings' ? 'intel.snapshot.mapSightings' : 'intel.snapshot.mapObjects')}
      </h2>
      <div className="segmented" role="group" aria-label={t('intel.snapshot.mapMetric')}>
        {(['sightings', 'objects'] as const).map((m) => (
          <button key={m} type="button" aria-pressed={metric === m} onClick={() => setMetric(m)}>
            {t(m === 'sightings' ? 'intel.snapshot.sightings' : 'intel.snapshot.objects')}
          </button>
        ))}
      </div>
      <div className="map-with-list">
        <WorldMap values={values} title={t('intel.snapshot.mapTitle')} />
        <ol className="country-list" data-testid="country-list">
          {rows.slice(0, 12).map((c) => (
            <li key={c.country}>
              <span className="swatch" style={{ background: values[c.country]?.fill }} />
              <Link className="grow" to={withCountry(c.country)} title={t('intel.snapshot.onlyCountry')}>
                {name(c.country)}
              </Link>
              <span className="num">{c[metric].toLocaleString()}</span>
            </li>
          ))}
          {rows.length === 0 && <li className="muted">{t('intel.snapshot.noActivity')}</li>}
        </ol>
      </div>
    </section>
  );
}

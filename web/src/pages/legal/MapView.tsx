// Reach and havens on a world map, with a sortable list beside it for what a map cannot show.
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { countryName, useI18n } from '../../i18n/i18n.tsx';
import { Controls, Labelled } from './Controls.tsx';
import { legalApi, type Haven } from './legal-api.ts';
import { useLegal } from './LegalContext.tsx';
import { WorldMap, type MapValue } from './WorldMap.tsx';

/** A sequential blue scale: light for few states able to ask, dark for many (readable in both themes). */
export const reachColour = (reach: number) => `hsl(212 70% ${Math.round(88 - reach * 58)}%)`;
const HAVEN_COLOUR = { 'not-criminalised': '#8e1b10', isolated: '#e0672f', none: '#9fb3c8' };

type Row = { code: string; name: string; reach: number; reasons: string[] };
type SortKey = 'name' | 'reach';

export function MapView() {
  const { t, language } = useI18n();
  const { params, jurisdictions } = useLegal();
  const [data, setData] = useState<{ havens: Haven[]; reach: Record<string, number> } | undefined>();
  const [mode, setMode] = useState<'reach' | 'haven'>('reach');
  const [threshold, setThreshold] = useState(0.5);
  const [sort, setSort] = useState<{ key: SortKey; asc: boolean }>({ key: 'reach', asc: true });
  useEffect(() => {
    let active = true;
    void legalApi
      .havens(params, threshold)
      .then((r) => active && setData(r))
      .catch(() => active && setData(undefined));
    return () => {
      active = false;
    };
  }, [params, threshold]);

  const name = (code: string) =>
    countryName(code, language) !== code
      ? countryName(code, language)
      : (jurisdictions.find((j) => j.code === code)?.name ?? code);
  const rows: Row[] = data
    ? Object.entries(data.reach).map(([code, reach]) => ({
        code,
        name: name(code),
        reach,
        reasons: data.havens.find((h) => h.jurisdiction === code)?.reasons ?? [],
      }))
    : [];
  const sorted = [...rows].sort(
    (a, b) =>
      (sort.key === 'name' ? a.name.localeCompare(b.name, language) : a.reach - b.reach) *
      (sort.asc ? 1 : -1),
  );
  const values: Record<string, MapValue> = Object.fromEntries(
    rows.map((r) => {
      const pct = `${(r.reach * 100).toFixed(0)} %`;
      const status = r.reasons.length
        ? r.reasons.map((x) => t(`legal.list.reason.${x as 'isolated'}`)).join(', ')
        : t('legal.map.notHaven');
      const fill =
        mode === 'reach'
          ? reachColour(r.reach)
          : HAVEN_COLOUR[
              r.reasons.includes('not-criminalised')
                ? 'not-criminalised'
                : r.reasons.length
                  ? 'isolated'
                  : 'none'
            ];
      return [r.code, { fill, label: `${r.name}: ${t('legal.list.reach')} ${pct} · ${status}` }];
    }),
  );
  const header = (key: SortKey, label: string) => (
    <th scope="col" aria-sort={sort.key === key ? (sort.asc ? 'ascending' : 'descending') : 'none'}>
      <button
        type="button"
        className="link"
        onClick={() => setSort({ key, asc: sort.key === key ? !sort.asc : true })}
      >
        {label}
      </button>
    </th>
  );

  return (
    <section aria-labelledby="map-title">
      <Controls />
      <h2 id="map-title">{t('legal.map.title')}</h2>
      <div className="controls">
        <Labelled label={t('legal.map.colour')}>
          {(id) => (
            <select id={id} value={mode} onChange={(e) => setMode(e.target.value as 'reach' | 'haven')}>
              <option value="reach">{t('legal.map.byReach')}</option>
              <option value="haven">{t('legal.map.byHaven')}</option>
            </select>
          )}
        </Labelled>
        <Labelled label={t('legal.map.threshold', { percent: `${Math.round(threshold * 100)} %` })}>
          {(id) => (
            <input
              id={id}
              type="range"
              min={0}
              max={1}
              step={0.05}
              value={threshold}
              onChange={(e) => setThreshold(Number(e.target.value))}
            />
          )}
        </Labelled>
      </div>
      {data && (
        <p data-testid="haven-summary">
          {t('legal.map.summary', { havens: data.havens.length, total: rows.length })}
        </p>
      )}
      <div className="map-layout">
        <div>
          <WorldMap values={values} title={t('legal.map.title')} />
          <div className="legend" aria-hidden="true">
            {mode === 'reach' ? (
              <>
                <span
                  className="ramp"
                  style={{ background: `linear-gradient(to right, ${reachColour(0)}, ${reachColour(1)})` }}
                />{' '}
                {t('legal.map.legendReach')}
              </>
            ) : (
              <>
                <span className="swatch" style={{ background: HAVEN_COLOUR['not-criminalised'] }} />{' '}
                {t('legal.list.reason.not-criminalised')}
                <span className="swatch" style={{ background: HAVEN_COLOUR.isolated }} />{' '}
                {t('legal.list.reason.isolated')}
                <span className="swatch" style={{ background: HAVEN_COLOUR.none }} />{' '}
                {t('legal.map.notHaven')}
              </>
            )}
          </div>
        </div>
        <div className="table-scroll">
          <table className="data-table" data-testid="reach-table">
            <thead>
              <tr>
                {header('name', t('legal.list.country'))}
                {header('reach', t('legal.list.reach'))}
                <th scope="col">{t('legal.list.status')}</th>
              </tr>
            </thead>
            <tbody>
              {sorted.map((r) => (
                <tr key={r.code}>
                  <td>
                    <Link to={`/legal/countries/${r.code}`} title={t('legal.country.open')}>
                      {r.name}
                    </Link>{' '}
                    <span className="muted">{r.code}</span>
                  </td>
                  <td>
                    <span
                      className="bar"
                      style={{ inlineSize: `${r.reach * 100}%`, background: reachColour(r.reach) }}
                    />{' '}
                    {(r.reach * 100).toFixed(0)} %
                  </td>
                  <td>{r.reasons.map((x) => t(`legal.list.reason.${x as 'isolated'}`)).join(', ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
    </section>
  );
}

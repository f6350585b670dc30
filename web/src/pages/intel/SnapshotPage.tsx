// The intel room's home: the global snapshot of what the reader may see. Filters in the URL; the
// server does every count under the reader's TLP visibility, so nothing here can reveal more.
import { useSearchParams } from 'react-router';
import { useI18n } from '../../i18n/i18n.tsx';
import type { Snapshot } from './intel-api.ts';
import { useIntel } from './use-intel.ts';
import { SNAPSHOT_FILTERS, SnapshotFilters, type SnapshotFilterValues } from './SnapshotFilters.tsx';
import { SharedValuesPanel } from './SharedValuesPanel.tsx';
import { CountryMapPanel } from './CountryMapPanel.tsx';
import { TimelineChart } from './TimelineChart.tsx';
import { RisingPanel } from './RisingPanel.tsx';
import { OffencePanel } from './OffencePanel.tsx';

export function SnapshotPage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const values: SnapshotFilterValues = Object.fromEntries(
    SNAPSHOT_FILTERS.flatMap((k) => {
      const v = params.get(k);
      return v ? [[k, v]] : [];
    }),
  );
  // "Ending" is a day in the URL; the API takes the exclusive end of the period, so the next midnight.
  const { ending, ...rest } = values;
  const until =
    ending && /^\d{4}-\d\d-\d\d$/.test(ending)
      ? new Date(Date.parse(`${ending}T00:00:00Z`) + 86_400_000).toISOString()
      : undefined;
  const { data, error, loading } = useIntel<Snapshot>('/snapshot', { ...rest, until });
  return (
    <div className="snapshot" aria-busy={loading}>
      <SnapshotFilters key={params.toString()} values={values} onChange={(next) => setParams(next)} />
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {!data ? (
        !error && <p role="status">{t('common.loading')}</p>
      ) : (
        <>
          <dl className="kpis" data-testid="kpis">
            {(['values', 'objects', 'sightings', 'countries'] as const).map((k) => (
              <div key={k}>
                <dt>{t(`intel.kpi.${k}`)}</dt>
                <dd>{data.totals[k].toLocaleString()}</dd>
              </div>
            ))}
            <div className="period">
              <dt>{t('intel.kpi.period')}</dt>
              <dd className="small mono" dir="ltr">
                {data.since.slice(0, 10)} → {lastDay(data.until)}
              </dd>
            </div>
          </dl>
          <div className="snapshot-grid">
            <SharedValuesPanel snapshot={data} minCountries={Number(values.minCountries ?? 2)} />
            <CountryMapPanel snapshot={data} />
            <section className="intel-panel timeline-panel" aria-labelledby="timeline-title">
              <h2 id="timeline-title">{t('intel.snapshot.timeline')}</h2>
              <TimelineChart snapshot={data} />
            </section>
            <RisingPanel snapshot={data} />
            <OffencePanel snapshot={data} />
          </div>
        </>
      )}
    </div>
  );
}

/** The last day a period includes: its end is exclusive. */
function lastDay(until: string): string {
  return new Date(Date.parse(until) - 1).toISOString().slice(0, 10);
}

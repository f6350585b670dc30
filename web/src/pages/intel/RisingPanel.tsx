// Values rising fastest: reports and sightings in the second half of the period against the first,
// with the growth drawn as a pair of bars so "0 → 41" stands out from "30 → 41".
import { Link } from 'react-router';
import { useI18n } from '../../i18n/i18n.tsx';
import type { Snapshot } from './intel-api.ts';
import { linear } from './chart-scale.ts';

export function RisingPanel({ snapshot }: { snapshot: Snapshot }) {
  const { t } = useI18n();
  const rows = snapshot.rising;
  const x = linear(Math.max(1, ...rows.map((r) => r.recent)), 100);
  return (
    <section className="intel-panel rising" aria-labelledby="rising-title">
      <h2 id="rising-title">
        {t('intel.snapshot.rising')} <span className="count">{rows.length}</span>
      </h2>
      <p className="muted small">{t('intel.snapshot.risingHint')}</p>
      {rows.length === 0 ? (
        <p className="muted">{t('intel.snapshot.noRising')}</p>
      ) : (
        <table className="intel-table" data-testid="rising">
          <tbody>
            {rows.map((r) => (
              <tr key={`${r.kind}|${r.value}`}>
                <td className="mono">
                  <Link to={`/intel/search?value=${encodeURIComponent(r.value)}`}>{r.value}</Link>
                </td>
                <td
                  className="growth"
                  aria-label={t('intel.snapshot.growth', { previous: r.previous, recent: r.recent })}
                >
                  <span className="bar previous" style={{ inlineSize: `${x(r.previous)}%` }} />
                  <span className="bar recent" style={{ inlineSize: `${x(r.recent)}%` }} />
                </td>
                <td className="num small" dir="ltr">
                  {r.previous} → <strong>{r.recent}</strong>
                </td>
                <td className="small">{r.countries.join(' ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

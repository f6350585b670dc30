// The hits of a matching run: where in the log, the observable, and each indicator the reader may see
// with its TLP, producer and first-seen date, linked to the object page.
import { Link } from 'react-router';
import { useI18n } from '../../../i18n/i18n.tsx';
import { TlpBadge } from '../TlpBadge.tsx';
import type { MatchHit } from './match-api.ts';

export function MatchHits({ hits }: { hits: MatchHit[] }) {
  const { t } = useI18n();
  return (
    <table className="intel-table match-hits">
      <thead>
        <tr>
          <th>{t('intel.match.line')}</th>
          <th>{t('intel.match.observable')}</th>
          <th>{t('intel.match.indicators')}</th>
        </tr>
      </thead>
      <tbody>
        {hits.map((hit, i) => (
          <tr key={`${hit.line ?? 0}-${i}`}>
            <td className="mono small">
              {hit.line ?? ''}
              {hit.field && <span className="muted"> · {hit.field}</span>}
            </td>
            <td className="mono">
              {hit.observable} <span className="muted small">({hit.kind})</span>
            </td>
            <td>
              <ul className="match-indicators">
                {hit.indicators.map((indicator) => (
                  <li key={indicator.id}>
                    <TlpBadge tlp={indicator.tlp} />{' '}
                    <Link to={`/intel/objects/${indicator.id}`}>{indicator.name ?? indicator.id}</Link>{' '}
                    <span className="muted small">
                      {t('intel.match.producedBy', {
                        org: indicator.producer.name ?? indicator.producer.id,
                        country: indicator.producer.country ?? '?',
                        date: indicator.firstSeen.slice(0, 10),
                      })}
                    </span>
                  </li>
                ))}
              </ul>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

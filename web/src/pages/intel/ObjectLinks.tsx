// What an object connects to, as far as the reader may see: relationships (both directions), sightings
// of its values, and correlations (other countries' objects sharing one of its values).
import { Link } from 'react-router';
import { useI18n } from '../../i18n/i18n.tsx';
import type { ObjectView } from './intel-api.ts';
import { TlpBadge } from './TlpBadge.tsx';

type SightingGroup = ObjectView['sightings'][number] & { reports: number };

/** One line per value, country and kind of sighting: totals, first and last seen, number of reports. */
function groupSightings(sightings: ObjectView['sightings']): SightingGroup[] {
  const groups = new Map<string, SightingGroup>();
  for (const s of sightings) {
    const key = `${s.value}|${s.country ?? ''}|${s.sightingType}`;
    const g = groups.get(key);
    if (g) {
      g.count += s.count;
      g.reports += 1;
      g.firstSeen = s.firstSeen < g.firstSeen ? s.firstSeen : g.firstSeen;
      g.lastSeen = s.lastSeen > g.lastSeen ? s.lastSeen : g.lastSeen;
    } else {
      groups.set(key, { ...s, reports: 1 });
    }
  }
  return [...groups.values()].sort((a, b) => b.count - a.count);
}

export function ObjectLinks({ view }: { view: ObjectView }) {
  const { t } = useI18n();
  const sightings = groupSightings(view.sightings);
  return (
    <>
      <section aria-labelledby="rel-title" className="object-section">
        <h3 id="rel-title">
          {t('intel.object.relationships')} <span className="count">{view.relationships.length}</span>
        </h3>
        {view.relationships.length === 0 ? (
          <p className="muted small">{t('intel.object.noRelationships')}</p>
        ) : (
          <table className="intel-table">
            <tbody>
              {view.relationships.map((r) => (
                <tr key={r.id}>
                  <td className="mono small">
                    {r.direction === 'out' ? '→' : '←'} {r.relationshipType}
                  </td>
                  <td>
                    <TlpBadge tlp={r.other.tlp} />
                  </td>
                  <td className="mono small">{r.other.type}</td>
                  <td>
                    <Link to={`/intel/objects/${r.other.id}`}>{r.other.name ?? r.other.id}</Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section aria-labelledby="corr-title" className="object-section">
        <h3 id="corr-title">
          {t('intel.object.correlations')} <span className="count">{view.correlations.length}</span>
        </h3>
        {view.correlations.length === 0 ? (
          <p className="muted small">{t('intel.object.noCorrelations')}</p>
        ) : (
          <table className="intel-table" data-testid="correlations">
            <tbody>
              {view.correlations.map((c) => (
                <tr key={`${c.value}|${c.id}`}>
                  <td className="mono small">{c.value}</td>
                  <td>{c.country}</td>
                  <td>
                    <TlpBadge tlp={c.tlp} />
                  </td>
                  <td>
                    <Link to={`/intel/objects/${c.id}`}>{c.name ?? c.id}</Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section aria-labelledby="sight-title" className="object-section">
        <h3 id="sight-title">
          {t('intel.object.sightings')} <span className="count">{view.sightings.length}</span>
        </h3>
        {sightings.length === 0 ? (
          <p className="muted small">{t('intel.object.noSightings')}</p>
        ) : (
          <table className="intel-table" data-testid="sightings">
            <thead>
              <tr>
                <th>{t('intel.snapshot.value')}</th>
                <th>{t('intel.col.country')}</th>
                <th>{t('intel.col.type')}</th>
                <th className="num">{t('intel.object.sightingCount')}</th>
                <th className="num">{t('intel.object.reports')}</th>
                <th>{t('intel.object.seen')}</th>
              </tr>
            </thead>
            <tbody>
              {sightings.map((s) => (
                <tr key={`${s.value}|${s.country ?? ''}|${s.sightingType}`}>
                  <td className="mono small">{s.value}</td>
                  <td>{s.country ?? '—'}</td>
                  <td>{s.sightingType}</td>
                  <td className="num">{s.count.toLocaleString()}</td>
                  <td className="num">{s.reports}</td>
                  <td className="mono small" dir="ltr">
                    {s.firstSeen.slice(0, 10)} → {s.lastSeen.slice(0, 10)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}

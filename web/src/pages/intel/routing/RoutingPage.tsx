// The coordinator's routing pages: the campaigns run by the reader's organisations, a form to route a
// list, objects or a collection, and each campaign's map.
import { Link, Route, Routes } from 'react-router';
import { useI18n } from '../../../i18n/i18n.tsx';
import { useIntel } from '../use-intel.ts';
import type { RunView } from './routing-api.ts';
import { NewRunForm } from './NewRunForm.tsx';
import { RunMapPage } from './RunMapPage.tsx';
import { DataAttribution } from './Attribution.tsx';
import './routing.css';

export function RoutingPage() {
  return (
    <Routes>
      <Route index element={<RunList />} />
      <Route path=":id" element={<RunMapPage />} />
    </Routes>
  );
}

function RunList() {
  const { t } = useI18n();
  const { data, error, loading } = useIntel<{ runs: RunView[] }>('/routing/runs');
  const runs = data?.runs ?? [];
  return (
    <div className="routing-page stack">
      <section className="panel">
        <h2>{t('routing.runs.title')}</h2>
        <p className="muted">{t('routing.runs.intro')}</p>
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <table className="intel-table" aria-busy={loading} data-testid="runs-table">
          <thead>
            <tr>
              <th>{t('routing.col.name')}</th>
              <th>{t('routing.col.source')}</th>
              <th className="num">{t('routing.col.values')}</th>
              <th className="num">{t('routing.col.routed')}</th>
              <th className="num">{t('routing.col.notifications')}</th>
              <th>{t('routing.col.created')}</th>
            </tr>
          </thead>
          <tbody>
            {runs.map((r) => (
              <tr key={r.id}>
                <td>
                  <Link to={`/intel/routing/${r.id}`}>{r.name}</Link>
                </td>
                <td>
                  {r.source.kind}
                  {r.source.ref ? <span className="muted"> · {r.source.ref}</span> : null}
                </td>
                <td className="num">{r.counts.values}</td>
                <td className="num">{r.counts.routed}</td>
                <td className="num">{r.counts.notifications}</td>
                <td>{r.createdAt.slice(0, 16).replace('T', ' ')}</td>
              </tr>
            ))}
            {!loading && runs.length === 0 && (
              <tr>
                <td colSpan={6} className="muted">
                  {t('routing.runs.empty')}
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </section>
      <NewRunForm />
      <DataAttribution />
    </div>
  );
}

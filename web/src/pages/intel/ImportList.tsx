// The organisation's recent imports, newest first, each linking to its progress and report.
import { Link } from 'react-router';
import { useI18n } from '../../i18n/i18n.tsx';
import type { ImportView } from './import-api.ts';
import { useIntel } from './use-intel.ts';

export function ImportList() {
  const { t } = useI18n();
  const { data, error } = useIntel<{ imports: ImportView[] }>('/imports');
  const imports = data?.imports ?? [];
  return (
    <section className="intel-panel import-list" aria-labelledby="imports-title">
      <h2 id="imports-title">{t('intel.import.recent')}</h2>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {imports.length === 0 && !error ? (
        <p className="muted">{t('intel.import.none')}</p>
      ) : (
        <table className="intel-table" data-testid="imports">
          <thead>
            <tr>
              <th>{t('intel.import.file')}</th>
              <th>{t('intel.import.format')}</th>
              <th>{t('intel.import.state')}</th>
              <th className="num">{t('intel.import.count.added')}</th>
              <th className="num">{t('intel.import.count.rejected')}</th>
              <th>{t('intel.import.when')}</th>
            </tr>
          </thead>
          <tbody>
            {imports.map((i) => (
              <tr key={i.id}>
                <td>
                  <Link to={`/intel/import/${i.id}`}>{i.fileName}</Link>
                </td>
                <td>{i.format}</td>
                <td>
                  <span className={`status status-${i.status}`}>{t(`intel.import.status.${i.status}`)}</span>
                </td>
                <td className="num">{i.counts.added.toLocaleString()}</td>
                <td className="num">{i.counts.rejected.toLocaleString()}</td>
                <td className="mono small">{i.createdAt.slice(0, 16).replace('T', ' ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

// The intel room's home: the global snapshot of what the reader may see.
import { Link } from 'react-router';
import { useI18n } from '../../i18n/i18n.tsx';
import { useIntel } from './use-intel.ts';

type Snapshot = {
  since: string;
  sharedValues: { kind: string; value: string; countries: string[]; objects: number }[];
};

export function SnapshotPage() {
  const { t } = useI18n();
  const { data, error } = useIntel<Snapshot>('/snapshot');
  if (error) {
    return (
      <p className="error" role="alert">
        {error}
      </p>
    );
  }
  if (!data) {
    return <p role="status">{t('common.loading')}</p>;
  }
  return (
    <section aria-labelledby="shared-title">
      <h2 id="shared-title">{t('intel.snapshot.shared')}</h2>
      <table className="intel-table">
        <tbody>
          {data.sharedValues.map((v) => (
            <tr key={`${v.kind}|${v.value}`}>
              <td className="num">{v.countries.length}</td>
              <td className="mono">
                <Link to={`/intel/search?value=${encodeURIComponent(v.value)}`}>{v.value}</Link>
              </td>
              <td>{v.countries.join(' ')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

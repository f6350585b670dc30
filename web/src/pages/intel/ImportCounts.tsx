// What an import did, as counts: added, new versions, older versions kept aside, duplicates, rejected.
import { useI18n } from '../../i18n/i18n.tsx';
import type { ImportView } from './import-api.ts';

const KEYS = ['added', 'newVersion', 'olderVersion', 'duplicate', 'rejected'] as const;

export function ImportCounts({ counts }: { counts: ImportView['counts'] }) {
  const { t } = useI18n();
  return (
    <dl className="kpis import-counts" data-testid="import-counts">
      {KEYS.map((k) => (
        <div key={k} className={k === 'rejected' && counts.rejected > 0 ? 'warn' : undefined}>
          <dt>{t(`intel.import.count.${k}`)}</dt>
          <dd>{counts[k].toLocaleString()}</dd>
        </div>
      ))}
    </dl>
  );
}

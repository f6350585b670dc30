// Imports a Trusted Introducer-shaped JSON file (an array of teams): valid teams land or are updated,
// each rejected one is listed with its reasons.
import { useState } from 'react';
import { useI18n } from '../../../i18n/i18n.tsx';
import { useSubmit } from '../../../components/use-submit.ts';
import { importDirectory, type ImportReport } from '../routing/routing-api.ts';

export function DirectoryImport({ onImported }: { onImported: () => void }) {
  const { t } = useI18n();
  const [report, setReport] = useState<ImportReport | null>(null);
  const { busy, error, setError, run } = useSubmit();

  async function upload(file: File | undefined) {
    if (!file) {
      return;
    }
    setReport(null);
    await run(async () => {
      let teams: unknown;
      try {
        teams = JSON.parse(await file.text());
      } catch {
        setError(t('cirts.import.notJson', { file: file.name }));
        return;
      }
      setReport(await importDirectory(teams));
      onImported();
    });
  }

  return (
    <section className="panel">
      <h2>{t('cirts.import.title')}</h2>
      <p className="muted">{t('cirts.import.intro')}</p>
      <label className="control">
        <span>{t('cirts.import.file')}</span>
        <input
          type="file"
          accept=".json,application/json"
          disabled={busy}
          onChange={(e) => void upload(e.target.files?.[0])}
        />
      </label>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {report && (
        <div role="status" data-testid="import-report">
          <p>
            {t('cirts.import.result', {
              imported: report.imported,
              updated: report.updated,
              rejected: report.rejected.length,
            })}
          </p>
          <ul>
            {report.rejected.map((r) => (
              <li key={r.index}>
                #{r.index} {r.name ?? '—'}: {r.problems.map((p) => `${p.path} ${p.reason}`).join('; ')}
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}

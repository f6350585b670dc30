// The upload form: the file, its format (guessed from the name), the CSV preset, the TLP to give
// unmarked objects and the organisations of the audience. On success it opens the import's page.
import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { useI18n } from '../../i18n/i18n.tsx';
import { useSubmit } from '../../components/use-submit.ts';
import { TLPS } from './intel-api.ts';
import { CSV_PRESETS, guessFormat, IMPORT_FORMATS, startImport, type ImportFormat } from './import-api.ts';
import { useIntelOrganisations } from './use-organisations.ts';
import { useSession } from '../../session.tsx';

export function ImportForm() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const organisations = useIntelOrganisations();
  const { me } = useSession();
  // Only a member of several organisations chooses which one produces the import.
  const producers = me?.memberships.filter((m) => m.role !== 'reader') ?? [];
  const [format, setFormat] = useState<ImportFormat>('stix');
  const { busy, error, setError, run } = useSubmit();

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    const file = data.get('file');
    if (!(file instanceof File) || file.size === 0) {
      setError(t('intel.import.chooseFile'));
      return;
    }
    const field = (name: string) => {
      const v = data.get(name);
      return typeof v === 'string' && v ? v : undefined;
    };
    await run(async () => {
      const started = await startImport({
        file,
        format,
        preset: field('preset'),
        tlp: field('tlp'),
        organisation: field('organisation'),
        audience: data.getAll('audience').filter((v): v is string => typeof v === 'string'),
      });
      await navigate(`/intel/import/${started.id}`);
    });
  }

  return (
    <form className="import-form intel-panel" onSubmit={(e) => void submit(e)} aria-labelledby="import-title">
      <h2 id="import-title">{t('intel.import.title')}</h2>
      <div className="controls">
        <label className="control grow">
          <span>{t('intel.import.file')}</span>
          <input
            name="file"
            type="file"
            accept=".json,.csv,.txt,.tsv,application/json,text/csv,text/plain"
            onChange={(e) => {
              const name = e.currentTarget.files?.[0]?.name;
              if (name) {
                setFormat(guessFormat(name));
              }
            }}
          />
        </label>
        <label className="control">
          <span>{t('intel.import.format')}</span>
          <select
            name="format"
            value={format}
            onChange={(e) => setFormat(e.currentTarget.value as ImportFormat)}
          >
            {IMPORT_FORMATS.map((f) => (
              <option key={f} value={f}>
                {t(`intel.import.format.${f}`)}
              </option>
            ))}
          </select>
        </label>
        {format === 'csv' && (
          <label className="control">
            <span>{t('intel.import.preset')}</span>
            <select name="preset" defaultValue="plain">
              {CSV_PRESETS.map((p) => (
                <option key={p} value={p}>
                  {p}
                </option>
              ))}
            </select>
          </label>
        )}
        {producers.length > 1 && (
          <label className="control">
            <span>{t('intel.import.producer')}</span>
            <select name="organisation">
              {producers.map((m) => (
                <option key={m.organisation.id} value={m.organisation.id}>
                  {m.organisation.name}
                </option>
              ))}
            </select>
          </label>
        )}
        <label className="control">
          <span>{t('intel.import.tlp')}</span>
          <select name="tlp" defaultValue="">
            <option value="">{t('intel.import.tlpDefault')}</option>
            {TLPS.map((tlp) => (
              <option key={tlp} value={tlp}>
                TLP:{tlp.toUpperCase()}
              </option>
            ))}
          </select>
        </label>
      </div>
      <fieldset className="audience">
        <legend>{t('intel.import.audience')}</legend>
        <p className="muted small">{t('intel.import.audienceHint')}</p>
        <div className="audience-list">
          {organisations.map((o) => (
            <label key={o.id} className="checkbox">
              <input type="checkbox" name="audience" value={o.id} /> {o.name}{' '}
              <span className="muted small">{o.country}</span>
            </label>
          ))}
        </div>
      </fieldset>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" className="primary" disabled={busy}>
        {t(busy ? 'intel.import.uploading' : 'intel.import.start')}
      </button>
    </form>
  );
}

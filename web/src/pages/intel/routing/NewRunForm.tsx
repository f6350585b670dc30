// Starts a routing run: a pasted or uploaded list of addresses and domains (with its TLP), stored STIX
// objects by id, or a TAXII collection. The server validates; errors name the field.
import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { useI18n } from '../../../i18n/i18n.tsx';
import { useSubmit } from '../../../components/use-submit.ts';
import { TLPS } from '../intel-api.ts';
import { ASYNC_LINES, createRun, followRoutingJob, queueRun, type RunSourceInput } from './routing-api.ts';

type Kind = Exclude<RunSourceInput['kind'], 'import'>;

export function NewRunForm() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [kind, setKind] = useState<Kind>('list');
  const [text, setText] = useState('');
  const [fileName, setFileName] = useState<string | undefined>();
  const { busy, error, run } = useSubmit();
  const [progress, setProgress] = useState<{ done: number; total: number | null } | null>(null);

  async function readFile(file: File | undefined) {
    if (file) {
      setText(await file.text());
      setFileName(file.name);
    }
  }

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const field = (key: string) => {
      const v = form.get(key);
      return typeof v === 'string' ? v.trim() : '';
    };
    const name = field('name');
    const lines = text.split(/\s+/).filter(Boolean);
    const source: RunSourceInput =
      kind === 'list'
        ? { kind, text, tlp: field('tlp'), ...(fileName ? { fileName } : {}) }
        : kind === 'objects'
          ? { kind, ids: lines }
          : { kind, id: lines[0] ?? '' };
    const body = { ...(name ? { name } : {}), source };
    await run(async () => {
      if (kind === 'list' && lines.length > ASYNC_LINES) {
        void navigate(`/intel/routing/${await followJob(body)}`);
      } else {
        const created = await createRun(body);
        void navigate(`/intel/routing/${created.run.id}`);
      }
    });
    setProgress(null);
  }

  /** Queues a long list as a job and polls it until it names the run. */
  async function followJob(body: Parameters<typeof queueRun>[0]): Promise<string> {
    const { job } = await queueRun(body);
    const done = await followRoutingJob(job, (p) => setProgress({ done: p.done, total: p.total }));
    if (done.runId === undefined) {
      throw new Error(done.error ?? t('routing.new.jobFailed'));
    }
    return done.runId;
  }

  return (
    <section className="panel">
      <h2>{t('routing.new.title')}</h2>
      <form className="stack" onSubmit={(e) => void submit(e)} aria-label={t('routing.new.title')}>
        <div className="row">
          <label className="control grow">
            <span>{t('routing.new.name')}</span>
            <input name="name" maxLength={200} placeholder={t('routing.new.namePlaceholder')} />
          </label>
          <label className="control">
            <span>{t('routing.new.source')}</span>
            <select value={kind} onChange={(e) => setKind(e.target.value as Kind)} name="kind">
              <option value="list">{t('routing.new.sourceList')}</option>
              <option value="objects">{t('routing.new.sourceObjects')}</option>
              <option value="collection">{t('routing.new.sourceCollection')}</option>
            </select>
          </label>
          {kind === 'list' && (
            <label className="control">
              <span>{t('intel.filter.tlp')}</span>
              <select name="tlp" defaultValue="amber">
                {TLPS.map((l) => (
                  <option key={l} value={l}>
                    TLP:{l.toUpperCase()}
                  </option>
                ))}
              </select>
            </label>
          )}
        </div>
        {kind === 'list' && (
          <label className="control">
            <span>{t('routing.new.file')}</span>
            <input
              type="file"
              accept=".txt,.csv,text/plain,text/csv"
              onChange={(e) => void readFile(e.target.files?.[0])}
            />
          </label>
        )}
        <label className="control">
          <span>
            {kind === 'list'
              ? t('routing.new.listHint')
              : kind === 'objects'
                ? t('routing.new.objectsHint')
                : t('routing.new.collectionHint')}
          </span>
          <textarea
            name="values"
            value={text}
            onChange={(e) => setText(e.target.value)}
            required
            placeholder={
              kind === 'list'
                ? '41.203.64.17\nexample.ng'
                : kind === 'objects'
                  ? 'indicator--…'
                  : 'collection id'
            }
          />
        </label>
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <div className="actions">
          <button type="submit" className="primary" disabled={busy}>
            {t('routing.new.submit')}
          </button>
          {progress && (
            <span role="status">
              {t('routing.new.progress', { done: progress.done, total: progress.total ?? '…' })}
            </span>
          )}
        </div>
      </form>
    </section>
  );
}

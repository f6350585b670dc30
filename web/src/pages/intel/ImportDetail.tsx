// One import: live progress while its job runs (polled every second), then what it did (counts) and
// the rejection report, paged by cursor, each record with where it was in the file and why.
import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { useI18n } from '../../i18n/i18n.tsx';
import { describeError } from '../../api/error-text.ts';
import { getIntel } from './intel-api.ts';
import type { ImportView, Rejection } from './import-api.ts';
import { useIntel } from './use-intel.ts';
import { ImportCounts } from './ImportCounts.tsx';
import { RouteImportButton } from './routing/RouteImportButton.tsx';

const POLL_MS = 1000;
const PAGE = 50;

export function ImportDetail() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const { data, error, reload } = useIntel<{ import: ImportView }>(`/imports/${encodeURIComponent(id)}`);
  const view = data?.import.id === id ? data.import : undefined;
  const live = view?.status === 'queued' || view?.status === 'running';
  useEffect(() => {
    if (!live) {
      return;
    }
    const timer = setTimeout(reload, POLL_MS);
    return () => clearTimeout(timer);
  }, [live, view, reload]);

  if (error) {
    return (
      <p className="error" role="alert">
        {error}
      </p>
    );
  }
  if (!view) {
    return <p role="status">{t('common.loading')}</p>;
  }
  const total = view.progress.total ?? 0;
  const share = total > 0 ? Math.min(1, view.progress.done / total) : view.status === 'succeeded' ? 1 : 0;
  return (
    <article className="import-detail" aria-labelledby="import-file">
      <p className="small">
        <Link to="/intel/import">← {t('intel.import.all')}</Link>
      </p>
      <header className="object-head">
        <h2 id="import-file">{view.fileName}</h2>
        <span className={`status status-${view.status}`} data-testid="import-status">
          {t(`intel.import.status.${view.status}`)}
        </span>
      </header>
      <p className="muted small">
        {t(`intel.import.format.${view.format}`)}
        {view.preset ? ` · ${view.preset}` : ''} · {formatBytes(view.bytes)}
        {view.tlp ? ` · TLP:${view.tlp.toUpperCase()}` : ''} · {view.createdAt.slice(0, 19).replace('T', ' ')}
      </p>
      <div
        className="progress"
        role="progressbar"
        aria-label={t('intel.import.progress')}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(share * 100)}
      >
        <span style={{ inlineSize: `${share * 100}%` }} />
      </div>
      <p className="small muted" aria-live="polite">
        {Math.round(share * 100)}%{view.progress.message ? ` · ${view.progress.message}` : ''}
      </p>
      {view.error && (
        <p className="error" role="alert">
          {view.error}
        </p>
      )}
      <ImportCounts counts={view.counts} />
      {view.status === 'succeeded' && <RouteImportButton importId={view.id} />}
      {view.counts.rejected > 0 && <Rejections id={view.id} refreshKey={view.counts.rejected} />}
    </article>
  );
}

function Rejections({ id, refreshKey }: { id: string; refreshKey: number }) {
  const { t, language } = useI18n();
  const first = useIntel<{ rejections: Rejection[]; next: string | null }>(
    `/imports/${encodeURIComponent(id)}/rejections`,
    { limit: String(PAGE) },
    refreshKey,
  );
  const [more, setMore] = useState<{ key: number; rows: Rejection[]; next: string | null }>();
  const [moreError, setMoreError] = useState<string | null>(null);
  const extra = more?.key === refreshKey ? more : undefined;
  const rows = [...(first.data?.rejections ?? []), ...(extra?.rows ?? [])];
  const next = extra ? extra.next : (first.data?.next ?? null);

  async function loadMore(after: string) {
    try {
      const page = await getIntel<{ rejections: Rejection[]; next: string | null }>(
        `/imports/${encodeURIComponent(id)}/rejections`,
        { after, limit: String(PAGE) },
      );
      setMore({ key: refreshKey, rows: [...(extra?.rows ?? []), ...page.rejections], next: page.next });
    } catch (e) {
      setMoreError(describeError(e, t, language));
    }
  }
  return (
    <section className="object-section" aria-labelledby="rejections-title">
      <h3 id="rejections-title">
        {t('intel.import.rejections')} <span className="count">{refreshKey}</span>
      </h3>
      <table className="intel-table" data-testid="rejections">
        <thead>
          <tr>
            <th>{t('intel.import.where')}</th>
            <th>{t('intel.import.code')}</th>
            <th>{t('intel.import.reason')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={`${r.locator}|${i}`}>
              <td className="mono small">{r.locator}</td>
              <td className="mono small">{r.code}</td>
              <td>{r.reason}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {(first.error ?? moreError) && (
        <p className="error" role="alert">
          {first.error ?? moreError}
        </p>
      )}
      {next !== null && (
        <button type="button" onClick={() => void loadMore(next)}>
          {t('intel.search.more')}
        </button>
      )}
    </section>
  );
}

function formatBytes(bytes: number): string {
  if (bytes < 1024) {
    return `${bytes} B`;
  }
  const units = ['KiB', 'MiB', 'GiB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}

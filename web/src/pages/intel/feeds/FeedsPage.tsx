// TAXII feeds: scheduled pulls from partners' servers. Members see each feed's last run (when, what it
// added, the error if it failed) and may run it now; administrators add feeds. Secrets are write-only.
import { useState } from 'react';
import { useI18n } from '../../../i18n/i18n.tsx';
import { useSession } from '../../../session.tsx';
import { describeError } from '../../../api/error-text.ts';
import { useIntel } from '../use-intel.ts';
import { TlpBadge } from '../TlpBadge.tsx';
import { runFeed, setFeedEnabled, type FeedView } from './feeds-api.ts';
import { FeedForm } from './FeedForm.tsx';
import '../collections/collections.css';

export function FeedsPage() {
  const { t, language } = useI18n();
  const { me } = useSession();
  const { data, error, loading, reload } = useIntel<{ feeds: FeedView[] }>('/feeds');
  const [runError, setRunError] = useState<string | null>(null);
  const admins = (me?.memberships ?? []).filter((m) => m.role === 'org-admin').map((m) => m.organisation);
  async function act(work: () => Promise<unknown>) {
    setRunError(null);
    try {
      await work();
      reload();
    } catch (err) {
      setRunError(describeError(err, t, language));
    }
  }
  const manages = (organisationId: string) =>
    me?.isAdmin === true || admins.some((o) => o.id === organisationId);
  return (
    <div className="feeds-page stack">
      <section className="panel">
        <h2>{t('taxii.feeds.title')}</h2>
        <p className="muted">{t('taxii.feeds.intro')}</p>
        {(error ?? runError) && (
          <p className="error" role="alert">
            {error ?? runError}
          </p>
        )}
        <table className="intel-table" aria-busy={loading} data-testid="feed-table">
          <thead>
            <tr>
              <th>{t('taxii.feeds.col.name')}</th>
              <th>{t('taxii.feeds.col.source')}</th>
              <th>{t('taxii.feeds.col.every')}</th>
              <th>{t('taxii.feeds.col.lastRun')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {(data?.feeds ?? []).map((f) => (
              <tr key={f.id}>
                <td>
                  {f.name} {f.tlp && <TlpBadge tlp={f.tlp} />}
                  {!f.enabled && <span className="muted"> ({t('taxii.feeds.disabled')})</span>}
                </td>
                <td>
                  <code className="taxii-url">{f.url}</code>
                  <div className="muted">{t('taxii.feeds.collection', { id: f.remoteCollectionId })}</div>
                </td>
                <td>{t('taxii.feeds.minutes', { n: f.intervalMinutes })}</td>
                <td>
                  <LastRun feed={f} />
                </td>
                <td className="feed-actions">
                  <button type="button" onClick={() => void act(() => runFeed(f.id))}>
                    {t('taxii.feeds.runNow')}
                  </button>
                  {manages(f.organisationId) && (
                    <button type="button" onClick={() => void act(() => setFeedEnabled(f.id, !f.enabled))}>
                      {f.enabled ? t('taxii.feeds.disable') : t('taxii.feeds.enable')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
            {!loading && (data?.feeds ?? []).length === 0 && (
              <tr>
                <td colSpan={5} className="muted">
                  {t('taxii.feeds.none')}
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </section>
      {(me?.isAdmin || admins.length > 0) && <FeedForm onAdded={reload} />}
    </div>
  );
}

function LastRun({ feed }: { feed: FeedView }) {
  const { t } = useI18n();
  const run = feed.lastRun;
  if (!run.status) {
    return <span className="muted">{t('taxii.feeds.never')}</span>;
  }
  return (
    <div>
      <strong data-testid="feed-status">{t(`taxii.feeds.status.${run.status}`)}</strong>
      {run.at && <span className="muted"> {new Date(run.at).toLocaleString()}</span>}
      {run.counts && (
        <div className="muted">
          {t('taxii.feeds.counts', {
            added: run.counts.added ?? 0,
            versions: run.counts['new-version'] ?? 0,
            duplicates: run.counts.duplicate ?? 0,
            rejected: run.counts.rejected ?? 0,
          })}
        </div>
      )}
      {run.error && <div className="feed-error">{run.error}</div>}
    </div>
  );
}

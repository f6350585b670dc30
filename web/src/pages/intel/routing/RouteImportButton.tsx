// "Route to CIRTs" on a succeeded import's page: queues a routing run of what the import stored (as a
// job, since an import may hold a million objects), shows its progress, then opens the campaign map.
// Shown to analysts and organisation administrators, who may run a campaign; the server decides.
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { useI18n } from '../../../i18n/i18n.tsx';
import { useSession } from '../../../session.tsx';
import { useSubmit } from '../../../components/use-submit.ts';
import { followRoutingJob, queueRun } from './routing-api.ts';

export function RouteImportButton({ importId }: { importId: string }) {
  const { t } = useI18n();
  const { me } = useSession();
  const navigate = useNavigate();
  const [progress, setProgress] = useState<{ done: number; total: number | null } | null>(null);
  const { busy, error, run } = useSubmit();
  const routers = (me?.memberships ?? []).filter((m) => m.role === 'analyst' || m.role === 'org-admin');
  const organisationId = routers[0]?.organisation.id;
  if (organisationId === undefined) {
    return null;
  }

  async function route() {
    await run(async () => {
      const { job } = await queueRun({
        source: { kind: 'import', importId },
        // Several organisations: the campaign is run by the first one where the user may route.
        ...(routers.length > 1 ? { organisationId } : {}),
      });
      const done = await followRoutingJob(job, (p) => setProgress({ done: p.done, total: p.total }));
      if (done.runId === undefined) {
        throw new Error(done.error ?? t('routing.new.jobFailed'));
      }
      void navigate(`/intel/routing/${done.runId}`);
    });
    setProgress(null);
  }

  return (
    <section className="object-section" aria-labelledby="route-import-title">
      <h3 id="route-import-title">{t('routing.fromImport.title')}</h3>
      <p className="small muted">{t('routing.fromImport.hint')}</p>
      <div className="actions">
        <button type="button" className="primary" disabled={busy} onClick={() => void route()}>
          {t('routing.fromImport.button')}
        </button>
        {progress && (
          <span role="status">
            {t('routing.fromImport.progress', { done: progress.done, total: progress.total ?? '…' })}
          </span>
        )}
      </div>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}

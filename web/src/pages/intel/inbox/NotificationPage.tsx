// One notification: its team, campaign and TLP, the values with how each was routed (countries, ASN,
// the constituency entry that made this team responsible), acknowledge and CSV export.
import { Link, useParams } from 'react-router';
import { useI18n } from '../../../i18n/i18n.tsx';
import { useSubmit } from '../../../components/use-submit.ts';
import { useIntel } from '../use-intel.ts';
import { TlpBadge } from '../TlpBadge.tsx';
import { acknowledge, exportCsvUrl, type NotificationView } from '../routing/routing-api.ts';
import { DataAttribution } from '../routing/Attribution.tsx';
import { useCountryName } from '../use-country-name.ts';
import { DeliveryStatus } from './DeliveryStatus.tsx';

export function NotificationPage() {
  const { t } = useI18n();
  const name = useCountryName();
  const { id = '' } = useParams();
  const { data, error, reload } = useIntel<{ notification: NotificationView }>(`/notifications/${id}`);
  const { busy, error: actionError, run } = useSubmit();
  const n = data?.notification;

  async function ack() {
    await run(async () => {
      await acknowledge(id);
      reload();
    });
  }

  return (
    <div className="routing-page notification">
      <p>
        <Link to="/intel/inbox">{t('inbox.back')}</Link>
      </p>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {n && (
        <>
          <div className="object-head">
            <TlpBadge tlp={n.tlp} />
            <h2>{t('inbox.detail.title', { team: n.cirt.name, count: n.itemCount })}</h2>
          </div>
          <dl className="facts">
            <dt>{t('inbox.col.run')}</dt>
            <dd>{n.run.name}</dd>
            <dt>{t('inbox.col.received')}</dt>
            <dd>{n.createdAt.replace('T', ' ').slice(0, 19)} UTC</dd>
            <dt>{t('inbox.col.delivery')}</dt>
            <dd>
              <DeliveryStatus delivery={n.delivery} />
              {n.delivery.error && <span className="muted"> — {n.delivery.error}</span>}
            </dd>
            <dt>{t('inbox.col.acknowledged')}</dt>
            <dd data-testid="ack-state">
              {n.acknowledgedAt
                ? t('inbox.acknowledgedAt', { at: n.acknowledgedAt.slice(0, 16).replace('T', ' ') })
                : t('inbox.notYet')}
            </dd>
          </dl>
          <p className="muted">{t('inbox.tlpNote', { tlp: `TLP:${n.tlp.toUpperCase()}` })}</p>
          <div className="actions">
            {!n.acknowledgedAt && (
              <button type="button" className="primary" onClick={() => void ack()} disabled={busy}>
                {t('inbox.acknowledge')}
              </button>
            )}
            <a className="button" href={exportCsvUrl(n.id)} download>
              {t('inbox.exportCsv')}
            </a>
          </div>
          {actionError && (
            <p className="error" role="alert">
              {actionError}
            </p>
          )}
          <table className="intel-table" data-testid="notification-items">
            <thead>
              <tr>
                <th>{t('inbox.col.value')}</th>
                <th>{t('intel.col.country')}</th>
                <th>ASN</th>
                <th>{t('inbox.col.matchedBy')}</th>
                <th>{t('intel.col.tlp')}</th>
                <th>{t('inbox.col.object')}</th>
              </tr>
            </thead>
            <tbody>
              {(n.items ?? []).map((i) => (
                <tr key={i.seq}>
                  <td className="mono">
                    {i.value}
                    {i.flags.map((f) => (
                      <span key={f} className="flag">
                        {f}
                      </span>
                    ))}
                  </td>
                  <td>{i.countries.map(name).join(', ')}</td>
                  <td>{i.asn ? `AS${i.asn}` : ''}</td>
                  <td>
                    {i.via} <span className="mono">{i.detail}</span>
                  </td>
                  <td>
                    <TlpBadge tlp={i.tlp} />
                  </td>
                  <td>
                    {i.objectId ? (
                      <Link to={`/intel/objects/${i.objectId}`}>{i.objectId.slice(0, 20)}…</Link>
                    ) : (
                      ''
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <DataAttribution />
        </>
      )}
    </div>
  );
}

// A CIRT's inbox: the notifications routed to the teams of the reader's organisations, newest first;
// each opens on its values, with acknowledge and a CSV export of the addresses.
import { useState } from 'react';
import { Link, Route, Routes } from 'react-router';
import { useI18n } from '../../../i18n/i18n.tsx';
import { useIntel } from '../use-intel.ts';
import { TlpBadge } from '../TlpBadge.tsx';
import type { NotificationView } from '../routing/routing-api.ts';
import { DeliveryStatus } from './DeliveryStatus.tsx';
import { NotificationPage } from './NotificationPage.tsx';
import '../routing/routing.css';

export function InboxPage() {
  return (
    <Routes>
      <Route index element={<InboxList />} />
      <Route path=":id" element={<NotificationPage />} />
    </Routes>
  );
}

function InboxList() {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const { data, error, loading } = useIntel<{ notifications: NotificationView[] }>('/notifications', {
    unacknowledged: open ? 'true' : undefined,
  });
  const rows = data?.notifications ?? [];
  return (
    <div className="routing-page inbox">
      <h2>{t('inbox.title')}</h2>
      <p className="muted">{t('inbox.intro')}</p>
      <label className="checkbox">
        <input type="checkbox" checked={open} onChange={(e) => setOpen(e.target.checked)} />{' '}
        {t('inbox.unacknowledgedOnly')}
      </label>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <table className="intel-table" aria-busy={loading} data-testid="inbox-table">
        <thead>
          <tr>
            <th>{t('intel.col.tlp')}</th>
            <th>{t('inbox.col.team')}</th>
            <th>{t('inbox.col.run')}</th>
            <th className="num">{t('inbox.col.values')}</th>
            <th>{t('inbox.col.received')}</th>
            <th>{t('inbox.col.delivery')}</th>
            <th>{t('inbox.col.acknowledged')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((n) => (
            <tr key={n.id}>
              <td>
                <TlpBadge tlp={n.tlp} />
              </td>
              <td>
                <Link to={`/intel/inbox/${n.id}`}>{n.cirt.name}</Link>
              </td>
              <td>{n.run.name}</td>
              <td className="num">{n.itemCount}</td>
              <td>{n.createdAt.slice(0, 16).replace('T', ' ')}</td>
              <td>
                <DeliveryStatus delivery={n.delivery} />
              </td>
              <td>
                {n.acknowledgedAt ? (
                  <span className="status-acknowledged">
                    {t('inbox.acknowledgedAt', { at: n.acknowledgedAt.slice(0, 10) })}
                  </span>
                ) : (
                  <span className="muted">{t('inbox.notYet')}</span>
                )}
              </td>
            </tr>
          ))}
          {!loading && rows.length === 0 && (
            <tr>
              <td colSpan={7} className="muted">
                {t('inbox.empty')}
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}

// How a notification left Accord: inbox only, pending, retrying (with the last error), delivered, failed.
import { useI18n, type MessageKey } from '../../../i18n/i18n.tsx';
import type { NotificationView } from '../routing/routing-api.ts';

const KEYS: Record<NotificationView['delivery']['status'], MessageKey> = {
  'inbox-only': 'inbox.delivery.inboxOnly',
  pending: 'inbox.delivery.pending',
  retrying: 'inbox.delivery.retrying',
  delivered: 'inbox.delivery.delivered',
  failed: 'inbox.delivery.failed',
};

export function DeliveryStatus({ delivery }: { delivery: NotificationView['delivery'] }) {
  const { t } = useI18n();
  return (
    <span className={`status-${delivery.status}`} title={delivery.error ?? undefined}>
      {t(KEYS[delivery.status])}
      {delivery.channels.length > 0 && <span className="muted"> ({delivery.channels.join(', ')})</span>}
    </span>
  );
}

// What the inbox, the routing map and the API show of a notification.
import type { NotificationItem, NotificationRow } from './notification-store.ts';

export type NotificationView = {
  id: string;
  run: { id: string; name: string };
  cirt: { id: string; name: string; country: string };
  tlp: NotificationRow['tlp'];
  itemCount: number;
  delivery: {
    status: NotificationRow['delivery_status'];
    channels: string[];
    attempts: number;
    error: string | null;
    /** How the e-mail went (pgp, plain, withheld); null until an e-mail was handled. */
    email: NotificationRow['email_protection'];
    deliveredAt: string | null;
  };
  acknowledgedAt: string | null;
  createdAt: string;
  items?: NotificationItem[];
};

const iso = (t: string | null) => (t === null ? null : new Date(t).toISOString());

export function presentNotification(row: NotificationRow, items?: NotificationItem[]): NotificationView {
  return {
    id: row.id,
    run: { id: row.run_id, name: row.run_name },
    cirt: { id: row.cirt_id, name: row.cirt_name, country: row.cirt_country },
    tlp: row.tlp,
    itemCount: row.item_count,
    delivery: {
      status: row.delivery_status,
      channels: row.delivery_channels,
      attempts: row.delivery_attempts,
      error: row.delivery_error,
      email: row.email_protection,
      deliveredAt: iso(row.delivered_at),
    },
    acknowledgedAt: iso(row.acknowledged_at),
    createdAt: new Date(row.created_at).toISOString(),
    ...(items ? { items } : {}),
  };
}

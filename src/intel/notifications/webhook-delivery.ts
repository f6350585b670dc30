// Notification by webhook: a JSON POST signed with the team's own secret (HMAC-SHA256 over
// "<timestamp>.<body>", so a captured request cannot be replayed with a new time), with a timeout.
import { createHmac } from 'node:crypto';
import type { Tlp } from '../../platform/access/tlp-policy.ts';
import type { FetchLike } from '../../platform/http/outbound-fetch.ts';
import type { NotificationItem } from './notification-store.ts';

export type OutgoingNotification = {
  id: string;
  tlp: Exclude<Tlp, 'red'>;
  run: { id: string; name: string };
  cirt: { id: string; name: string; country: string };
  createdAt: string;
};

export function signWebhook(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

export async function postNotificationWebhook(
  url: string,
  secret: string,
  n: OutgoingNotification,
  items: readonly NotificationItem[],
  options: { timeoutMs: number; now: Date; fetch: FetchLike },
): Promise<void> {
  const body = JSON.stringify({ notification: { ...n, items } });
  const timestamp = String(Math.floor(options.now.getTime() / 1000));
  const response = await options.fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-accord-timestamp': timestamp,
      'x-accord-signature': signWebhook(secret, timestamp, body),
      'x-accord-tlp': `TLP:${n.tlp.toUpperCase()}`,
    },
    body,
    redirect: 'error',
    signal: AbortSignal.timeout(options.timeoutMs),
  });
  await response.body?.cancel();
  if (!response.ok) {
    throw new Error(`webhook answered HTTP ${response.status}`);
  }
}

// How a notification leaves Accord besides the inbox: the team's e-mail address and/or webhook, by a
// background job of this kind (retried with back-off by the platform's job runner).
export const NOTIFICATION_DELIVERY_JOB = 'intel.notification.deliver';

export type DeliveryChannel = 'email' | 'webhook';

/** E-mail is a channel only where this node has an SMTP server; otherwise the inbox is the delivery. */
export function deliveryChannelsOf(
  team: { email: string | null; webhook: string | null },
  smtpConfigured: boolean,
): DeliveryChannel[] {
  return [
    ...(team.email && smtpConfigured ? (['email'] as const) : []),
    ...(team.webhook ? (['webhook'] as const) : []),
  ];
}

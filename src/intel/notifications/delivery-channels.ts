// How a notification leaves Accord besides the inbox: the team's e-mail address and/or webhook, by a
// background job of this kind (retried with back-off by the platform's job runner).
export const NOTIFICATION_DELIVERY_JOB = 'intel.notification.deliver';

export type DeliveryChannel = 'email' | 'webhook';

export function deliveryChannelsOf(team: {
  email: string | null;
  webhook: string | null;
}): DeliveryChannel[] {
  return [...(team.email ? (['email'] as const) : []), ...(team.webhook ? (['webhook'] as const) : [])];
}

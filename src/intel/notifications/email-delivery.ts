// Notification by e-mail over SMTP (nodemailer): the TLP in the subject and the first line, as FIRST
// asks for e-mail, and the addresses attached as CSV. The SMTP server comes from ACCORD_SMTP_URL.
// @see https://www.first.org/tlp/ ("how to use TLP in email")
import nodemailer from 'nodemailer';
import type { NotificationItem } from './notification-store.ts';
import { itemsToCsv } from './items-csv.ts';
import type { OutgoingNotification } from './webhook-delivery.ts';

export async function sendNotificationEmail(
  smtpUrl: string,
  from: string,
  to: string,
  n: OutgoingNotification,
  items: readonly NotificationItem[],
): Promise<void> {
  const transport = nodemailer.createTransport(smtpUrl);
  try {
    const marking = `TLP:${n.tlp.toUpperCase()}`;
    const lines = items
      .slice(0, 500)
      .map(
        (i) => `  ${i.value}  ${i.countries.join('+')}${i.asn ? ` AS${i.asn}` : ''}  (${i.via} ${i.detail})`,
      );
    await transport.sendMail({
      from,
      to,
      subject: `[${marking}] Accord: ${items.length} value(s) in the constituency of ${n.cirt.name}`,
      text: [
        marking,
        '',
        `Routing run "${n.run.name}" found ${items.length} value(s) for which ${n.cirt.name} is the responsible team.`,
        '',
        ...lines,
        ...(items.length > lines.length
          ? [`  … and ${items.length - lines.length} more in the attached CSV`]
          : []),
        '',
        `Notification ${n.id}; acknowledge it in your Accord inbox.`,
      ].join('\n'),
      attachments: [
        {
          filename: `accord-${n.id.slice(0, 8)}.csv`,
          content: itemsToCsv(items, n.tlp),
          contentType: 'text/csv',
        },
      ],
      headers: { 'X-Accord-Notification': n.id, 'X-Accord-TLP': marking },
    });
  } finally {
    transport.close();
  }
}

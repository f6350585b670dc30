// Notification by e-mail over SMTP (nodemailer): the TLP in the subject and the first line, as FIRST
// asks for e-mail, and the addresses attached as CSV. The SMTP server comes from ACCORD_SMTP_URL.
// To a team with a usable PGP key the message goes as PGP/MIME: the text and the CSV inside the
// encrypted part, and an outer subject that says only the TLP (subjects travel in clear).
// @see https://www.first.org/tlp/ ("how to use TLP in email")
import nodemailer from 'nodemailer';
import MimeNode from 'nodemailer/lib/mime-node';
import type { Key } from 'openpgp';
import type { NotificationItem } from './notification-store.ts';
import { itemsToCsv } from './items-csv.ts';
import { buildPgpMimeMessage } from './pgp-mime.ts';
import type { OutgoingNotification } from './webhook-delivery.ts';

const LISTED_IN_BODY = 500;

function contentOf(n: OutgoingNotification, items: readonly NotificationItem[]) {
  const marking = `TLP:${n.tlp.toUpperCase()}`;
  const lines = items
    .slice(0, LISTED_IN_BODY)
    .map(
      (i) => `  ${i.value}  ${i.countries.join('+')}${i.asn ? ` AS${i.asn}` : ''}  (${i.via} ${i.detail})`,
    );
  return {
    marking,
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
    attachment: { filename: `accord-${n.id.slice(0, 8)}.csv`, content: itemsToCsv(items, n.tlp) },
  };
}

/** The inner entity of an encrypted message: text and CSV, with the full subject protected inside. */
async function buildInnerEntity(c: ReturnType<typeof contentOf>): Promise<Buffer> {
  const inner = new MimeNode('multipart/mixed');
  inner.setHeader({ Subject: c.subject });
  inner.createChild('text/plain; charset=utf-8').setContent(c.text);
  inner
    .createChild('text/csv; charset=utf-8', { filename: c.attachment.filename })
    .setHeader('Content-Disposition', `attachment; filename="${c.attachment.filename}"`)
    .setContent(c.attachment.content);
  return inner.build();
}

export async function sendNotificationEmail(
  smtpUrl: string,
  from: string,
  to: string,
  n: OutgoingNotification,
  items: readonly NotificationItem[],
  options: { encryptTo?: Key | undefined; now: Date },
): Promise<{ encrypted: boolean }> {
  const transport = nodemailer.createTransport(smtpUrl);
  const c = contentOf(n, items);
  const headers = { 'X-Accord-Notification': n.id, 'X-Accord-TLP': c.marking };
  try {
    if (options.encryptTo) {
      const raw = await buildPgpMimeMessage(
        await buildInnerEntity(c),
        options.encryptTo,
        { From: from, To: to, Subject: `[${c.marking}] Accord notification (encrypted)`, ...headers },
        options.now,
      );
      await transport.sendMail({ envelope: { from, to: [to] }, raw });
      return { encrypted: true };
    }
    await transport.sendMail({
      from,
      to,
      subject: c.subject,
      text: c.text,
      attachments: [{ ...c.attachment, contentType: 'text/csv' }],
      headers,
    });
    return { encrypted: false };
  } finally {
    transport.close();
  }
}

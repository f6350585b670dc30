// PGP/MIME (RFC 3156 §4): the whole inner MIME entity (text and CSV attachment) encrypted to the
// team's key, sent as multipart/encrypted with the version part and the armored message part.
// @see https://www.rfc-editor.org/rfc/rfc3156#section-4
import MimeNode from 'nodemailer/lib/mime-node';
import { createMessage, encrypt, type Key } from 'openpgp';

/** Encrypts an inner MIME entity; the outer node carries only the headers given (no content leaks). */
export async function buildPgpMimeMessage(
  inner: Buffer,
  key: Key,
  headers: Record<string, string>,
  now: Date,
): Promise<Buffer> {
  // openpgp types its stream variants with an optional peer package; a Buffer in gives a string out.
  const armored = (await encrypt({
    message: await createMessage({ binary: inner }),
    encryptionKeys: key,
    date: now,
  })) as string;
  const root = new MimeNode('multipart/encrypted; protocol="application/pgp-encrypted"');
  root.setHeader(headers);
  root
    .createChild('application/pgp-encrypted')
    .setHeader({
      'Content-Description': 'PGP/MIME version identification',
      'Content-Transfer-Encoding': '7bit',
    })
    .setContent('Version: 1\r\n');
  root
    .createChild('application/octet-stream; name="encrypted.asc"')
    .setHeader({
      'Content-Description': 'OpenPGP encrypted message',
      'Content-Disposition': 'inline; filename="encrypted.asc"',
      // The armor is already 7-bit text; RFC 3156 sends it as is, not base64 of base64.
      'Content-Transfer-Encoding': '7bit',
    })
    .setContent(armored);
  return root.build();
}

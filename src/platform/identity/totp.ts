// TOTP (RFC 6238) second factor: secrets, otpauth URLs with QR codes, and replay-safe verification.
import { Secret, TOTP } from 'otpauth';
import QRCode from 'qrcode';

const PERIOD = 30;

export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

export function otpauthUrl(secret: string, email: string): string {
  return new TOTP({
    issuer: 'Accord',
    label: email,
    secret: Secret.fromBase32(secret),
    period: PERIOD,
  }).toString();
}

export function qrSvg(text: string): Promise<string> {
  return QRCode.toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
}

/**
 * The time step a code belongs to, or undefined if it is wrong. Codes of the previous and next step
 * are accepted for clock drift; a step at or before `lastCounter` is refused so a code works once.
 */
export function verifyTotp(
  secret: string,
  code: string,
  now: Date,
  lastCounter: number | null,
): number | undefined {
  const token = code.replace(/\s+/g, '');
  if (!/^\d{6}$/.test(token)) {
    return undefined;
  }
  const delta = TOTP.validate({
    token,
    secret: Secret.fromBase32(secret),
    period: PERIOD,
    timestamp: now.getTime(),
    window: 1,
  });
  if (delta === null) {
    return undefined;
  }
  const counter = TOTP.counter({ period: PERIOD, timestamp: now.getTime() }) + delta;
  return lastCounter !== null && counter <= lastCounter ? undefined : counter;
}

export function totpCode(secret: string, now: Date): string {
  return TOTP.generate({ secret: Secret.fromBase32(secret), period: PERIOD, timestamp: now.getTime() });
}

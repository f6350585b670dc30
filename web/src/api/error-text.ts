// What to tell the user about a failed call, in their language. The server's messages are English
// and meant for logs and the CLI; the UI words the codes it knows itself and falls back to the
// server's text for the rest.
import type { platformErrorCodes } from '../../../src/platform/errors/platform-codes.ts';
import { CATALOGUES, type Language, type MessageKey } from '../i18n/i18n.tsx';
import { ApiError, type ErrorDetail } from './client.ts';

type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;
type PlatformCode = keyof typeof platformErrorCodes;

const BY_CODE: Partial<Record<PlatformCode | 'NETWORK', MessageKey>> = {
  NETWORK: 'error.network',
  AUTH_INVALID_CREDENTIALS: 'error.invalidCredentials',
  AUTH_MFA_INVALID: 'error.mfaInvalid',
  AUTH_MFA_NOT_STARTED: 'error.mfaNotStarted',
  AUTH_MFA_ALREADY_ENABLED: 'error.mfaAlreadyEnabled',
  AUTH_REQUIRED: 'error.sessionEnded',
  AUTH_SESSION_EXPIRED: 'error.sessionEnded',
  AUTH_PASSWORD_WEAK: 'error.passwordWeak',
  AUTH_LOCKED: 'error.locked',
  AUTH_RATE_LIMITED: 'error.rateLimited',
  CSRF_INVALID: 'error.csrf',
  FORBIDDEN: 'error.forbidden',
  NOT_FOUND: 'error.notFound',
  PAYLOAD_TOO_LARGE: 'error.tooLarge',
  VALIDATION_FAILED: 'error.validation',
  PLATFORM_DB_UNAVAILABLE: 'error.unavailable',
  INTERNAL: 'error.generic',
};
// Field-level wording where a code means something more precise for one field.
const BY_FIELD: Partial<Record<string, MessageKey>> = {
  'AUTH_INVALID_CREDENTIALS:currentPassword': 'error.currentPasswordWrong',
  'AUTH_INVALID_CREDENTIALS:password': 'error.currentPasswordWrong',
};

const ISO_TIME = /\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:\d\d)/;

/** When the user may try again: from Retry-After, else a timestamp in the message. */
function retryTime(error: ApiError, now: Date): Date | undefined {
  if (error.retryAfter !== undefined) {
    return new Date(now.getTime() + error.retryAfter * 1000);
  }
  const stamp = ISO_TIME.exec(error.message)?.[0];
  const minutes = /in (\d+) minutes?/.exec(error.message)?.[1];
  if (stamp) {
    return new Date(stamp);
  }
  return minutes ? new Date(now.getTime() + Number(minutes) * 60_000) : undefined;
}

/** The message for the whole form. */
export function describeError(error: unknown, t: Translate, language: Language, now = new Date()): string {
  if (!(error instanceof ApiError)) {
    return t('error.generic');
  }
  if (error.code === 'AUTH_LOCKED' || error.code === 'AUTH_RATE_LIMITED') {
    const at = retryTime(error, now);
    if (at && !Number.isNaN(at.getTime())) {
      const sameDay = at.toDateString() === now.toDateString();
      const time = new Intl.DateTimeFormat(language, {
        timeStyle: 'short',
        ...(sameDay ? {} : { dateStyle: 'medium' }),
      }).format(at);
      return t(error.code === 'AUTH_LOCKED' ? 'error.lockedUntil' : 'error.rateLimitedUntil', { time });
    }
  }
  if (language === 'en' && PRECISE_IN_ENGLISH.has(error.code)) {
    return sentence(error.message);
  }
  const key = BY_CODE[error.code as PlatformCode];
  if (key) {
    return t(key);
  }
  return error.status >= 500 ? t('error.generic') : error.message;
}

// Codes whose English server message is more precise than the UI's general wording.
const PRECISE_IN_ENGLISH: ReadonlySet<string> = new Set(['AUTH_PASSWORD_WEAK']);
const sentence = (s: string) => `${s.charAt(0).toUpperCase()}${s.slice(1)}${/[.!?]$/.test(s) ? '' : '.'}`;

/** Messages per field (keyed by the field name without `body.`), worded for the user. */
export function describeFieldErrors(
  error: unknown,
  t: Translate,
  language: Language,
): Record<string, string> {
  if (!(error instanceof ApiError)) {
    return {};
  }
  const fields: Record<string, string> = {};
  for (const detail of error.details) {
    const field = detail.path.replace(/^body\./, '');
    if (language === 'en' && PRECISE_IN_ENGLISH.has(error.code)) {
      fields[field] = sentence(error.message);
      continue;
    }
    const byField = BY_FIELD[`${error.code}:${field}`];
    const byReason = reasonKey(detail);
    const byCode = error.code === 'VALIDATION_FAILED' ? undefined : BY_CODE[error.code as PlatformCode];
    if (byField) {
      fields[field] = t(byField);
    } else if (byReason) {
      fields[field] = t(byReason, detail.params);
    } else {
      fields[field] = byCode ? t(byCode) : detail.reason;
    }
  }
  return fields;
}

/**
 * The catalogue key for a detail's reason code, most precise first: `too_small.string` before
 * `too_small`, `invalid_format.email` before `invalid_format`. Undefined for codes the UI does not word.
 */
export function reasonKey(detail: ErrorDetail): MessageKey | undefined {
  if (!detail.code) {
    return undefined;
  }
  const refinement = detail.params?.origin ?? detail.params?.format;
  const candidates = [
    ...(refinement === undefined ? [] : [`error.reason.${detail.code}.${refinement}`]),
    `error.reason.${detail.code}`,
  ];
  return candidates.find((k): k is MessageKey => k in CATALOGUES.en);
}

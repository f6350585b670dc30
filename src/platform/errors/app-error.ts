// The one error type of Accord: a closed union of codes, a message for humans, optional details.
// Routes map codes to HTTP statuses and the CLI maps them to exit codes, both from error-codes.ts.
import type { ErrorCode } from './error-codes.ts';

/**
 * One problem with one field. `reason` is English for logs and the CLI; `code` (zod's issue code or a
 * domain code such as `password_too_short`) and `params` let a UI word the reason in its own language.
 */
export type ErrorDetail = {
  path: string;
  reason: string;
  code?: string;
  params?: Record<string, string | number>;
};

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: ErrorDetail[] | undefined;
  /** For 429 answers: when the client may try again (sent as Retry-After). */
  readonly retryAfterSeconds: number | undefined;

  constructor(
    code: ErrorCode,
    message: string,
    details?: ErrorDetail[],
    options: { retryAfterSeconds?: number } = {},
  ) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
    this.retryAfterSeconds = options.retryAfterSeconds;
  }
}

export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError;
}

/** Expected "no" answers of the engines are values, not exceptions (style.md). */
export type Result<T, R extends string = string> =
  { ok: true; value: T } | { ok: false; reason: R; details?: ErrorDetail[] };

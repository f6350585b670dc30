// The one error handler of the REST API: every failure becomes {error:{code,message,details}} with the
// status from the code table; nothing unexpected leaks a stack trace or a 500 for bad input.
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { ZodError } from 'zod';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, isAppError, type ErrorDetail } from '../errors/app-error.ts';
import { httpStatusByCode, type ErrorCode } from '../errors/error-codes.ts';
import { zodIssuesToDetails } from '../errors/parse-input.ts';

export function errorBody(code: ErrorCode, message: string, details?: ErrorDetail[]) {
  return { error: { code, message, ...(details && details.length > 0 ? { details } : {}) } };
}

const FASTIFY_ERRORS: Record<string, [ErrorCode, string]> = {
  FST_ERR_CTP_BODY_TOO_LARGE: ['PAYLOAD_TOO_LARGE', 'the request body is too large'],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: [
    'UNSUPPORTED_MEDIA_TYPE',
    'this content type is not accepted here; send application/json',
  ],
  FST_ERR_CTP_EMPTY_JSON_BODY: ['BAD_JSON', 'the request body is empty but JSON was announced'],
  FST_ERR_CTP_INVALID_JSON_BODY: ['BAD_JSON', 'the request body is not valid JSON'],
};

/** Maps any thrown value to an AppError; unknown errors become INTERNAL. */
export function toAppError(error: unknown): AppError {
  if (isAppError(error)) {
    return error;
  }
  if (error instanceof ZodError) {
    return new AppError('VALIDATION_FAILED', 'the request is invalid', zodIssuesToDetails(error.issues));
  }
  const fe = error as Partial<FastifyError> & { validationContext?: string };
  if (hasZodFastifySchemaValidationErrors(error)) {
    const where = fe.validationContext ?? 'body';
    const details = error.validation.map((v) => ({
      path: [where, ...(v.instancePath || '').split('/').filter(Boolean)].join('.'),
      reason: v.message ?? 'is invalid',
    }));
    return new AppError('VALIDATION_FAILED', `the request ${where} is invalid`, details);
  }
  const known = fe.code ? FASTIFY_ERRORS[fe.code] : undefined;
  if (known) {
    return new AppError(known[0], known[1]);
  }
  if (error instanceof SyntaxError || (fe.statusCode === 400 && /JSON/i.test(fe.message ?? ''))) {
    return new AppError('BAD_JSON', `the request body is not valid JSON: ${fe.message ?? ''}`.trim());
  }
  if (fe.statusCode === 413) {
    return new AppError('PAYLOAD_TOO_LARGE', 'the request body is too large');
  }
  if (fe.statusCode === 415) {
    return new AppError('UNSUPPORTED_MEDIA_TYPE', fe.message ?? 'unsupported media type');
  }
  if (fe.statusCode !== undefined && fe.statusCode >= 400 && fe.statusCode < 500) {
    return new AppError('VALIDATION_FAILED', fe.message ?? 'bad request');
  }
  return new AppError('INTERNAL', 'something went wrong on our side; the error has been logged');
}

export function handleError(error: unknown, request: FastifyRequest, reply: FastifyReply): void {
  const appError = toAppError(error);
  const status = httpStatusByCode[appError.code];
  if (status >= 500) {
    request.log.error({ err: error }, 'request failed');
  }
  if (appError.retryAfterSeconds !== undefined) {
    void reply.header('retry-after', String(Math.max(1, Math.ceil(appError.retryAfterSeconds))));
  }
  void reply.status(status).send(errorBody(appError.code, appError.message, appError.details));
}

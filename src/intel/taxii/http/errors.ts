// TAXII error bodies (TAXII 2.1 section 3.6.1) with the TAXII content type, for every failure.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { toAppError } from '../../../platform/http/errors.ts';
import { httpStatusByCode } from '../../../platform/errors/error-codes.ts';
import { TAXII_MEDIA_TYPE } from '../media-types.ts';

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  406: 'Not Acceptable',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
};

export function handleTaxiiError(error: unknown, request: FastifyRequest, reply: FastifyReply): void {
  const appError = toAppError(error);
  const status = httpStatusByCode[appError.code];
  if (status >= 500) {
    request.log.error({ err: error }, 'TAXII request failed');
  }
  if (status === 401) {
    void reply.header('www-authenticate', 'Basic realm="Accord TAXII", Bearer');
  }
  void reply
    .status(status)
    .header('content-type', TAXII_MEDIA_TYPE)
    .send(
      Buffer.from(
        JSON.stringify({
          title: TITLES[status] ?? 'Error',
          description: appError.message,
          error_code: appError.code,
          http_status: String(status),
          ...(appError.details ? { details: { problems: appError.details } } : {}),
        }),
      ),
    );
}

// Every error code of Accord, composed from each capability's table (code -> HTTP status).
// A code used anywhere must be listed here, so an unmapped code does not compile.
import { platformErrorCodes } from './platform-codes.ts';
import { legalErrorCodes } from '../../legal/error-codes.ts';
import { intelErrorCodes } from '../../intel/error-codes.ts';
import { taxiiErrorCodes } from '../../intel/taxii/error-codes.ts';
import { routingErrorCodes } from '../../intel/routing/error-codes.ts';

export const httpStatusByCode = {
  ...platformErrorCodes,
  ...legalErrorCodes,
  ...intelErrorCodes,
  ...taxiiErrorCodes,
  ...routingErrorCodes,
} as const satisfies Record<string, number>;

export type ErrorCode = keyof typeof httpStatusByCode;

/** CLI exit codes, one per class of failure, derived from the HTTP status so the two never drift. */
export const exitCodeByStatus: Record<number, number> = {
  400: 2,
  401: 3,
  403: 3,
  404: 4,
  409: 5,
  413: 2,
  415: 2,
  406: 2,
  429: 6,
  500: 1,
  502: 1,
  503: 7,
};

export function exitCodeFor(code: ErrorCode): number {
  return exitCodeByStatus[httpStatusByCode[code]] ?? 1;
}

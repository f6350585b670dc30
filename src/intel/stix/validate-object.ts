// Accord's own validation of one STIX 2.1 object: every problem, each with a JSON path and a reason,
// so an import can report exactly why a record was refused. The OASIS JSON schemas are a second,
// independent check (schema-validator.ts).
import type { ErrorDetail } from '../../platform/errors/app-error.ts';
import { isRecord, type ValidationOptions } from './stix-record.ts';
import { checkCommonProperties } from './validate-common.ts';
import { checkReferences } from './validate-references.ts';
import { checkTypeRules } from './validate-types.ts';

/**
 * Every problem of a STIX 2.1 object (an empty list when it is valid).
 * @see STIX 2.1 sections 3 (common properties) to 7 (meta objects), and 9 for indicator patterns
 */
export function validateStixObject(object: unknown, options: ValidationOptions = {}): ErrorDetail[] {
  if (!isRecord(object)) {
    return [{ path: '$', reason: 'a STIX object must be a JSON object' }];
  }
  const problems: ErrorDetail[] = [];
  checkCommonProperties(object, options, problems);
  checkReferences(object, problems);
  checkTypeRules(object, problems);
  return problems;
}

// External references and data markings: sources named, object markings that agree on one TLP,
// granular markings with selectors and one of marking_ref or lang.
// @see STIX 2.1 sections 2.5 (external-reference), 7.2.2 (object markings), 7.2.3 (granular markings)
import type { ErrorDetail } from '../../platform/errors/app-error.ts';
import { tlpOfMarkings } from '../tlp.ts';
import { childPath } from './identifier.ts';
import { isRecord, type StixRecord, type ValidationOptions } from './stix-record.ts';

export function checkExternalReferences(value: unknown, problems: ErrorDetail[]): void {
  if (!Array.isArray(value) || value.length === 0) {
    problems.push({ path: '$.external_references', reason: 'must be a non-empty list' });
    return;
  }
  value.forEach((ref, i) => {
    const path = childPath('$.external_references', i);
    if (!isRecord(ref) || typeof ref.source_name !== 'string' || ref.source_name === '') {
      problems.push({ path: `${path}.source_name`, reason: 'is required and must be a non-empty string' });
    } else if (ref.description === undefined && ref.url === undefined && ref.external_id === undefined) {
      problems.push({ path, reason: 'needs description, url or external_id besides source_name' });
    }
  });
}

export function checkMarkings(object: StixRecord, options: ValidationOptions, problems: ErrorDetail[]): void {
  const refs = object.object_marking_refs;
  if (refs !== undefined) {
    if (!Array.isArray(refs) || refs.length === 0 || !refs.every((r) => typeof r === 'string')) {
      problems.push({
        path: '$.object_marking_refs',
        reason: 'must be a non-empty list of marking-definition ids',
      });
    } else {
      const tlp = tlpOfMarkings(refs, options.knownMarkingDefinitions);
      if (!tlp.ok) {
        problems.push(...tlp.details);
      }
    }
  }
  const granular = object.granular_markings;
  if (granular === undefined) {
    return;
  }
  if (!Array.isArray(granular) || granular.length === 0) {
    problems.push({ path: '$.granular_markings', reason: 'must be a non-empty list' });
    return;
  }
  granular.forEach((marking, i) => {
    const path = childPath('$.granular_markings', i);
    if (!isRecord(marking) || !Array.isArray(marking.selectors) || marking.selectors.length === 0) {
      problems.push({ path: `${path}.selectors`, reason: 'must be a non-empty list of selectors' });
    } else if ((marking.marking_ref === undefined) === (marking.lang === undefined)) {
      problems.push({ path, reason: 'needs exactly one of marking_ref and lang' });
    }
  });
}

// Validation against the official OASIS STIX 2.1 JSON schemas (draft 2020-12) with ajv, read from a
// directory given at creation (never copied into Accord), compiled once and only when first needed.
// @see oasis-open/cti-stix2-json-schemas; ../shared/references.md section 6.1 for the ajv recipe
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import type { ErrorDetail } from '../../platform/errors/app-error.ts';
import { childPath } from './identifier.ts';

/** ../shared/oasis/stix2-json-schemas/schemas beside the repository root. */
export const DEFAULT_SCHEMA_DIR = resolve(
  import.meta.dirname,
  '../../../../shared/oasis/stix2-json-schemas/schemas',
);

// Object types with a schema of their own: every SDO, SRO and SCO, and three meta objects in common/.
const TYPE_DIRECTORIES = new Set(['sdos', 'sros', 'observables']);
const COMMON_TYPES = new Set(['marking-definition', 'language-content', 'extension-definition']);

export type SchemaVerdict = { checked: true; problems: ErrorDetail[] } | { checked: false; reason: string };

export type StixSchemaValidator = {
  /** Problems the schema of the object's type finds, or why no schema applies (custom types). */
  validate(object: unknown): SchemaVerdict;
  /** The types with a schema (loads the schemas). */
  types(): string[];
};

function schemaFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? schemaFiles(path) : name.endsWith('.json') ? [path] : [];
  });
}

function toPath(instancePath: string): string {
  return instancePath
    .split('/')
    .slice(1)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce<string>(
      (path, part) => childPath(path, /^(0|[1-9][0-9]*)$/.test(part) ? Number(part) : part),
      '$',
    );
}

function toDetail(error: ErrorObject): ErrorDetail {
  const path = toPath(error.instancePath);
  const missing = (error.params as { missingProperty?: unknown }).missingProperty;
  if (error.keyword === 'required' && typeof missing === 'string') {
    return { path: childPath(path, missing), reason: 'is required (OASIS schema)' };
  }
  return { path, reason: `${error.message ?? error.keyword} (OASIS schema ${error.keyword})` };
}

/**
 * A validator over the schemas in `schemaDir`; nothing is read until the first call, and each type's
 * schema is compiled once, on its first object.
 */
export function createStixSchemaValidator(schemaDir: string = DEFAULT_SCHEMA_DIR): StixSchemaValidator {
  let loaded: { ajv: Ajv2020; idByType: Map<string, string> } | undefined;
  const compiled = new Map<string, ValidateFunction>();

  function load() {
    if (loaded === undefined) {
      const ajv = new Ajv2020({ strict: false, allErrors: true, unicodeRegExp: false, logger: false });
      addFormatsModule.default(ajv);
      const idByType = new Map<string, string>();
      for (const file of schemaFiles(schemaDir)) {
        const schema = JSON.parse(readFileSync(file, 'utf8')) as { $id: string };
        ajv.addSchema(schema);
        const type = basename(file, '.json');
        if (TYPE_DIRECTORIES.has(basename(resolve(file, '..'))) || COMMON_TYPES.has(type)) {
          idByType.set(type, schema.$id);
        }
      }
      loaded = { ajv, idByType };
    }
    return loaded;
  }

  function validatorFor(type: string): ValidateFunction | undefined {
    let validate = compiled.get(type);
    if (validate === undefined) {
      const { ajv, idByType } = load();
      const id = idByType.get(type);
      validate = id === undefined ? undefined : ajv.getSchema(id);
      if (validate !== undefined) {
        compiled.set(type, validate);
      }
    }
    return validate;
  }

  return {
    validate(object) {
      const type =
        typeof object === 'object' && object !== null ? (object as { type?: unknown }).type : undefined;
      const validate = typeof type === 'string' ? validatorFor(type) : undefined;
      if (validate === undefined) {
        return { checked: false, reason: `no OASIS schema for type ${JSON.stringify(type)}` };
      }
      if (validate(object)) {
        return { checked: true, problems: [] };
      }
      const details = (validate.errors ?? []).map(toDetail);
      const seen = new Set<string>();
      return {
        checked: true,
        problems: details.filter(
          (d) => !seen.has(`${d.path} ${d.reason}`) && seen.add(`${d.path} ${d.reason}`),
        ),
      };
    },
    types() {
      return [...load().idByType.keys()].sort();
    },
  };
}

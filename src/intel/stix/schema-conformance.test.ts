// Conformance: every object of every OASIS example bundle passes both Accord's own validation and
// the official OASIS JSON schemas, as do the objects Accord itself exports (TLP markings, MISP
// conversions); both validators refuse the same broken objects. The OASIS files stay in ../shared
// (BSD-3, never copied here); where they are absent this suite is skipped, saying so loudly.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TLP_LEVELS } from '../../platform/access/tlp-policy.ts';
import { unwrapEvents } from '../misp/misp-schema.ts';
import { convertMispEvent } from '../misp/to-stix.ts';
import { parsePattern } from '../pattern/parser.ts';
import { toStixMarkingDefinition } from '../tlp-markings.ts';
import { DEFAULT_SCHEMA_DIR, createStixSchemaValidator } from './schema-validator.ts';
import { validateStixObject } from './validate-object.ts';

const EXAMPLES_DIR = resolve(DEFAULT_SCHEMA_DIR, '../examples');
const present = existsSync(DEFAULT_SCHEMA_DIR) && existsSync(EXAMPLES_DIR);
if (!present) {
  console.warn('STIX CONFORMANCE SKIPPED: ../shared/oasis not found');
}

function jsonFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? jsonFiles(path) : name.endsWith('.json') ? [path] : [];
  });
}

type Example = { file: string; object: Record<string, unknown> };
function loadExamples(): Example[] {
  return jsonFiles(EXAMPLES_DIR).flatMap((path) => {
    const document = JSON.parse(readFileSync(path, 'utf8')) as {
      type: string;
      objects?: Record<string, unknown>[];
    };
    const objects =
      document.type === 'bundle' ? (document.objects ?? []) : [document as Record<string, unknown>];
    return objects.map((object) => ({ file: relative(EXAMPLES_DIR, path), object }));
  });
}

describe.skipIf(!present)('STIX 2.1 conformance against the OASIS schemas and examples', () => {
  const schemas = createStixSchemaValidator();
  const examples = present ? loadExamples() : [];

  it('finds the eight example files and their 260 objects', () => {
    expect(new Set(examples.map((e) => e.file)).size).toBe(8);
    expect(examples).toHaveLength(260);
    expect(schemas.types()).toHaveLength(42);
  });

  it('passes every example object through Accord’s own validation', () => {
    const failures = examples
      .map(({ file, object }) => ({ file, id: object.id, problems: validateStixObject(object) }))
      .filter((f) => f.problems.length > 0);
    expect(failures).toEqual([]);
  });

  it('passes every example object through the OASIS schema of its type', () => {
    const verdicts = examples.map(({ file, object }) => ({
      file,
      id: object.id,
      verdict: schemas.validate(object),
    }));
    expect(verdicts.filter((v) => !v.verdict.checked || v.verdict.problems.length > 0)).toEqual([]);
  });

  it('parses every indicator pattern of the examples', () => {
    const patterns = examples.flatMap(({ object }) =>
      typeof object.pattern === 'string' ? [object.pattern] : [],
    );
    expect(patterns.length).toBeGreaterThanOrEqual(40);
    expect(patterns.filter((p) => !parsePattern(p).ok)).toEqual([]);
  });

  it('exports TLP 2.0 marking definitions that both validators accept', () => {
    for (const level of TLP_LEVELS) {
      const marking = toStixMarkingDefinition(level);
      expect(validateStixObject(marking)).toEqual([]);
      expect(schemas.validate(marking)).toEqual({ checked: true, problems: [] });
    }
  });

  it('exports MISP conversions that both validators accept', () => {
    const fixture = resolve(import.meta.dirname, '../misp/fixtures/emotet-c2-event.json');
    const [event] = unwrapEvents(JSON.parse(readFileSync(fixture, 'utf8')));
    const converted = event ? convertMispEvent(event).objects.map((c) => c.object) : [];
    expect(converted.length).toBeGreaterThan(0);
    for (const object of converted) {
      expect(validateStixObject(object), object.id).toEqual([]);
      expect(schemas.validate(object), object.id).toEqual({ checked: true, problems: [] });
    }
  });

  it('refuses broken objects in both validators', () => {
    const indicator = examples.find((e) => e.object.type === 'indicator')!.object;
    const broken: Record<string, unknown>[] = [
      { ...indicator, pattern_type: undefined },
      { ...indicator, id: 'indicator--not-a-uuid' },
      { ...indicator, created: '2016-04-06T20:03:48Z' },
      { ...indicator, valid_from: 'yesterday' },
      { ...indicator, object_marking_refs: [] },
      { ...indicator, external_references: [{ url: 'https://example.com' }] },
    ].map((o) => JSON.parse(JSON.stringify(o)) as Record<string, unknown>);
    for (const object of broken) {
      expect(validateStixObject(object).length, JSON.stringify(object)).toBeGreaterThan(0);
      const verdict = schemas.validate(object);
      expect(verdict.checked && verdict.problems.length, JSON.stringify(object)).toBeGreaterThan(0);
    }
  });

  it('catches what the schemas cannot see', () => {
    const indicator = examples.find((e) => e.object.type === 'indicator')!.object;
    const onlyOurs = [
      { ...indicator, spec_version: '2.0' },
      { ...indicator, modified: '2000-01-01T00:00:00.000Z' },
      { ...indicator, pattern: "[ipv4-addr:value = '10.0.0.0'" },
      { ...indicator, created_by_ref: 'malware--31b940d4-6f7f-459a-80ea-9c1f17b58abc' },
    ];
    for (const object of onlyOurs) {
      expect(schemas.validate(object)).toEqual({ checked: true, problems: [] });
      expect(validateStixObject(object).length).toBeGreaterThan(0);
    }
  });

  it('says when no schema applies', () => {
    expect(schemas.validate({ type: 'x-mitre-tactic' })).toEqual({
      checked: false,
      reason: 'no OASIS schema for type "x-mitre-tactic"',
    });
    expect(schemas.validate('junk').checked).toBe(false);
  });
});

// Accord's own STIX validation: valid objects pass; each broken rule is reported at its JSON path.
import { describe, expect, it } from 'vitest';
import { TLP2_MARKING_IDS } from '../tlp.ts';
import { toStixMarkingDefinition } from '../tlp-markings.ts';
import { validateStixObject } from './validate-object.ts';

const IDENTITY = 'identity--f431f809-377b-45e0-aa1c-6a4751cae5ff';
const MALWARE = 'malware--31b940d4-6f7f-459a-80ea-9c1f17b58abc';
const FILE = 'file--e277603e-1060-5ad4-9937-c26c97f1ca68';
const RELATIONSHIP = 'relationship--44298a74-ba52-4f0c-87a3-1824e67d7fad';
const TIMES = { created: '2024-01-01T00:00:00.000Z', modified: '2024-01-02T00:00:00.000Z' };

function buildIndicator(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    type: 'indicator',
    spec_version: '2.1',
    id: 'indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f',
    ...TIMES,
    created_by_ref: IDENTITY,
    name: 'C2 address',
    pattern: "[ipv4-addr:value = '198.51.100.7']",
    pattern_type: 'stix',
    valid_from: '2024-01-01T00:00:00Z',
    object_marking_refs: [TLP2_MARKING_IDS.amber],
    ...overrides,
  };
}

function buildObject(type: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    type,
    spec_version: '2.1',
    id: `${type}--6b4a3a6e-5b8e-4d43-9d7e-2f1d0c9e8a7b`,
    ...TIMES,
    ...overrides,
  };
}

function paths(object: unknown): string[] {
  return validateStixObject(object).map((p) => p.path);
}

describe('validateStixObject on valid objects', () => {
  it('accepts a complete indicator, the TLP marking definitions and a plain SCO', () => {
    expect(validateStixObject(buildIndicator())).toEqual([]);
    expect(validateStixObject(toStixMarkingDefinition('red'))).toEqual([]);
    expect(
      validateStixObject({
        type: 'ipv4-addr',
        id: 'ipv4-addr--ff26c055-6336-5bc5-b98d-13d6226742dd',
        value: '198.51.100.3',
      }),
    ).toEqual([]);
  });

  it('does not parse patterns of other languages', () => {
    expect(
      validateStixObject(buildIndicator({ pattern: 'alert tcp any any -> any 80', pattern_type: 'snort' })),
    ).toEqual([]);
  });

  it('takes custom objects with a new-sco extension as SCOs', () => {
    const custom = {
      type: 'x-usb-device',
      id: 'x-usb-device--6b4a3a6e-5b8e-4d43-9d7e-2f1d0c9e8a7b',
      serial: '1234',
      extensions: {
        'extension-definition--d83fce45-ef58-4c6c-a3f4-1fbc32e98c6e': { extension_type: 'new-sco' },
      },
    };
    expect(validateStixObject(custom)).toEqual([]);
  });
});

describe('validateStixObject on invalid objects', () => {
  it('refuses what is not a JSON object', () => {
    expect(validateStixObject([1])).toEqual([{ path: '$', reason: 'a STIX object must be a JSON object' }]);
    expect(validateStixObject(null)).toHaveLength(1);
  });

  it.each([
    ['a type name with capitals', { type: 'Indicator' }, '$.type'],
    ['an id of another type', { id: 'malware--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f' }, '$.id'],
    ['an id without a UUID', { id: 'indicator--1234' }, '$.id'],
    ['a missing spec_version', { spec_version: undefined }, '$.spec_version'],
    ['spec_version 2.0', { spec_version: '2.0' }, '$.spec_version'],
    ['a missing modified', { modified: undefined }, '$.modified'],
    ['a timestamp with an offset', { created: '2024-01-01T00:00:00.000+01:00' }, '$.created'],
    ['created without milliseconds', { created: '2024-01-01T00:00:00Z' }, '$.created'],
    ['modified before created', { modified: '2023-12-31T23:59:59.999Z' }, '$.modified'],
    ['valid_until equal to valid_from', { valid_until: '2024-01-01T00:00:00.000Z' }, '$.valid_until'],
    ['valid_until before valid_from', { valid_until: '2023-01-01T00:00:00Z' }, '$.valid_until'],
    ['a missing pattern_type', { pattern_type: undefined }, '$.pattern_type'],
    ['a missing valid_from', { valid_from: undefined }, '$.valid_from'],
    ['a pattern that does not parse', { pattern: "[ipv4-addr:value = '198.51.100.7'" }, '$.pattern'],
    ['a pattern with a short digest', { pattern: "[file:hashes.'SHA-256' = 'f00']" }, '$.pattern'],
    ['created_by_ref to a malware', { created_by_ref: MALWARE }, '$.created_by_ref'],
    ['created_by_ref that is no identifier', { created_by_ref: 'ACME' }, '$.created_by_ref'],
    ['object_marking_refs to an identity', { object_marking_refs: [IDENTITY] }, '$.object_marking_refs[0]'],
    ['an empty object_marking_refs', { object_marking_refs: [] }, '$.object_marking_refs'],
    [
      'contradictory TLP markings',
      { object_marking_refs: [TLP2_MARKING_IDS.clear, TLP2_MARKING_IDS.red] },
      '$.object_marking_refs[0]',
    ],
    ['an empty labels list', { labels: [] }, '$.labels'],
    ['confidence above 100', { confidence: 101 }, '$.confidence'],
    ['revoked as a string', { revoked: 'no' }, '$.revoked'],
    [
      'an external reference without source_name',
      { external_references: [{ url: 'https://x.example' }] },
      '$.external_references[0].source_name',
    ],
    [
      'an external reference with nothing but its source',
      { external_references: [{ source_name: 'x' }] },
      '$.external_references[0]',
    ],
    [
      'a granular marking without selectors',
      { granular_markings: [{ marking_ref: TLP2_MARKING_IDS.red }] },
      '$.granular_markings[0].selectors',
    ],
    [
      'a granular marking with marking_ref and lang',
      { granular_markings: [{ selectors: ['name'], lang: 'en', marking_ref: TLP2_MARKING_IDS.red }] },
      '$.granular_markings[0]',
    ],
    [
      'a granular marking_ref to an identity',
      { granular_markings: [{ selectors: ['name'], marking_ref: IDENTITY }] },
      '$.granular_markings[0].marking_ref',
    ],
    ['an extension under a bad key', { extensions: { foo: { a: 1 } } }, '$.extensions.foo'],
    ['a property name in capitals', { Name: 'x' }, '$.Name'],
    ['a *_refs that is not a list', { x_sample_refs: FILE }, '$.x_sample_refs'],
    ['a nested *_ref that is no identifier', { x_extra: { owner_ref: 'me' } }, '$.x_extra.owner_ref'],
  ])('reports %s', (_, overrides, path) => {
    expect(paths(buildIndicator(overrides))).toContain(path);
  });

  it('still checks property names once thousands of distinct valid ones have been seen', () => {
    for (let i = 0; i < 5000; i += 1) {
      expect(paths(buildIndicator({ [`x_custom_${i}`]: 1 }))).toEqual([]);
    }
    expect(paths(buildIndicator({ X_capital: 1 }))).toContain('$.X_capital');
    expect(paths(buildIndicator({ X_capital: 1 }))).toContain('$.X_capital');
  });

  it('reports the position of a pattern syntax error in the reason', () => {
    const [problem] = validateStixObject(buildIndicator({ pattern: '[file:size = ]' }));
    expect(problem).toEqual({
      path: '$.pattern',
      reason:
        "invalid STIX pattern at line 1, column 14: expected a literal (string, number, boolean, timestamp, hex or binary), found ']'",
    });
  });

  it('reports every problem at once', () => {
    const broken = buildIndicator({ id: 'x', created: 'soon', confidence: -1, labels: 'a', pattern: '[' });
    expect(paths(broken)).toEqual(
      expect.arrayContaining(['$.id', '$.created', '$.confidence', '$.labels', '$.pattern']),
    );
  });

  it.each([
    [
      'relationship',
      { relationship_type: 'uses', source_ref: RELATIONSHIP, target_ref: MALWARE },
      '$.source_ref',
    ],
    [
      'relationship',
      { relationship_type: 'Uses', source_ref: MALWARE, target_ref: FILE },
      '$.relationship_type',
    ],
    ['relationship', { relationship_type: 'uses', source_ref: MALWARE }, '$.target_ref'],
    [
      'relationship',
      {
        relationship_type: 'uses',
        source_ref: MALWARE,
        target_ref: FILE,
        start_time: '2024-01-02T00:00:00Z',
        stop_time: '2024-01-02T00:00:00Z',
      },
      '$.stop_time',
    ],
    ['sighting', { sighting_of_ref: FILE }, '$.sighting_of_ref'],
    ['sighting', { sighting_of_ref: MALWARE, where_sighted_refs: [MALWARE] }, '$.where_sighted_refs[0]'],
    ['sighting', { sighting_of_ref: MALWARE, count: -1 }, '$.count'],
    [
      'sighting',
      { sighting_of_ref: MALWARE, first_seen: '2024-02-01T00:00:00Z', last_seen: '2024-01-01T00:00:00Z' },
      '$.last_seen',
    ],
    [
      'observed-data',
      {
        first_observed: '2024-01-01T00:00:00Z',
        last_observed: '2024-01-01T00:00:00Z',
        number_observed: 0,
        object_refs: [FILE],
      },
      '$.number_observed',
    ],
    [
      'observed-data',
      {
        first_observed: '2024-01-01T00:00:00Z',
        last_observed: '2024-01-01T00:00:00Z',
        number_observed: 1,
        object_refs: [MALWARE],
      },
      '$.object_refs[0]',
    ],
    [
      'observed-data',
      {
        first_observed: '2024-01-01T00:00:00Z',
        last_observed: '2024-01-01T00:00:00Z',
        number_observed: 1,
        object_refs: [FILE],
        objects: { 0: {} },
      },
      '$.objects',
    ],
    ['location', { latitude: 48.8 }, '$.longitude'],
    ['location', { latitude: 91, longitude: 0 }, '$.latitude'],
    ['location', { name: 'nowhere' }, '$.region'],
    ['malware', { is_family: true }, '$.name'],
    ['malware', { name: 'x' }, '$.is_family'],
    ['malware', { is_family: false, sample_refs: [IDENTITY] }, '$.sample_refs[0]'],
    ['report', { name: 'r', published: '2024-01-01T00:00:00Z' }, '$.object_refs'],
    ['report', { name: 'r', published: 'yesterday', object_refs: [MALWARE] }, '$.published'],
    ['grouping', { context: 'suspicious-activity', object_refs: [] }, '$.object_refs'],
    ['marking-definition', { modified: undefined }, '$.definition_type'],
  ])('reports a %s with %j at %s', (type, overrides, path) => {
    expect(paths(buildObject(type, overrides))).toContain(path);
  });

  it.each([
    ['ipv4-addr', { value: '198.51.100.300' }, '$.value'],
    ['ipv6-addr', { value: '198.51.100.3' }, '$.value'],
    ['domain-name', { value: 'exa mple.com' }, '$.value'],
    ['domain-name', { value: 'example.com', resolves_to_refs: [MALWARE] }, '$.resolves_to_refs[0]'],
    ['email-addr', { value: 'not-an-address' }, '$.value'],
    ['url', { value: 'no scheme here' }, '$.value'],
    ['mac-addr', { value: 'AA:BB:CC:DD:EE:FF' }, '$.value'],
    ['file', { size: 5 }, '$.hashes'],
    ['file', { hashes: { MD5: 'abc' } }, '$.hashes.MD5'],
    ['file', { hashes: { 'SHA-256': 'abc' } }, "$.hashes['SHA-256']"],
    ['file', { name: 'a.exe', parent_directory_ref: FILE }, '$.parent_directory_ref'],
    ['network-traffic', { protocols: ['tcp'] }, '$.src_ref'],
    ['network-traffic', { protocols: ['tcp'], dst_ref: MALWARE }, '$.dst_ref'],
    [
      'email-message',
      { is_multipart: true, body_multipart: [{ body_raw_ref: IDENTITY }] },
      '$.body_multipart[0].body_raw_ref',
    ],
    ['autonomous-system', { number: -5 }, '$.number'],
    ['ipv4-addr', { value: '198.51.100.3', spec_version: '2.0' }, '$.spec_version'],
  ])('reports a %s SCO with %j at %s', (type, overrides, path) => {
    const sco = { type, id: `${type}--ff26c055-6336-5bc5-b98d-13d6226742dd`, ...overrides };
    expect(paths(sco)).toContain(path);
  });
});

// TLP markings: official ids of TLP 2.0 and 1.0, custom marking definitions, MISP tags, the
// one-TLP rule, and the marking-definition objects Accord exports.
import { describe, expect, it } from 'vitest';
import { TLP_LEVELS } from '../platform/access/tlp-policy.ts';
import {
  TLP1_MARKING_IDS,
  TLP2_MARKING_IDS,
  TLP_EXTENSION_ID,
  parseTlp,
  tlpOfMarkingDefinition,
  tlpOfMarkings,
  tlpOfTag,
  tlpOfTags,
} from './tlp.ts';
import { toStixMarkingDefinition } from './tlp-markings.ts';

const STATEMENT = 'marking-definition--1a2b3c4d-0000-4000-8000-000000000001';

describe('tlpOfMarkings', () => {
  it.each(TLP_LEVELS.map((level) => [level]))('reads the TLP 2.0 id of %s', (level) => {
    expect(tlpOfMarkings([TLP2_MARKING_IDS[level]])).toEqual({ ok: true, value: level });
  });

  it('maps the TLP 1.0 ids, WHITE to CLEAR', () => {
    expect(tlpOfMarkings([TLP1_MARKING_IDS.white])).toEqual({ ok: true, value: 'clear' });
    expect(tlpOfMarkings([TLP1_MARKING_IDS.green])).toEqual({ ok: true, value: 'green' });
    expect(tlpOfMarkings([TLP1_MARKING_IDS.amber])).toEqual({ ok: true, value: 'amber' });
    expect(tlpOfMarkings([TLP1_MARKING_IDS.red])).toEqual({ ok: true, value: 'red' });
  });

  it('reads OpenCTI’s AMBER+STRICT id', () => {
    expect(tlpOfMarkings(['marking-definition--826578e1-40ad-459f-bc73-ede076f81f37'])).toEqual({
      ok: true,
      value: 'amber+strict',
    });
  });

  it('answers none for no markings or only non-TLP markings', () => {
    expect(tlpOfMarkings(undefined)).toEqual({ ok: true, value: undefined });
    expect(tlpOfMarkings([])).toEqual({ ok: true, value: undefined });
    expect(tlpOfMarkings([STATEMENT])).toEqual({ ok: true, value: undefined });
  });

  it('accepts the same level twice, in TLP 1.0 and 2.0 spellings', () => {
    expect(tlpOfMarkings([TLP1_MARKING_IDS.amber, STATEMENT, TLP2_MARKING_IDS.amber])).toEqual({
      ok: true,
      value: 'amber',
    });
    expect(tlpOfMarkings([TLP1_MARKING_IDS.white, TLP2_MARKING_IDS.clear])).toEqual({
      ok: true,
      value: 'clear',
    });
  });

  it('rejects two different levels, naming each marking', () => {
    const result = tlpOfMarkings([TLP2_MARKING_IDS.green, STATEMENT, TLP1_MARKING_IDS.red]);
    expect(result).toMatchObject({ ok: false, reason: 'contradictory-tlp' });
    expect(!result.ok && result.details.map((d) => d.path)).toEqual([
      '$.object_marking_refs[0]',
      '$.object_marking_refs[2]',
    ]);
    expect(!result.ok && result.details[0]?.reason).toMatch(/GREEN and RED/);
  });

  it('keeps AMBER and AMBER+STRICT apart: together they contradict', () => {
    expect(tlpOfMarkings([TLP2_MARKING_IDS.amber, TLP2_MARKING_IDS['amber+strict']]).ok).toBe(false);
  });

  it('resolves custom marking definitions the caller knows', () => {
    const custom = 'marking-definition--5e9f2a10-1111-4111-8111-000000000002';
    const known = new Map<string, unknown>([
      [
        custom,
        { id: custom, type: 'marking-definition', definition_type: 'tlp', definition: { tlp: 'amber' } },
      ],
    ]);
    expect(tlpOfMarkings([custom], known)).toEqual({ ok: true, value: 'amber' });
    expect(tlpOfMarkings([custom, TLP2_MARKING_IDS.red], known).ok).toBe(false);
    expect(tlpOfMarkings([custom])).toEqual({ ok: true, value: undefined });
  });
});

describe('tlpOfMarkingDefinition', () => {
  it.each([
    [
      {
        extensions: { [TLP_EXTENSION_ID]: { extension_type: 'property-extension', tlp_2_0: 'amber+strict' } },
      },
      'amber+strict',
    ],
    [{ definition_type: 'tlp', definition: { tlp: 'white' } }, 'clear'],
    [{ definition_type: 'TLP', definition: { TLP: 'TLP:RED' } }, 'red'],
    [{ definition_type: 'statement', name: 'TLP:GREEN', definition: { statement: 'x' } }, 'green'],
    [{ definition_type: 'statement', definition: { statement: 'Copyright' } }, undefined],
    [{ id: TLP1_MARKING_IDS.white, name: 'TLP:RED' }, 'clear'],
    [null, undefined],
    ['junk', undefined],
  ])('%j → %s', (definition, level) => {
    expect(tlpOfMarkingDefinition(definition)).toBe(level);
  });
});

describe('MISP tags', () => {
  it.each([
    ['tlp:clear', 'clear'],
    ['TLP:WHITE', 'clear'],
    ['tlp:green', 'green'],
    ['Tlp:Amber', 'amber'],
    ['tlp:amber+strict', 'amber+strict'],
    ['TLP:RED', 'red'],
    [' tlp : red ', 'red'],
    ['tlp:ex:chr', undefined],
    ['tlp:purple', undefined],
    ['osint:source-type="blog-post"', undefined],
    ['red', undefined],
  ])('%s → %s', (tag, level) => {
    expect(tlpOfTag(tag)).toBe(level);
  });

  it('takes the one TLP among tags and rejects contradictions', () => {
    expect(tlpOfTags(['osint', 'tlp:amber', 'TLP:AMBER'])).toEqual({ ok: true, value: 'amber' });
    expect(tlpOfTags(['osint'])).toEqual({ ok: true, value: undefined });
    expect(tlpOfTags(['tlp:white', 'tlp:red'])).toMatchObject({ ok: false, reason: 'contradictory-tlp' });
  });

  it('parses level names with or without the prefix', () => {
    expect(parseTlp('AMBER+STRICT')).toBe('amber+strict');
    expect(parseTlp('TLP:CLEAR')).toBe('clear');
    expect(parseTlp('amber strict')).toBeUndefined();
  });
});

describe('toStixMarkingDefinition', () => {
  it('writes the official TLP 2.0 object', () => {
    expect(toStixMarkingDefinition('amber+strict')).toEqual({
      type: 'marking-definition',
      spec_version: '2.1',
      id: 'marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003',
      created: '2022-10-01T00:00:00.000Z',
      name: 'TLP:AMBER+STRICT',
      extensions: {
        'extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d': {
          extension_type: 'property-extension',
          tlp_2_0: 'amber+strict',
        },
      },
    });
  });

  it.each(TLP_LEVELS.map((level) => [level]))('round-trips %s through its marking definition', (level) => {
    const marking = toStixMarkingDefinition(level);
    expect(tlpOfMarkingDefinition(marking)).toBe(level);
    expect(tlpOfMarkingDefinition({ ...marking, id: STATEMENT })).toBe(level);
  });
});

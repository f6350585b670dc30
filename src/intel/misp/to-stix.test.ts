import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { convertMispEvent, scoId, tlpOfTags } from './to-stix.ts';
import { mapAttribute, quote, toPattern } from './attribute-patterns.ts';
import { unwrapEvents } from './misp-schema.ts';

const fixture = JSON.parse(
  readFileSync(resolve(import.meta.dirname, 'fixtures/emotet-c2-event.json'), 'utf8'),
) as unknown;
const [event] = unwrapEvents(fixture);
const result = convertMispEvent(event);
const byId = (id: string) => result.objects.find((o) => o.object.id === id);

describe('convertMispEvent', () => {
  it('turns detection attributes into indicators with STIX patterns, labels and the event TLP', () => {
    expect(byId('indicator--0b8f6c1a-9d2e-4e7f-8a1b-2c3d4e5f6a70')).toMatchObject({
      tlp: 'green',
      object: {
        pattern: "[ipv4-addr:value = '198.51.100.23']",
        created: '2026-11-18T09:00:00.000Z',
        description: 'C2 on 8080',
        labels: ['malpedia:Emotet', 'misp-galaxy:malpedia="Emotet"', 'type:OSINT'],
        created_by_ref: 'identity--a7d2c3e4-1b2a-4f6e-8d9c-0e1f2a3b4c5d',
      },
    });
    expect(byId('indicator--0b8f6c1a-9d2e-4e7f-8a1b-2c3d4e5f6a71')?.object.pattern).toBe(
      "[network-traffic:dst_ref.value = '203.0.113.77' AND network-traffic:dst_port = 443]",
    );
    expect(byId('indicator--0b8f6c1a-9d2e-4e7f-8a1b-2c3d4e5f6a73')?.object.pattern).toBe(
      "[url:value = 'http://update-check.example.net/it\\'s/loader.php?id=7']",
    );
    expect(byId('indicator--1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f')?.object).toMatchObject({
      pattern:
        "[file:name = 'invoice_2026.doc' AND file:hashes.'SHA-256' = '8b1a9953c4611296a827abf8c47804d7e6c49c6b6ef0c2c5ab4f8e1c2d3e4f5a']",
      name: 'file filename|sha256: invoice_2026.doc|8b1a9953c4611296a827abf8c47804d7e6c49c6b6ef0c2c5ab4f8e1c2d3e4f5a',
    });
  });

  it('keeps an attribute-level TLP over the event TLP', () => {
    expect(byId('indicator--0b8f6c1a-9d2e-4e7f-8a1b-2c3d4e5f6a75')?.tlp).toBe('amber');
  });

  it('turns a simple context attribute into an observable with a deterministic id', () => {
    const id = scoId('ipv4-addr', { value: '192.0.2.200' });
    expect(byId(id)?.object).toEqual({ type: 'ipv4-addr', spec_version: '2.1', id, value: '192.0.2.200' });
    expect(id).toMatch(/^ipv4-addr--[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('reports every attribute it does not convert, with its path and reason, and skips deleted ones', () => {
    expect(result.rejected).toEqual([
      { path: 'Event.Attribute[6]', reason: 'MISP type "btc" has no STIX pattern mapping in Accord' },
      { path: 'Event.Attribute[7]', reason: 'value "not-an-ip" is not an IP address' },
      { path: 'Event.Attribute[8].Tag', reason: 'contradictory TLP tags: red, green' },
    ]);
    expect(result.objects.some((o) => o.object.id.endsWith('6a79'))).toBe(false);
  });

  it('ties everything together in a report created by the event organisation', () => {
    const report = byId('report--5f1c7a2e-3b4d-4c8e-9a61-2f0b7d9e4a10')?.object as unknown as {
      object_refs: string[];
      name: string;
      published: string;
    };
    expect(report.name).toContain('Emotet');
    expect(report.published).toBe('2026-11-18T00:00:00.000Z');
    expect(report.object_refs).toHaveLength(7);
    expect(result.objects[0]?.object).toMatchObject({ type: 'identity', name: '[Fixture] CERT-Example' });
  });

  it('gives the same objects on a second conversion (idempotent import)', () => {
    expect(convertMispEvent(event)).toEqual(result);
  });

  it('rejects a malformed event as a whole with the fields named', () => {
    const bad = convertMispEvent({ uuid: 'nope', Attribute: 'x' });
    expect(bad.objects).toEqual([]);
    expect(bad.rejected.map((r) => r.path)).toEqual(
      expect.arrayContaining(['Event.uuid', 'Event.info', 'Event.Attribute']),
    );
  });

  it('never throws on junk (fuzz)', () => {
    fc.assert(
      fc.property(fc.anything(), (junk) => {
        expect(() => convertMispEvent(junk)).not.toThrow();
        expect(() =>
          convertMispEvent({
            uuid: '5f1c7a2e-3b4d-4c8e-9a61-2f0b7d9e4a10',
            info: 'x',
            Attribute: [junk],
            Object: [junk],
          }),
        ).not.toThrow();
      }),
      { numRuns: 500 },
    );
  });
});

describe('patterns and tags', () => {
  it('escapes quotes and backslashes in pattern strings', () => {
    expect(quote("a'b\\c")).toBe("'a\\'b\\\\c'");
    expect(toPattern([{ path: 'mutex:name', value: "Global\\x'y" }])).toBe(
      "[mutex:name = 'Global\\\\x\\'y']",
    );
  });
  it('maps IPv6, AS numbers and hashes', () => {
    expect(mapAttribute('ip-dst', '2001:db8::1')).toEqual({
      comparisons: [{ path: 'ipv6-addr:value', value: '2001:db8::1' }],
    });
    expect(mapAttribute('AS', 'AS64500')).toEqual({
      comparisons: [{ path: 'autonomous-system:number', value: '64500', raw: true }],
    });
    expect(mapAttribute('AS', 'AS6450x')).toHaveProperty('error');
    expect(mapAttribute('md5', 'd41d8cd98f00b204e9800998ecf8427e')).toEqual({
      comparisons: [{ path: "file:hashes.'MD5'", value: 'd41d8cd98f00b204e9800998ecf8427e' }],
    });
  });
  it('reads TLP tags case-insensitively and maps white to clear', () => {
    expect(tlpOfTags([{ name: 'TLP:WHITE' }])).toEqual({ tlp: 'clear' });
    expect(tlpOfTags([{ name: 'tlp:amber+strict' }, { name: 'osint' }])).toEqual({ tlp: 'amber+strict' });
  });
});

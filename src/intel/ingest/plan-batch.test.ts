// What a batch becomes before anything is written: versions ordered by modified, duplicates by id
// and version or by dedupe key within the producer, and which stored latest versions are demoted.
import { describe, expect, it } from 'vitest';
import { planBatch } from './plan-batch.ts';
import { startInFlight } from './batch-gate.ts';
import { prepareObject, type PreparedObject } from './prepare-object.ts';
import { splitCsvLine } from './csv-line.ts';
import { feedTimestamp } from './csv-row.ts';

const context = {
  producerOrganisationId: '00000000-0000-4000-8000-000000000001',
  authorUserId: null,
  defaultTlp: 'amber' as const,
  audienceOrganisationIds: [],
  audienceUserIds: [],
  knownMarkingDefinitions: new Map<string, unknown>(),
  nowIso: '2026-11-22T09:00:00.000Z',
};

function indicator(
  id: number,
  modified: string,
  pattern = `[ipv4-addr:value = '192.0.2.${id}']`,
): PreparedObject {
  const r = prepareObject(
    {
      type: 'indicator',
      spec_version: '2.1',
      id: `indicator--00000000-0000-4000-8000-${String(id).padStart(12, '0')}`,
      created: '2026-09-01T00:00:00.000Z',
      modified,
      pattern,
      pattern_type: 'stix',
      valid_from: '2026-11-01T00:00:00Z',
    },
    context,
  );
  if (!r.ok) {
    throw new Error(r.reason);
  }
  return r.value;
}

describe('planBatch', () => {
  it('orders versions by modified and demotes the stored latest only once', () => {
    const v2 = indicator(1, '2026-11-02T00:00:00.000Z');
    const v3 = indicator(1, '2026-11-03T00:00:00.500Z');
    const v0 = indicator(1, '2026-10-01T00:00:00.000Z');
    const stored = new Map([
      [v2.stixId, { pk: 7, micros: indicator(1, '2026-11-01T00:00:00.000Z').modifiedMicros }],
    ]);
    const plan = planBatch(
      [v2, v3, v0, v3].map((object, index) => ({ index, object })),
      stored,
      new Map(),
    );
    expect(plan.decisions.map((d) => d.outcome)).toEqual([
      'new-version',
      'new-version',
      'older-version',
      'duplicate',
    ]);
    expect(plan.demote).toEqual([7]);
    expect(plan.writes.map((w) => w.isLatest)).toEqual([false, true, false]);
  });

  it('dedupes equivalent patterns under other ids, against the store and within the batch', () => {
    const a = indicator(
      10,
      '2026-11-01T00:00:00.000Z',
      "[domain-name:value = 'A.example' OR ipv4-addr:value = '192.0.2.9']",
    );
    const b = indicator(
      11,
      '2026-11-01T00:00:00.000Z',
      "[ipv4-addr:value = '192.0.2.9' OR domain-name:value = 'a.example.']",
    );
    const c = indicator(12, '2026-11-01T00:00:00.000Z', "[ipv4-addr:value = '192.0.2.77']");
    const holders = new Map([[c.dedupeKey!, { stixId: 'indicator--00000000-0000-4000-8000-000000000099' }]]);
    const plan = planBatch(
      [a, b, c].map((object, index) => ({ index, object })),
      new Map(),
      holders,
    );
    expect(plan.decisions.map((d) => d.outcome)).toEqual(['added', 'duplicate', 'duplicate']);
    expect(plan.decisions[1]?.reason).toContain(a.stixId);
    expect(a.dedupeKey).toBe(b.dedupeKey);
  });

  it('plans a batch its caller knows to be distinct as it plans it without knowing', () => {
    const objects = [1, 2, 3, 4].map((n) => indicator(n, '2026-11-02T00:00:00.000Z'));
    const prepared = objects.map((object, index) => ({ index, object }));
    const plain = planBatch(prepared, new Map(), new Map());
    expect(planBatch(prepared, new Map(), new Map(), true)).toEqual(plain);
    expect(plain.decisions.every((d) => d.outcome === 'added')).toBe(true);
    // Stored versions or holders of a key: the hint does not skip them.
    const stored = new Map([[objects[0]!.stixId, { pk: 3, micros: objects[0]!.modifiedMicros }]]);
    expect(planBatch(prepared, stored, new Map(), true).decisions[0]?.outcome).toBe('duplicate');
    const holders = new Map([
      [objects[1]!.dedupeKey!, { stixId: 'indicator--00000000-0000-4000-8000-000000000099' }],
    ]);
    expect(planBatch(prepared, new Map(), holders, true).decisions[1]?.outcome).toBe('duplicate');
  });

  it('knows a batch in flight to be distinct only when no id or key repeats', () => {
    const a = indicator(1, '2026-11-02T00:00:00.000Z');
    const b = indicator(2, '2026-11-02T00:00:00.000Z');
    const sameKey = indicator(3, '2026-11-02T00:00:00.000Z', `[ipv4-addr:value = '192.0.2.1']`);
    const nextVersion = indicator(1, '2026-11-03T00:00:00.000Z');
    const wrap = (objects: PreparedObject[]) => objects.map((object) => ({ object }));
    expect(startInFlight(wrap([a, b])).distinct).toBe(true);
    expect(startInFlight(wrap([a, b, sameKey])).distinct).toBe(false);
    expect(startInFlight(wrap([a, b, nextVersion])).distinct).toBe(false);
  });

  it('rounds finer fractions to microseconds like PostgreSQL', () => {
    expect(indicator(1, '2026-11-01T00:00:00.1234567Z').modifiedMicros % 1_000_000).toBe(123457);
  });
});

describe('CSV cells and feed dates', () => {
  it('splits quoted cells, doubled quotes and ThreatFox-style spaces', () => {
    expect(splitCsvLine('"a, b", "c""d",e,,"', ',')).toEqual(['a, b', 'c"d', 'e', '', '']);
    expect(splitCsvLine('x;y', ';')).toEqual(['x', 'y']);
  });

  it('reads feed dates as STIX timestamps and refuses impossible ones', () => {
    expect(feedTimestamp('2026-10-30 07:44:46')).toBe('2026-10-30T07:44:46.000Z');
    expect(feedTimestamp('2026-10-30')).toBe('2026-10-30T00:00:00.000Z');
    expect(feedTimestamp('2026-02-30 00:00:00')).toBeUndefined();
    expect(feedTimestamp('yesterday')).toBeUndefined();
  });
});

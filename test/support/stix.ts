// Builders of STIX 2.1 objects for tests: deterministic ids from a counter, valid by default.
import { TLP2_MARKING_IDS } from '../../src/intel/tlp.ts';
import type { Tlp } from '../../src/platform/access/tlp-policy.ts';

let counter = 0;

export function nextStixId(type: string): string {
  counter += 1;
  return `${type}--${'00000000-0000-4000-8000-'}${String(counter).padStart(12, '0')}`;
}

export function buildIndicator(overrides: Record<string, unknown> & { tlp?: Tlp } = {}) {
  const { tlp, ...rest } = overrides;
  return {
    type: 'indicator',
    spec_version: '2.1',
    id: nextStixId('indicator'),
    created: '2026-11-01T00:00:00.000Z',
    modified: '2026-11-01T00:00:00.000Z',
    name: 'C2 server',
    pattern: "[ipv4-addr:value = '192.0.2.1']",
    pattern_type: 'stix',
    valid_from: '2026-11-01T00:00:00Z',
    indicator_types: ['malicious-activity'],
    ...(tlp ? { object_marking_refs: [TLP2_MARKING_IDS[tlp]] } : {}),
    ...rest,
  };
}

export function buildIpv4(value: string, overrides: Record<string, unknown> = {}) {
  return { type: 'ipv4-addr', spec_version: '2.1', id: nextStixId('ipv4-addr'), value, ...overrides };
}

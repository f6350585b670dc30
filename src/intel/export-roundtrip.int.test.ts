// Round trips and policy-filtered exports: STIX in → store → STIX out byte for byte; MISP in → STIX
// → store → MISP out with the same attribute uuids and values; the MISP export shows only what the
// reader may see.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Services } from '../platform/services.ts';
import type { Actor } from '../platform/access/policy.ts';
import { createTestServices } from '../../test/support/services.ts';
import { buildOrganisation, buildUser } from '../../test/support/factories.ts';
import { buildIndicator, buildIpv4 } from '../../test/support/stix.ts';
import { ingestStixObjects } from './ingest/ingest-batch.ts';
import { mispRecords } from './ingest/misp-source.ts';
import { exportStixBundle } from './export.ts';
import { exportMispEvent } from './export-misp.ts';
import { TLP2_MARKING_IDS } from './tlp.ts';

let services: Services;
let fr: { org: string; actor: Actor };
let ng: { org: string; actor: Actor };

async function member(country: string) {
  const org = (await buildOrganisation(services, { country })).id;
  const user = await buildUser(services, { organisationId: org, role: 'analyst' });
  const actor: Actor = {
    userId: user.id,
    isAdmin: false,
    via: 'session',
    memberships: [{ organisationId: org, role: 'analyst', country }],
  };
  return { org, actor };
}

async function collect(stream: AsyncGenerator<string>): Promise<string> {
  let text = '';
  for await (const part of stream) {
    text += part;
  }
  return text;
}

type MispExport = {
  response: {
    Event: {
      Attribute: { uuid: string; type: string; value: string; to_ids: boolean; Tag: { name: string }[] }[];
    };
  }[];
};

beforeAll(async () => {
  services = await createTestServices();
  fr = await member('FR');
  ng = await member('NG');
});
afterAll(() => services.close());

describe('STIX round trip', () => {
  it('exports every stored object exactly as it came in', async () => {
    const indicator = buildIndicator({
      tlp: 'green',
      pattern: "[url:value = 'http://rt.example/a?b=1']",
      labels: ['x', 'é"\\'],
    });
    const sco = buildIpv4('192.0.2.99', { object_marking_refs: [TLP2_MARKING_IDS.green] });
    const relationship = {
      type: 'relationship',
      spec_version: '2.1',
      id: 'relationship--00000000-0000-4000-8000-0000000000aa',
      created: '2026-11-01T00:00:00.123456Z',
      modified: '2026-11-01T00:00:00.123456Z',
      relationship_type: 'indicates',
      source_ref: indicator.id,
      target_ref: 'malware--00000000-0000-4000-8000-0000000000bb',
      object_marking_refs: [TLP2_MARKING_IDS.green],
    };
    const originals = [indicator, sco, relationship].map((o) => JSON.stringify(o));
    await ingestStixObjects(
      services.ctx,
      fr.actor,
      originals.map((t) => JSON.parse(t) as unknown),
      {
        producerOrganisationId: fr.org,
        authorUserId: fr.actor.userId,
        source: { kind: 'api' },
      },
    );
    const bundle = await collect(exportStixBundle(services.ctx, ng.actor, {}));
    for (const text of originals) {
      expect(bundle).toContain(text);
    }
    expect(JSON.parse(bundle)).toMatchObject({ type: 'bundle' });
  });
});

describe('MISP export', () => {
  it('lists the values of visible objects with their TLP, and nothing the reader may not see', async () => {
    const green = buildIndicator({
      tlp: 'green',
      pattern:
        "[domain-name:value = 'green-misp.example' OR file:hashes.'SHA-256' = '" + 'ab'.repeat(32) + "']",
    });
    const amber = buildIndicator({ tlp: 'amber', pattern: "[ipv4-addr:value = '198.51.100.201']" });
    await ingestStixObjects(services.ctx, fr.actor, [green, amber], {
      producerOrganisationId: fr.org,
      authorUserId: fr.actor.userId,
      source: { kind: 'api' },
    });
    const asNg = JSON.parse(await collect(exportMispEvent(services.ctx, ng.actor, {}))) as MispExport;
    const ngValues = asNg.response[0]!.Event.Attribute.map((a) => a.value);
    expect(ngValues).toEqual(expect.arrayContaining(['green-misp.example', 'ab'.repeat(32)]));
    expect(ngValues).not.toContain('198.51.100.201');
    const asFr = JSON.parse(await collect(exportMispEvent(services.ctx, fr.actor, {}))) as MispExport;
    const amberAttribute = asFr.response[0]!.Event.Attribute.find((a) => a.value === '198.51.100.201');
    expect(amberAttribute).toMatchObject({
      type: 'ip-dst',
      to_ids: true,
      uuid: amber.id.slice('indicator--'.length),
    });
    expect(amberAttribute?.Tag[0]).toEqual({ name: 'tlp:amber' });
  });

  it('gives back the attribute uuids and values of an imported MISP event', async () => {
    const text = readFileSync(resolve(import.meta.dirname, 'misp/fixtures/emotet-c2-event.json'), 'utf8');
    const objects = mispRecords(text).flatMap((r) => (r.kind === 'object' ? [r.object] : []));
    const other = await member('BR');
    await ingestStixObjects(services.ctx, other.actor, objects, {
      producerOrganisationId: other.org,
      authorUserId: other.actor.userId,
      source: { kind: 'file' },
    });
    const out = JSON.parse(
      await collect(exportMispEvent(services.ctx, other.actor, { producerCountries: ['BR'] })),
    ) as MispExport;
    const byUuid = new Map(out.response[0]!.Event.Attribute.map((a) => [a.uuid, a]));
    expect(byUuid.get('0b8f6c1a-9d2e-4e7f-8a1b-2c3d4e5f6a70')).toMatchObject({
      type: 'ip-dst',
      value: '198.51.100.23',
      to_ids: true,
    });
    expect(byUuid.get('0b8f6c1a-9d2e-4e7f-8a1b-2c3d4e5f6a72')).toMatchObject({
      type: 'domain',
      value: 'update-check.example.net',
    });
    expect(byUuid.get('0b8f6c1a-9d2e-4e7f-8a1b-2c3d4e5f6a70')?.Tag[0]).toEqual({ name: 'tlp:green' });
  });
});

// Import jobs against PostgreSQL: STIX, MISP and CSV files become objects and rejections, the same
// file twice adds nothing, and an import interrupted after a batch resumes after its last commit.
import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Services } from '../../platform/services.ts';
import type { Actor } from '../../platform/access/policy.ts';
import { createTestServices } from '../../../test/support/services.ts';
import { buildOrganisation, buildUser } from '../../../test/support/factories.ts';
import { buildIndicator } from '../../../test/support/stix.ts';
import { registerImport, getImport, listRejections, listImports } from './imports.ts';
import { runImport } from './import-job.ts';
import { closePrepareWorkers, preparePoolStats } from './prepare-pool.ts';
import type { ImportInput } from './imports.ts';

const FIXTURES = resolve(import.meta.dirname, 'fixtures');
const dir = mkdtempSync(join(tmpdir(), 'accord-import-test-'));
let services: Services;
let actor: Actor;
let org: string;
let fileCounter = 0;

const noProgress = async () => {};

async function importFile(
  path: string,
  input: Partial<ImportInput> = {},
  a: Actor = actor,
  prepareOn: 'auto' | 'worker' | 'main' = 'auto',
) {
  fileCounter += 1;
  const view = await registerImport(
    services.ctx,
    a,
    { id: crypto.randomUUID(), path, bytes: statSync(path).size },
    { fileName: `file-${fileCounter}`, organisationId: org, ...input },
  );
  await runImport(services.ctx, view.id, noProgress, 3, prepareOn);
  return getImport(services.ctx, a, view.id);
}

function writeBundle(name: string, objects: unknown[]): string {
  const path = join(dir, name);
  writeFileSync(
    path,
    JSON.stringify({ type: 'bundle', id: 'bundle--00000000-0000-4000-8000-000000000001', objects }, null, 1),
  );
  return path;
}

/** A fresh producer per group: dedupe is per producer, so groups must not see each other's values. */
async function useNewProducer(country: string) {
  org = (await buildOrganisation(services, { country })).id;
  const user = await buildUser(services, { organisationId: org, role: 'analyst' });
  actor = {
    userId: user.id,
    isAdmin: false,
    via: 'session',
    memberships: [{ organisationId: org, role: 'analyst', country }],
  };
}

beforeAll(async () => {
  services = await createTestServices();
  await useNewProducer('BR');
});
afterAll(() => services.close());

describe('STIX imports', () => {
  it.each(['main', 'worker'] as const)(
    'imports a bundle in batches, reports each rejection with its place, and adds nothing the second time (prepared on the %s thread)',
    async (prepareOn) => {
      await useNewProducer(prepareOn === 'main' ? 'BR' : 'AR');
      const objects = [
        buildIndicator({ pattern: "[ipv4-addr:value = '192.0.2.200']" }),
        buildIndicator({ pattern: "[ipv4-addr:value = '192.0.2.201'" }),
        buildIndicator({ pattern: "[ipv4-addr:value = '192.0.2.202']", tlp: 'green' }),
        [1, 2],
        buildIndicator({ pattern: "[domain-name:value = 'stix-import.example']" }),
      ];
      const path = writeBundle(`a-${prepareOn}.json`, objects);
      const first = await importFile(path, {}, actor, prepareOn);
      expect(first).toMatchObject({ format: 'stix', status: 'queued' });
      expect(first.counts).toEqual({ added: 3, newVersion: 0, olderVersion: 0, duplicate: 0, rejected: 2 });
      const rejections = await listRejections(services.ctx, actor, first.id, undefined, 10);
      expect(rejections.rejections.map((r) => [r.locator.split(' ')[0], r.code])).toEqual([
        ['objects[1]', 'INTEL_PATTERN_INVALID'],
        ['objects[3]', 'INTEL_OBJECT_INVALID'],
      ]);
      const second = await importFile(path, {}, actor, prepareOn);
      expect(second.counts).toEqual({ added: 0, newVersion: 0, olderVersion: 0, duplicate: 3, rejected: 2 });
    },
  );

  it.each(['main', 'worker'] as const)(
    'counts an older version stored before as a duplicate when its file is imported again (prepared on the %s thread)',
    async (prepareOn) => {
      await useNewProducer(prepareOn === 'main' ? 'CL' : 'UY');
      const older = buildIndicator({ pattern: "[ipv4-addr:value = '192.0.2.210']" });
      const newer = {
        ...older,
        modified: '2026-11-05T00:00:00.000Z',
        pattern: "[ipv4-addr:value = '192.0.2.211']",
      };
      const filler = [1, 2, 3, 4].map((n) =>
        buildIndicator({ pattern: `[ipv4-addr:value = '192.0.2.22${n}']` }),
      );
      const path = writeBundle(`versions-${prepareOn}.json`, [...filler, newer, older]);
      const first = await importFile(path, {}, actor, prepareOn);
      expect(first.counts).toEqual({ added: 5, newVersion: 0, olderVersion: 1, duplicate: 0, rejected: 0 });
      // The older version is planned as one (the stored latest is newer) but is stored already.
      const second = await importFile(path, {}, actor, prepareOn);
      expect(second.counts).toEqual({ added: 0, newVersion: 0, olderVersion: 0, duplicate: 6, rejected: 0 });
    },
  );

  it('resolves marking definitions stored before, read in an earlier batch or later in the same one, or unknown (left to the main thread)', async () => {
    const marking = (n: number, name: string) => ({
      type: 'marking-definition',
      spec_version: '2.1',
      id: `marking-definition--3f6a7a9c-1b2c-4d5e-8f90-a1b2c3d4e5${n}0`,
      created: '2026-11-01T00:00:00.000Z',
      name,
      definition_type: 'statement',
      definition: { statement: name },
    });
    const stored = marking(1, 'TLP:RED');
    await importFile(writeBundle('stored-marking.json', [stored]));
    const inFile = marking(2, 'TLP:AMBER+STRICT');
    const unknownId = 'marking-definition--00000000-1111-4222-8333-444444444444';
    const byStored = buildIndicator({
      pattern: "[ipv4-addr:value = '198.51.100.201']",
      object_marking_refs: [stored.id],
    });
    const byFile = buildIndicator({
      pattern: "[ipv4-addr:value = '198.51.100.202']",
      object_marking_refs: [inFile.id],
    });
    const byUnknown = buildIndicator({
      pattern: "[ipv4-addr:value = '198.51.100.203']",
      object_marking_refs: [unknownId],
    });
    const filler = buildIndicator({ pattern: "[ipv4-addr:value = '198.51.100.204']" });
    const later = marking(3, 'TLP:CLEAR');
    const byLater = buildIndicator({
      pattern: "[ipv4-addr:value = '198.51.100.205']",
      object_marking_refs: [later.id],
    });
    const filler2 = buildIndicator({ pattern: "[ipv4-addr:value = '198.51.100.206']" });
    const filler3 = buildIndicator({ pattern: "[ipv4-addr:value = '198.51.100.207']" });
    // Batches of three: the definition read from the file is in the first, its user in the second;
    // in the third, a definition comes after the object that uses it.
    const view = await importFile(
      writeBundle('markings.json', [
        inFile,
        filler,
        byStored,
        byFile,
        byUnknown,
        filler2,
        byLater,
        later,
        filler3,
      ]),
      {},
      actor,
      'worker',
    );
    expect(view.counts).toMatchObject({ added: 9, rejected: 0 });
    const tlps = await services.ctx.db.query<{ stix_id: string; tlp: string }>(
      'SELECT stix_id, tlp FROM intel_objects WHERE stix_id = ANY($1)',
      [[byStored.id, byFile.id, byUnknown.id, byLater.id]],
    );
    // A marking definition nobody knows names no TLP: the object takes the default, as on one thread.
    expect(Object.fromEntries(tlps.rows.map((r) => [r.stix_id, r.tlp]))).toEqual({
      [byStored.id]: 'red',
      [byFile.id]: 'amber+strict',
      [byUnknown.id]: 'amber',
      [byLater.id]: 'clear',
    });
  });

  it('reports malformed JSON inside a bundle and a truncated file, keeping the good objects', async () => {
    const good = buildIndicator({ pattern: "[ipv4-addr:value = '192.0.2.210']" });
    const path = join(dir, 'broken.json');
    writeFileSync(
      path,
      `{"type":"bundle","objects":[${JSON.stringify(good)},{"type": indicator},{"type":"ind`,
    );
    const view = await importFile(path);
    expect(view.counts.added).toBe(1);
    const { rejections } = await listRejections(services.ctx, actor, view.id, undefined, 10);
    expect(rejections.map((r) => r.code)).toEqual(['INTEL_RECORD_MALFORMED', 'INTEL_RECORD_MALFORMED']);
    expect(rejections[1]?.reason).toMatch(/truncated/);
  });

  it.each([
    ['main', 150],
    ['worker', 170],
  ] as const)(
    'resumes after the last committed batch when a run stops midway (%s thread)',
    async (prepareOn, base) => {
      const objects = Array.from({ length: 10 }, (_, i) =>
        buildIndicator({ pattern: `[ipv4-addr:value = '198.51.100.${base + i}']` }),
      );
      const path = writeBundle(`resume-${prepareOn}.json`, objects);
      const view = await registerImport(
        services.ctx,
        actor,
        { id: crypto.randomUUID(), path, bytes: 1 },
        { fileName: 'resume', organisationId: org },
      );
      let batches = 0;
      const crashAfterTwo = async () => {
        batches += 1;
        if (batches === 2) {
          throw new Error('simulated crash');
        }
      };
      await expect(runImport(services.ctx, view.id, crashAfterTwo, 3, prepareOn)).rejects.toThrow(
        'simulated crash',
      );
      const midway = await getImport(services.ctx, actor, view.id);
      expect(midway.counts.added).toBeGreaterThanOrEqual(6);
      await runImport(services.ctx, view.id, noProgress, 3, prepareOn);
      const done = await getImport(services.ctx, actor, view.id);
      expect(done.counts).toMatchObject({ added: 10, duplicate: 0, rejected: 0 });
      const stored = await services.ctx.db.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM intel_objects WHERE stix_id = ANY($1) AND is_latest',
        [objects.map((o) => o.id)],
      );
      expect(stored.rows[0]?.n).toBe(10);
    },
  );
});
it('keeps the prepare worker for the next import, but not one whose import stopped midway', async () => {
  await closePrepareWorkers();
  const before = { ...preparePoolStats };
  const delta = () => ({
    started: preparePoolStats.started - before.started,
    reused: preparePoolStats.reused - before.reused,
  });
  const file = (k: number) =>
    writeBundle(
      `pool-${k}.json`,
      Array.from({ length: 7 }, (_, i) =>
        buildIndicator({ pattern: `[ipv4-addr:value = '203.0.113.${100 + 10 * k + i}']` }),
      ),
    );
  expect((await importFile(file(0), {}, actor, 'worker')).counts.added).toBe(7);
  expect((await importFile(file(1), {}, actor, 'worker')).counts.added).toBe(7);
  expect(delta()).toEqual({ started: 1, reused: 1 });
  const view = await registerImport(
    services.ctx,
    actor,
    { id: crypto.randomUUID(), path: file(2), bytes: 1 },
    { fileName: 'pool-2', organisationId: org },
  );
  const crash = async () => {
    throw new Error('simulated crash');
  };
  await expect(runImport(services.ctx, view.id, crash, 3, 'worker')).rejects.toThrow('simulated crash');
  expect((await importFile(file(3), {}, actor, 'worker')).counts.added).toBe(7);
  expect(delta()).toEqual({ started: 2, reused: 2 });
});

describe('MISP imports', () => {
  it('converts an event with its TLP tags and reports attributes it cannot convert', async () => {
    const view = await importFile(resolve(import.meta.dirname, '../misp/fixtures/emotet-c2-event.json'));
    expect(view.format).toBe('misp');
    expect(view.counts.added).toBeGreaterThan(2);
    const again = await importFile(resolve(import.meta.dirname, '../misp/fixtures/emotet-c2-event.json'));
    expect(again.counts.added).toBe(0);
    expect(again.counts.duplicate).toBe(view.counts.added);
  });

  it('rejects malformed MISP JSON with one clear record', async () => {
    const path = join(dir, 'bad-misp.json');
    writeFileSync(path, '{"Event": {"info": "x", "Attribute": [');
    const view = await importFile(path, { format: 'misp' });
    const { rejections } = await listRejections(services.ctx, actor, view.id, undefined, 10);
    expect(rejections.map((r) => [r.locator, r.code])).toEqual([['$', 'INTEL_RECORD_MALFORMED']]);
    expect(rejections[0]?.reason).toMatch(/^malformed JSON/);
  });
});

describe('CSV imports', () => {
  beforeAll(() => useNewProducer('KE'));

  it('detects the Feodo Tracker preset and maps ip, port, first seen and malware', async () => {
    const view = await importFile(join(FIXTURES, 'feodo-ipblocklist.csv'));
    expect(view).toMatchObject({ format: 'csv', preset: 'feodo' });
    expect(view.counts).toMatchObject({ added: 3, rejected: 1 });
    const { rejections } = await listRejections(services.ctx, actor, view.id, undefined, 10);
    expect(rejections[0]).toMatchObject({ locator: 'line 10', code: 'INTEL_RECORD_MALFORMED' });
    const row = await services.ctx.db.query<{ raw: string }>(
      "SELECT raw FROM intel_objects WHERE raw LIKE '%192.0.2.10''%' AND producer_organisation_id = $1",
      [org],
    );
    expect(JSON.parse(row.rows[0]!.raw)).toMatchObject({
      name: 'Feodo Tracker: 192.0.2.10 (port 443)',
      created: '2026-10-30T07:44:46.000Z',
      labels: ['feodo-tracker', 'botnet-c2', 'QakBot'],
      pattern: "[ipv4-addr:value = '192.0.2.10']",
    });
  });

  it('maps URLhaus and ThreatFox exports, normalising values', async () => {
    const urlhaus = await importFile(join(FIXTURES, 'urlhaus-recent.csv'));
    expect(urlhaus).toMatchObject({ preset: 'urlhaus', counts: { added: 2, rejected: 1 } });
    const values = await services.ctx.db.query<{ value: string }>(
      "SELECT value FROM intel_values WHERE kind = 'url' ORDER BY value",
    );
    expect(values.rows.map((r) => r.value)).toContain('https://phish.example.net/wp-admin?x=1');
    const threatfox = await importFile(join(FIXTURES, 'threatfox-recent.csv'));
    expect(threatfox).toMatchObject({ preset: 'threatfox', counts: { added: 3, rejected: 1 } });
  });

  it('imports a plain list again without adding anything, though its lines carry no dates', async () => {
    const first = await importFile(join(FIXTURES, 'plain-list.txt'));
    expect(first).toMatchObject({ preset: 'plain', counts: { added: 6, rejected: 1 } });
    const second = await importFile(join(FIXTURES, 'plain-list.txt'));
    expect(second.counts).toMatchObject({ added: 0, newVersion: 0, duplicate: 6, rejected: 1 });
  });

  it('takes a custom column mapping and refuses a bad one before queueing', async () => {
    const path = join(dir, 'custom.csv');
    writeFileSync(path, 'when;what;family\n2026-11-03;bad.custom.example;Mirai\n');
    const view = await importFile(path, {
      columns: 'value=1;kind=domain;first_seen=0;labels=2;delimiter=semicolon;header=what',
    });
    expect(view.counts).toMatchObject({ added: 1, rejected: 0 });
    await expect(importFile(path, { columns: 'kind=domain' })).rejects.toMatchObject({
      code: 'INTEL_IMPORT_MAPPING_INVALID',
    });
    await expect(importFile(path, { preset: 'nope' })).rejects.toMatchObject({
      code: 'INTEL_IMPORT_MAPPING_INVALID',
    });
  });

  it('refuses a binary file when detecting the format, and reports binary lines in a CSV', async () => {
    const path = join(dir, 'junk.bin');
    writeFileSync(path, Buffer.from([0x00, 0xff, 0xfe, 0x10, 0x41, 0x0a, 0x00, 0x01]));
    await expect(importFile(path)).rejects.toMatchObject({ code: 'INTEL_IMPORT_FORMAT_UNKNOWN' });
    const view = await importFile(path, { format: 'csv' });
    expect(view.counts).toMatchObject({ added: 0, rejected: 2 });
  });
});

describe('who sees imports', () => {
  it('shows an import to its organisation, not to another one, and refuses readers', async () => {
    const path = writeBundle('v.json', [buildIndicator({ pattern: "[ipv4-addr:value = '192.0.2.230']" })]);
    const view = await importFile(path);
    const otherOrg = (await buildOrganisation(services, { country: 'JP' })).id;
    const otherUser = await buildUser(services, { organisationId: otherOrg, role: 'analyst' });
    const other: Actor = {
      userId: otherUser.id,
      isAdmin: false,
      via: 'session',
      memberships: [{ organisationId: otherOrg, role: 'analyst', country: 'JP' }],
    };
    await expect(getImport(services.ctx, other, view.id)).rejects.toMatchObject({
      code: 'INTEL_IMPORT_NOT_FOUND',
    });
    await expect(listRejections(services.ctx, other, view.id, undefined, 5)).rejects.toMatchObject({
      code: 'INTEL_IMPORT_NOT_FOUND',
    });
    expect((await listImports(services.ctx, other)).map((i) => i.id)).not.toContain(view.id);
    expect((await listImports(services.ctx, actor)).map((i) => i.id)).toContain(view.id);
    await expect(importFile(path, {}, other)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const readerUser = await buildUser(services, { organisationId: org, role: 'reader' });
    const reader: Actor = {
      userId: readerUser.id,
      isAdmin: false,
      via: 'session',
      memberships: [{ organisationId: org, role: 'reader', country: 'BR' }],
    };
    await expect(importFile(path, {}, reader)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect((await getImport(services.ctx, reader, view.id)).id).toBe(view.id);
  });
});

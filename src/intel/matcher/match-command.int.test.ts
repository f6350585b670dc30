// `accord intel match` in-process against a test database: hits on a Suricata EVE log as JSON lines
// and text, on a plain-text firewall log (scanned from bytes, a hit cut by the read boundary), malformed
// lines and invalid values counted, the reader's TLP respected (--as), and --sight recording audited
// sightings.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { spawn } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { createServices, type Services } from '../../platform/services.ts';
import { loadConfig } from '../../platform/config.ts';
import type { Tlp } from '../../platform/access/tlp-policy.ts';
import { insertObjectVersion } from '../store.ts';
import { createTestDatabase } from '../../../test/support/services.ts';
import { buildOrganisation, buildUser } from '../../../test/support/factories.ts';
import { runAccord as run } from '../../../test/support/cli.ts';

const EVE = resolve(import.meta.dirname, 'fixtures/suricata-eve.jsonl');
let services: Services;
let amberId: string;
let greenId: string;
let outsider: string;

async function indicator(pattern: string, tlp: Tlp, producer: string): Promise<string> {
  const stixId = `indicator--${randomUUID()}`;
  await insertObjectVersion(services.ctx.db, {
    stixId,
    type: 'indicator',
    specVersion: '2.1',
    created: '2026-05-01T00:00:00.000Z',
    modified: '2026-05-01T00:00:00.000Z',
    revoked: false,
    validFrom: null,
    validUntil: null,
    createdByRef: null,
    producerOrganisationId: producer,
    authorUserId: null,
    tlp,
    audienceOrganisationIds: [],
    audienceUserIds: [],
    name: 'test',
    labels: [],
    dedupeKey: null,
    raw: JSON.stringify({ type: 'indicator', id: stixId, pattern, pattern_type: 'stix' }),
  });
  return stixId;
}

beforeAll(async () => {
  process.env.DATABASE_URL = await createTestDatabase();
  services = await createServices({
    config: { ...loadConfig({}), databaseUrl: process.env.DATABASE_URL },
    migrate: false,
  });
  expect((await run('admin', 'init')).code).toBe(0);
  const coordinator = await services.ctx.db.query<{ organisation_id: string }>(
    "SELECT m.organisation_id FROM memberships m JOIN users u ON u.id = m.user_id WHERE u.email = 'admin@accord.local'",
  );
  const producer = coordinator.rows[0]!.organisation_id;
  amberId = await indicator("[domain-name:value = 'evil.example']", 'amber', producer);
  greenId = await indicator("[ipv4-addr:value = '203.0.113.0/24']", 'green', producer);
  const other = await buildOrganisation(services, { country: 'GH' });
  outsider = (await buildUser(services, { organisationId: other.id, role: 'analyst' })).email;
  return () => services.close();
});

describe('accord intel match', () => {
  it('streams hits of a Suricata EVE log as JSON lines, then a summary with malformed counts', async () => {
    const res = await run('intel', 'match', EVE, '--json');
    expect(res.code, res.err).toBe(0);
    const lines = res.out.split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    const summary = lines.pop()!.summary as Record<string, unknown>;
    const hits = lines as Array<{
      observable: string;
      kind: string;
      line: number;
      indicators: Array<{ id: string; tlp: string }>;
    }>;
    expect(hits.some((h) => h.observable === 'c2.evil.example' && h.indicators[0]!.id === amberId)).toBe(
      true,
    );
    expect(hits.some((h) => h.observable === '203.0.113.66' && h.indicators[0]!.tlp === 'green')).toBe(true);
    expect(hits.every((h) => h.indicators.every((i) => [amberId, greenId].includes(i.id)))).toBe(true);
    expect(summary).toMatchObject({ format: 'eve', lines: 10, hits: hits.length });
    expect(summary.malformed).toMatchObject({ unreadable: 1 });
    expect((summary.malformed as { invalidValues: number }).invalidValues).toBeGreaterThanOrEqual(1);
  });

  it('prints text and keeps AMBER hits from a reader outside the audience', async () => {
    const res = await run('intel', 'match', EVE, '--as', outsider);
    expect(res.code, res.err).toBe(0);
    expect(res.out).toContain(greenId);
    expect(res.out).toMatch(
      new RegExp(
        `^line 4 dest_ip: 203\\.0\\.113\\.66 \\(ipv4\\) → ${greenId} \\[GREEN\\] .+ \\(CH\\), first seen 2026-05-01$`,
        'm',
      ),
    );
    expect(res.out).not.toContain(amberId);
    expect(res.out).not.toContain('evil.example (domain)');
    expect(res.out).toMatch(/malformed: 1 unreadable lines/);
  });

  it('records each matched value once as a sighting with --sight, in the audit log', async () => {
    const res = await run('intel', 'match', EVE, '--as', outsider, '--sight', '--json');
    expect(res.code, res.err).toBe(0);
    const summary = (
      JSON.parse(res.out.split('\n').at(-1)!) as {
        summary: { sightingsRecorded: number; matchedValues: number };
      }
    ).summary;
    expect(summary.sightingsRecorded).toBe(summary.matchedValues);
    const sightings = await services.ctx.db.query<{ value: string; count: number }>(
      "SELECT v.value, s.count FROM intel_sightings s JOIN intel_values v ON v.id = s.value_id WHERE s.source LIKE 'accord intel match%'",
    );
    expect(sightings.rows.map((r) => r.value).sort()).toEqual(['203.0.113.66', '203.0.113.67']);
    const audited = await services.ctx.db.query("SELECT 1 FROM audit_log WHERE action = 'intel.sighting'");
    expect(audited.rowCount).toBe(2);
  });

  it('reads the log from standard input with -', async () => {
    // A child process, since only a real process has a stdin to pipe the log into.
    const child = spawn(
      process.execPath,
      [resolve(import.meta.dirname, '../../cli.ts'), 'intel', 'match', '-', '--json'],
      {
        env: { ...process.env, DATABASE_URL: process.env.DATABASE_URL },
        stdio: ['pipe', 'pipe', 'pipe'],
      },
    );
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
    child.stdin.end(readFileSync(EVE));
    const code = await new Promise<number | null>((done) => child.on('close', done));
    expect(code, err).toBe(0);
    const lines = out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    const summary = lines.pop()!.summary as Record<string, unknown>;
    expect(summary).toMatchObject({ format: 'eve', lines: 10, hits: lines.length });
    expect(lines.some((h) => h.observable === '203.0.113.66')).toBe(true);
  });

  it('matches a plain-text log from its bytes, auto-detected or --format text, a hit cut by the 1 MiB read', async () => {
    // Filler lines up to just before the command's first 1 MiB read ends, then a line whose domain
    // straddles that boundary, then lines with an address in a listed block and a URL on a subdomain.
    const filler = (n: number) =>
      `2026-11-30T00:00:${String(n % 60).padStart(2, '0')}Z fw01 action=allow src=10.0.${n % 256}.1:5${n % 1000} dst=198.51.100.${n % 200}:443 host=n${n}.example.org\n`;
    const lines: string[] = [];
    let bytes = 0;
    for (let n = 0; bytes < (1 << 20) - 200; n += 1) {
      lines.push(filler(n));
      bytes += lines.at(-1)!.length;
    }
    const cut = 'x'.repeat((1 << 20) - bytes - ' deny host='.length - 3);
    lines.push(`${cut} deny host=www.evil.example dst=192.0.2.1\n`);
    lines.push('allow src=203.0.113.9:443 and 203.0.113.999, see https://cdn.evil.example/a.exe\n');
    const log = join(mkdtempSync(join(tmpdir(), 'accord-match-')), 'fw.log');
    writeFileSync(log, lines.join(''));
    expect(lines.slice(0, -2).join('').length + cut.length + ' deny host='.length + 3).toBe(1 << 20);
    const boundaryLine = lines.length - 1;
    for (const format of [[], ['--format', 'text']]) {
      const res = await run('intel', 'match', log, '--json', ...format);
      expect(res.code, res.err).toBe(0);
      const out = res.out.split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
      const summary = out.pop()!.summary as Record<string, unknown>;
      const hits = out as Array<{ line: number; kind: string; observable: string }>;
      expect(hits.map((h) => `${h.line} ${h.kind} ${h.observable}`)).toEqual([
        `${boundaryLine} domain www.evil.example`,
        `${boundaryLine + 1} domain cdn.evil.example`,
        `${boundaryLine + 1} ipv4 203.0.113.9`,
      ]);
      expect(summary).toMatchObject({ format: 'text', lines: lines.length, hits: 3, matchedValues: 3 });
    }
    const outside = await run('intel', 'match', log, '--as', outsider);
    expect(outside.code, outside.err).toBe(0);
    expect(outside.out).toContain(`line ${boundaryLine + 1}: 203.0.113.9 (ipv4) → ${greenId} [GREEN]`);
    expect(outside.out).not.toContain(amberId);
  });

  it('rejects an unknown format and an unreadable file with exit code 2', async () => {
    expect((await run('intel', 'match', EVE, '--format', 'pcap')).code).toBe(2);
    const missing = await run('intel', 'match', '/nonexistent/log.txt');
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('cannot read');
  });
});

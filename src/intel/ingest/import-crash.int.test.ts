// A real crash: `accord intel import` runs in a child process and is killed with SIGKILL in the
// middle of the import; `--resume` then finishes it. Nothing committed is lost, nothing is written
// twice, and the counts add up to the file.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPool, type Db } from '../../platform/db/pool.ts';
import { createTestDatabase } from '../../../test/support/services.ts';

const ROOT = resolve(import.meta.dirname, '../../..');
const NODE = join(ROOT, 'node_modules/node/bin/node');
const COUNT = 40_000;
let url: string;
let db: Db;
let bundle: string;
const env = () => ({ ...process.env, DATABASE_URL: url, ACCORD_ADMIN_PASSWORD: '' });

function cli(...args: string[]) {
  return spawnSync(NODE, [join(ROOT, 'src/cli.ts'), ...args], {
    env: env(),
    encoding: 'utf8',
    timeout: 240_000,
  });
}

beforeAll(async () => {
  url = await createTestDatabase();
  db = createPool(url, 2);
  expect(cli('admin', 'init', '--json').status).toBe(0);
  expect(cli('admin', 'create-org', '--name', 'Crash CIRT', '--country', 'GH', '--kind', 'cirt').status).toBe(
    0,
  );
  const dir = mkdtempSync(join(tmpdir(), 'accord-crash-'));
  bundle = join(dir, 'bundle.json');
  const objects = Array.from({ length: COUNT }, (_, i) =>
    JSON.stringify({
      type: 'indicator',
      spec_version: '2.1',
      id: `indicator--00000000-0000-4000-8000-${i.toString(16).padStart(12, '0')}`,
      created: '2026-11-01T00:00:00.000Z',
      modified: '2026-11-01T00:00:00.000Z',
      name: `crash test ${i}`,
      pattern: `[ipv4-addr:value = '10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}']`,
      pattern_type: 'stix',
      valid_from: '2026-11-01T00:00:00Z',
    }),
  );
  writeFileSync(
    bundle,
    `{"type":"bundle","id":"bundle--00000000-0000-4000-8000-000000000000","objects":[\n${objects.join(',\n')}\n]}`,
  );
}, 120_000);
afterAll(() => db.end());

describe('kill -9 during an import', () => {
  it('resumes after the last committed batch: every object once, counts that add up', async () => {
    const child = spawn(
      NODE,
      [join(ROOT, 'src/cli.ts'), 'intel', 'import', bundle, '--org', 'Crash CIRT', '--json'],
      {
        env: env(),
        stdio: 'ignore',
      },
    );
    const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
    // Wait for at least one committed batch, then kill without warning.
    let committed = 0;
    const deadline = Date.now() + 120_000;
    while (committed === 0 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 25));
      const r = await db.query<{ n: number }>(
        'SELECT coalesce(max(committed_records), 0)::int AS n FROM intel_imports',
      );
      committed = r.rows[0]?.n ?? 0;
    }
    child.kill('SIGKILL');
    expect(await exited).toBeNull();
    const imp = await db.query<{ id: string; committed_records: number; added: number }>(
      'SELECT id, committed_records, added FROM intel_imports',
    );
    const row = imp.rows[0]!;
    expect(row.committed_records).toBeGreaterThan(0);
    expect(row.committed_records).toBeLessThan(COUNT);
    const stored = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM intel_objects');
    // What is stored is exactly what the committed batches say: no half batch survived the kill.
    expect(stored.rows[0]?.n).toBe(row.added);

    const resumed = cli('intel', 'import', '--resume', row.id, '--force', '--json');
    expect(resumed.stderr).toBe('');
    expect(resumed.status).toBe(0);
    const result = JSON.parse(resumed.stdout) as {
      import: { status: string; counts: Record<string, number> };
    };
    expect(result.import.status).toBe('succeeded');
    expect(result.import.counts).toEqual({
      added: COUNT,
      newVersion: 0,
      olderVersion: 0,
      duplicate: 0,
      rejected: 0,
    });
    const after = await db.query<{ n: number; distinct: number }>(
      'SELECT count(*)::int AS n, count(DISTINCT stix_id)::int AS distinct FROM intel_objects',
    );
    expect(after.rows[0]).toEqual({ n: COUNT, distinct: COUNT });
    const links = await db.query<{ n: number; counted: number }>(
      'SELECT (SELECT count(*)::int FROM intel_object_values) AS n, (SELECT sum(object_count)::int FROM intel_values) AS counted',
    );
    expect(links.rows[0]).toEqual({ n: COUNT, counted: COUNT });
  }, 240_000);
});

// The `accord` CLI in-process against a test database: first run, organisations, users, tokens,
// audit verification, errors as one line with exit codes from the table, and the demo world.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../support/services.ts';
import { createPool } from '../../src/platform/db/pool.ts';
import { runAccord as run } from '../support/cli.ts';

beforeAll(async () => {
  // The CLI reads DATABASE_URL like a user's shell would; each test file runs in its own process.
  process.env.DATABASE_URL = await createTestDatabase();
  delete process.env.ACCORD_ADMIN_PASSWORD;
});

describe('accord CLI', () => {
  it('refuses commands that need an administrator before init', async () => {
    const res = await run('admin', 'create-org', '--name', 'Too Early', '--country', 'FR', '--kind', 'cirt');
    expect(res.code).toBe(5);
    expect(res.err).toMatch(/^error: Accord has no administrator yet/);
  });

  it('initialises once, printing a one-time password', async () => {
    const first = await run('admin', 'init', '--json');
    expect(first.code).toBe(0);
    const result = JSON.parse(first.out) as { email: string; oneTimePassword: string };
    expect(result.email).toBe('admin@accord.local');
    expect(result.oneTimePassword).toMatch(/^[\w]{5}(-[\w]{5}){3}$/);
    const again = await run('admin', 'init');
    expect(again.code).toBe(5);
    expect(again.err).toContain('already initialised');
  });

  it('creates an organisation and a user, and reports bad input field by field', async () => {
    const org = await run(
      'admin',
      'create-org',
      '--name',
      'CLI CIRT',
      '--country',
      'GH',
      '--kind',
      'cirt',
      '--json',
    );
    expect(org.code).toBe(0);
    const bad = await run('admin', 'create-org', '--name', 'X', '--country', 'ghana', '--kind', 'bank');
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('country');
    expect(bad.err).toContain('kind');
    expect(bad.err).not.toMatch(/at .*\.ts:\d+/);
    const user = await run(
      'admin',
      'create-user',
      '--email',
      'kofi@cli-cirt.example',
      '--name',
      'Kofi Mensah',
      '--org',
      'CLI CIRT',
      '--role',
      'reader',
      '--json',
    );
    expect(user.code).toBe(0);
    expect(JSON.parse(user.out)).toMatchObject({ email: 'kofi@cli-cirt.example' });
    const unknownOrg = await run(
      'admin',
      'create-user',
      '--email',
      'x@y.example',
      '--name',
      'X',
      '--org',
      'Nowhere',
    );
    expect(unknownOrg.code).toBe(4);
  });

  it('creates an API token shown once and stores only its hash', async () => {
    const res = await run(
      'admin',
      'create-token',
      '--email',
      'kofi@cli-cirt.example',
      '--name',
      'nightly pull',
      '--json',
    );
    expect(res.code).toBe(0);
    const { token } = JSON.parse(res.out) as { token: string };
    const pool = createPool(process.env.DATABASE_URL!, 1);
    const rows = await pool.query('SELECT token_hash FROM api_tokens');
    await pool.end();
    expect(JSON.stringify(rows.rows)).not.toContain(token);
  });

  it('verifies the audit log and fails loudly once it is tampered with', async () => {
    const ok = await run('audit', 'verify', '--json');
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.out)).toMatchObject({ ok: true });
    const pool = createPool(process.env.DATABASE_URL!, 1);
    await pool.query(`UPDATE audit_log SET action = 'innocent' WHERE seq = 2`);
    await pool.end();
    const broken = await run('audit', 'verify');
    expect(broken.code).toBe(1);
    expect(broken.out).toContain('BROKEN at entry 2');
  });

  it('loads the labelled demo world with a user for every role, and reloads it with new passwords', async () => {
    const first = await run('demo', '--json');
    expect(first.code).toBe(0);
    const report = JSON.parse(first.out) as {
      password: string;
      people: { role: string; organisation: string }[];
    };
    expect(new Set(report.people.map((p) => p.role))).toEqual(new Set(['org-admin', 'analyst', 'reader']));
    expect(
      report.people
        .filter((p) => !p.organisation.startsWith('[Demo]'))
        .every((p) => p.organisation.includes('Coordination')),
    ).toBe(true);
    const second = JSON.parse((await run('demo', '--json')).out) as { password: string; people: unknown[] };
    expect(second.people).toHaveLength(report.people.length);
    expect(second.password).not.toBe(report.password);
  });

  it('prints help and exits 0; an unknown command exits 2', async () => {
    expect((await run('--help')).code).toBe(0);
    expect((await run('frobnicate')).code).toBe(2);
  });
});

describe('accord CLI as a process on its own embedded PostgreSQL', () => {
  it('exits with the code from the table (the embedded server must not turn failures into 0)', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'accord-cli-exit-'));
    try {
      const env: NodeJS.ProcessEnv = { ...process.env, ACCORD_DATA_DIR: dataDir };
      delete env.DATABASE_URL;
      const cli = join(import.meta.dirname, '../../src/cli.ts');
      const res = spawnSync(
        process.execPath,
        [cli, 'admin', 'create-org', '--name', 'Too Early', '--country', 'FR', '--kind', 'cirt'],
        { env, encoding: 'utf8' },
      );
      expect(res.stderr).toContain('no administrator yet');
      expect(res.status).toBe(5);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

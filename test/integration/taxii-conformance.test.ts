// Conformance with the OASIS taxii2-client (Python): discovery, collections, add objects (status
// polled to completion), paging through every object, manifest, by id, versions, a type filter.
// Runs only where `python3 -c 'import taxii2client'` works (set TAXII2CLIENT_PATH to a checkout
// outside the repository, see docs/taxii.md); otherwise it is skipped, loudly.
import { execFile, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/platform/http/app.ts';
import type { Services } from '../../src/platform/services.ts';
import { actorOf } from '../../src/platform/identity/present.ts';
import { findMemberships, findUserById } from '../../src/platform/identity/store.ts';
import { createCollection } from '../../src/intel/collections.ts';
import { createTestServices } from '../support/services.ts';
import { buildOrganisation, buildUser, TEST_PASSWORD } from '../support/factories.ts';

const PYTHON = process.env.TAXII2CLIENT_PYTHON ?? '/usr/bin/python3';
const env = { ...process.env, PYTHONPATH: process.env.TAXII2CLIENT_PATH ?? process.env.PYTHONPATH ?? '' };
const HAS_CLIENT = spawnSync(PYTHON, ['-c', 'import taxii2client'], { env }).status === 0;
if (!HAS_CLIENT) {
  console.warn(
    '\n*** TAXII CONFORMANCE SKIPPED: taxii2-client is not importable (set TAXII2CLIENT_PATH; see docs/taxii.md) ***\n',
  );
}

let services: Services;
let app: FastifyInstance;
let base: string;
let email: string;
let collectionId: string;

describe.skipIf(!HAS_CLIENT)('OASIS taxii2-client against Accord', () => {
  beforeAll(async () => {
    services = await createTestServices();
    app = await buildApp(services);
    base = (await app.listen({ host: '127.0.0.1', port: 0 })).replace('localhost', '127.0.0.1');
    const org = (await buildOrganisation(services)).id;
    const user = await buildUser(services, { organisationId: org, role: 'analyst' });
    email = user.email;
    const row = (await findUserById(services.ctx.db, user.id))!;
    const actor = {
      ...actorOf(row, await findMemberships(services.ctx.db, user.id), 'session'),
      isAdmin: true,
    };
    collectionId = (
      await createCollection(services.ctx, actor, {
        title: 'Conformance',
        ownerOrganisationId: org,
        defaultTlp: 'green',
      })
    ).id;
  });
  afterAll(async () => {
    await app?.close();
    await services?.close();
  });

  it('discovers, lists collections, adds 250 objects, and pages through all of them', async () => {
    // Asynchronous: the server answering the client runs in this very process.
    const script = resolve(import.meta.dirname, 'fixtures/taxii2client-check.py');
    const run = await promisify(execFile)(PYTHON, [script, base, email, TEST_PASSWORD, collectionId, '250'], {
      env,
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.stderr).not.toMatch(/Traceback/);
    const out = JSON.parse(run.stdout.trim().split('\n').at(-1)!) as {
      api_roots: string[];
      default: string;
      collections: { id: string; can_read: boolean; can_write: boolean }[];
      status: { status: string; success_count: number; failure_count: number; pending_count: number };
      paged: { pages: number; objects: number; unique: number };
      manifest: number;
      by_id: boolean;
      versions: string[];
      filtered: number;
    };
    expect(out.default).toBe(`${base}/taxii2/accord/`);
    expect(out.collections).toContainEqual({ id: collectionId, can_read: true, can_write: true });
    expect(out.status).toMatchObject({
      status: 'complete',
      success_count: 250,
      failure_count: 0,
      pending_count: 0,
    });
    expect(out.paged).toEqual({ pages: 3, objects: 250, unique: 250 });
    expect(out.manifest).toBe(250);
    expect(out.by_id).toBe(true);
    expect(out.versions).toEqual(['2026-11-30T10:00:00.000Z']);
    expect(out.filtered).toBe(5);
  });
});

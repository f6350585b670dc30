// The import API through Fastify inject(): upload as a raw body, 202 with the queued import, the job
// runs, then the import, its rejections (paged) and who may see them; size limit and bad input.
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Services } from '../../platform/services.ts';
import { buildApp } from '../../platform/http/app.ts';
import { JobRunner } from '../../platform/jobs/runner.ts';
import { createTestServices } from '../../../test/support/services.ts';
import {
  asSession,
  buildOrganisation,
  buildUser,
  loginAs,
  type Session,
} from '../../../test/support/factories.ts';
import { buildIndicator } from '../../../test/support/stix.ts';
import type { ImportView } from '../ingest/import-view.ts';

let services: Services;
let app: FastifyInstance;
let producer: { org: string; session: Session };
let stranger: { org: string; session: Session };
const dataDir = mkdtempSync(join(tmpdir(), 'accord-import-http-'));

async function member(country: string) {
  const org = (await buildOrganisation(services, { country })).id;
  const user = await buildUser(services, { organisationId: org, role: 'analyst' });
  return { org, session: await loginAs(app, user.email) };
}

beforeAll(async () => {
  services = await createTestServices({ config: { dataDir, importMaxBytes: 4096 } });
  app = await buildApp(services);
  producer = await member('NG');
  stranger = await member('ID');
});
afterAll(async () => {
  await app.close();
  await services.close();
});

function upload(query: string, body: string | Buffer, who = producer) {
  return app.inject({
    method: 'POST',
    url: `/api/v1/intel/imports?${query}`,
    payload: body,
    ...asSession(who.session),
    headers: { ...asSession(who.session).headers, 'content-type': 'application/octet-stream' },
  });
}

describe('POST /api/v1/intel/imports', () => {
  it('queues an uploaded bundle, runs it as a job and reports counts and rejections page by page', async () => {
    const objects = [
      buildIndicator({ pattern: "[ipv4-addr:value = '192.0.2.240']" }),
      { type: 'indicator', id: 'indicator--bad' },
      { type: 'indicator', id: 'indicator--worse' },
    ];
    const res = await upload('name=c2.json&tlp=amber+strict', JSON.stringify({ type: 'bundle', objects }));
    expect(res.statusCode).toBe(202);
    const queued = res.json<{ import: ImportView }>().import;
    expect(queued).toMatchObject({
      format: 'stix',
      fileName: 'c2.json',
      tlp: 'amber+strict',
      status: 'queued',
    });
    expect(readdirSync(join(dataDir, 'imports'))).toContain(queued.id);
    const runner = new JobRunner(services.ctx, services.jobHandlers);
    while (await runner.runOnce()) {
      // drain the queue
    }
    const done = (
      await app.inject({
        method: 'GET',
        url: `/api/v1/intel/imports/${queued.id}`,
        ...asSession(producer.session, false),
      })
    ).json<{ import: ImportView }>().import;
    expect(done).toMatchObject({ status: 'succeeded', counts: { added: 1, rejected: 2 } });
    const page1 = (
      await app.inject({
        method: 'GET',
        url: `/api/v1/intel/imports/${queued.id}/rejections?limit=1`,
        ...asSession(producer.session, false),
      })
    ).json<{ rejections: { locator: string }[]; next: string | null }>();
    expect(page1.rejections).toHaveLength(1);
    expect(page1.next).not.toBeNull();
    const page2 = (
      await app.inject({
        method: 'GET',
        url: `/api/v1/intel/imports/${queued.id}/rejections?limit=1&after=${page1.next}`,
        ...asSession(producer.session, false),
      })
    ).json<{ rejections: { locator: string }[]; next: string | null }>();
    expect(page2.rejections[0]?.locator).toMatch(/^objects\[2\]/);
    expect(page2.next).toBeNull();
    const stored = await services.ctx.db.query<{ tlp: string }>(
      "SELECT tlp FROM intel_objects WHERE raw LIKE '%192.0.2.240%'",
    );
    expect(stored.rows[0]?.tlp).toBe('amber+strict');
    const list = (
      await app.inject({ method: 'GET', url: '/api/v1/intel/imports', ...asSession(producer.session, false) })
    ).json<{ imports: ImportView[] }>();
    expect(list.imports.map((i) => i.id)).toContain(queued.id);
    expect(
      (
        await app.inject({
          method: 'GET',
          url: `/api/v1/intel/imports/${queued.id}`,
          ...asSession(stranger.session, false),
        })
      ).statusCode,
    ).toBe(404);
    expect(
      (
        await app.inject({
          method: 'GET',
          url: `/api/v1/intel/imports/${queued.id}/rejections`,
          ...asSession(stranger.session, false),
        })
      ).statusCode,
    ).toBe(404);
  });

  it('refuses a file over the size limit with 413 and keeps nothing of it', async () => {
    const before = readdirSync(join(dataDir, 'imports')).length;
    const res = await upload('format=csv', Buffer.alloc(10_000, 'a'));
    expect(res.statusCode).toBe(413);
    expect(res.json()).toMatchObject({ error: { code: 'INTEL_IMPORT_TOO_LARGE' } });
    expect(readdirSync(join(dataDir, 'imports'))).toHaveLength(before);
  });

  it('answers clear 400s for a bad TLP, an unknown preset, binary junk and an undetectable format', async () => {
    expect((await upload('tlp=purple', 'x')).json()).toMatchObject({ error: { code: 'VALIDATION_FAILED' } });
    expect((await upload('format=csv&preset=nope', '192.0.2.1\n')).json()).toMatchObject({
      error: { code: 'INTEL_IMPORT_MAPPING_INVALID' },
    });
    expect((await upload('', Buffer.from([0, 1, 2, 255, 254]))).json()).toMatchObject({
      error: { code: 'INTEL_IMPORT_FORMAT_UNKNOWN' },
    });
    expect((await upload('', '{"hello": "world"}')).json()).toMatchObject({
      error: { code: 'INTEL_IMPORT_FORMAT_UNKNOWN' },
    });
    expect((await upload('audience=not-a-uuid', 'x')).statusCode).toBe(400);
  });

  it('refuses to import for an organisation the user does not belong to', async () => {
    const res = await upload(`organisation=${producer.org}`, '192.0.2.1\n', stranger);
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ error: { code: 'FORBIDDEN' } });
  });
});

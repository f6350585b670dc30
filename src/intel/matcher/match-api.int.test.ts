// /api/v1/intel/match over HTTP (inject): a JSON batch and a streamed log, both answering only what
// the caller may see (a reader outside an AMBER audience never learns of its hit), sightings on
// request (refused to readers), and the unmatchable indicators with their reasons.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../platform/http/app.ts';
import type { Services } from '../../platform/services.ts';
import type { Tlp } from '../../platform/access/tlp-policy.ts';
import { insertObjectVersion } from '../store.ts';
import { ingestStixObjects } from '../ingest/ingest-batch.ts';
import { createTestServices } from '../../../test/support/services.ts';
import {
  asSession,
  buildOrganisation,
  buildUser,
  loginAs,
  type Session,
} from '../../../test/support/factories.ts';

let services: Services;
let app: FastifyInstance;
let producer: { org: string; session: Session };
let outsider: { org: string; session: Session };
let reader: { org: string; session: Session };
let amber: string;
let green: string;
let redForOutsider: string;
let qualified: string;

async function indicator(org: string, tlp: Tlp, pattern: string, audienceUserIds: string[] = []) {
  const stixId = `indicator--${randomUUID()}`;
  await insertObjectVersion(services.ctx.db, {
    stixId,
    type: 'indicator',
    specVersion: '2.1',
    created: '2026-11-01T00:00:00.000Z',
    modified: '2026-11-01T00:00:00.000Z',
    revoked: false,
    validFrom: null,
    validUntil: null,
    createdByRef: null,
    producerOrganisationId: org,
    authorUserId: null,
    tlp,
    audienceOrganisationIds: [],
    audienceUserIds,
    name: `${tlp} indicator`,
    labels: [],
    dedupeKey: null,
    raw: JSON.stringify({ type: 'indicator', id: stixId, pattern, pattern_type: 'stix' }),
  });
  return stixId;
}

async function member(country: string, role: 'analyst' | 'reader' = 'analyst') {
  // The actor is built like the auth hook does, for the ingest core (no HTTP needed there).
  const org = (await buildOrganisation(services, { country })).id;
  const user = await buildUser(services, { organisationId: org, role });
  const actor = {
    userId: user.id,
    isAdmin: false,
    via: 'session' as const,
    memberships: [{ organisationId: org, role, country }],
  };
  return { org, user: user.id, actor, session: await loginAs(app, user.email) };
}

beforeAll(async () => {
  services = await createTestServices();
  app = await buildApp(services);
  const p = await member('FR');
  const o = await member('GH');
  producer = p;
  outsider = o;
  reader = await member('JP', 'reader');
  amber = await indicator(p.org, 'amber', "[domain-name:value = 'evil.example']");
  green = await indicator(p.org, 'green', "[ipv4-addr:value = '203.0.113.0/24']");
  redForOutsider = await indicator(p.org, 'red', "[ipv4-addr:value = '203.0.113.67']", [o.user]);
  qualified = await indicator(p.org, 'amber', "[ipv4-addr:value = '192.0.2.1'] REPEATS 3 TIMES");
  await (await services.matcher()).catchUp();
});
afterAll(async () => {
  await app.close();
  await services.close();
});

type Hit = { observable: string; indicators: Array<{ id: string; tlp: string }> };
const batch = (who: { session: Session }, values: string[], query = '') =>
  app.inject({
    method: 'POST',
    url: `/api/v1/intel/match${query}`,
    payload: { observables: values.map((value) => ({ value })) },
    ...asSession(who.session),
  });

describe('POST /api/v1/intel/match', () => {
  it('answers hits for the producer and hides the AMBER hit from an outsider', async () => {
    const values = ['www.evil.example', '203.0.113.9', 'not a value!'];
    const mine = (await batch(producer, values)).json<{
      hits: Hit[];
      summary: { hits: number; malformed: { invalidValues: number } };
    }>();
    expect(mine.hits.map((h) => [h.observable, h.indicators.map((i) => i.id)])).toEqual([
      ['www.evil.example', [amber]],
      ['203.0.113.9', [green]],
    ]);
    expect(mine.summary.malformed.invalidValues).toBe(1);
    const theirs = (await batch(outsider, values)).json<{ hits: Hit[]; summary: { hits: number } }>();
    expect(theirs.hits.map((h) => h.observable)).toEqual(['203.0.113.9']);
    expect(theirs.summary.hits).toBe(1);
    expect(JSON.stringify(theirs)).not.toContain(amber);
  });

  it('shows a RED hit only to the user named in its audience, most specific first', async () => {
    const named = (await batch(outsider, ['203.0.113.67'])).json<{ hits: Hit[] }>();
    expect(named.hits[0]!.indicators.map((i) => i.id)).toEqual([redForOutsider, green]);
    const producerView = (await batch(producer, ['203.0.113.67'])).json<{ hits: Hit[] }>();
    expect(producerView.hits[0]!.indicators.map((i) => i.id)).toEqual([green]);
  });

  it('rejects a bad batch naming the field, and refuses sightings to a reader', async () => {
    const bad = await app.inject({
      method: 'POST',
      url: '/api/v1/intel/match',
      payload: { observables: [{ kind: 'mac', value: 'x' }] },
      ...asSession(producer.session),
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('kind');
    const refused = await batch(reader, ['203.0.113.9'], '?record=sighting');
    expect(refused.statusCode).toBe(403);
    const unauthenticated = await app.inject({
      method: 'POST',
      url: '/api/v1/intel/match',
      payload: { observables: [{ value: '203.0.113.9' }] },
    });
    expect(unauthenticated.statusCode).toBe(401);
  });
});

describe('POST /api/v1/intel/match/log', () => {
  const eve = readFileSync(resolve(import.meta.dirname, 'fixtures/suricata-eve.jsonl'));

  it('streams JSON lines of visible hits then the summary, and records sightings', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/intel/match/log?record=sighting',
      payload: eve,
      headers: { 'content-type': 'application/octet-stream', 'x-csrf-token': outsider.session.csrf },
      cookies: { accord_session: outsider.session.cookie },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('application/x-ndjson');
    const lines = res.body
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    const { summary } = lines.pop() as {
      summary: { format: string; hits: number; sightingsRecorded: number; malformed: { unreadable: number } };
    };
    const hits = lines as Hit[];
    expect(summary).toMatchObject({ format: 'eve', hits: hits.length, malformed: { unreadable: 1 } });
    expect(hits.length).toBeGreaterThan(0);
    expect(res.body).not.toContain(amber);
    expect(res.body).not.toContain('"c2.evil.example"');
    expect(summary.sightingsRecorded).toBe(2);
    const recorded = await services.ctx.db.query(
      "SELECT 1 FROM intel_sightings WHERE source = 'api match upload' AND producer_organisation_id = $1",
      [outsider.org],
    );
    expect(recorded.rowCount).toBe(2);
  });

  it('takes plain text with format=text', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/intel/match/log?format=text',
      payload: 'seen hxxp://c2[.]evil[.]example/gate and 203.0.113.200\n',
      headers: { 'content-type': 'text/plain', 'x-csrf-token': producer.session.csrf },
      cookies: { accord_session: producer.session.cookie },
    });
    expect(res.statusCode, res.body).toBe(200);
    const ids = res.body
      .trim()
      .split('\n')
      .slice(0, -1)
      .flatMap((l) => (JSON.parse(l) as Hit).indicators.map((i) => i.id));
    expect(new Set(ids)).toEqual(new Set([amber, green]));
  });
});

describe('GET /api/v1/intel/match/unmatchable', () => {
  it('lists the unmatchable indicators the caller may see, with the reason', async () => {
    const mine = (
      await app.inject({
        method: 'GET',
        url: '/api/v1/intel/match/unmatchable',
        ...asSession(producer.session, false),
      })
    ).json<{
      indicators: Array<{ id: string; reason: string }>;
    }>();
    expect(mine.indicators).toEqual([expect.objectContaining({ id: qualified, reason: 'qualified' })]);
    const theirs = (
      await app.inject({
        method: 'GET',
        url: '/api/v1/intel/match/unmatchable',
        ...asSession(outsider.session, false),
      })
    ).json<{
      indicators: unknown[];
    }>();
    expect(theirs.indicators).toEqual([]);
  });
});

describe('GET /api/v1/intel/match/status', () => {
  it('gives administrators the index counts and refuses others', async () => {
    const denied = await app.inject({
      method: 'GET',
      url: '/api/v1/intel/match/status',
      ...asSession(producer.session, false),
    });
    expect(denied.statusCode).toBe(403);
    const org = (await buildOrganisation(services, { country: 'CH' })).id;
    const admin = await buildUser(services, { organisationId: org, isAdmin: true });
    const session = await loginAs(app, admin.email);
    const status = (
      await app.inject({ method: 'GET', url: '/api/v1/intel/match/status', ...asSession(session, false) })
    ).json<{
      objects: number;
      unmatchable: number;
      lastPk: number;
      rebuilding: boolean;
    }>();
    expect(status).toMatchObject({ objects: 4, unmatchable: 1, rebuilding: false });
    expect(status.lastPk).toBeGreaterThan(0);
  });
});

describe('following the store', () => {
  it('finds an indicator written by the ingest core without any explicit catch-up (accord_intel_written)', async () => {
    const p = await member('NL');
    const id = 'indicator--0f5e3c1a-2b4d-4e6f-8a9b-0c1d2e3f4a5b';
    const result = await ingestStixObjects(
      services.ctx,
      p.actor,
      [
        {
          type: 'indicator',
          spec_version: '2.1',
          id,
          created: '2026-11-30T00:00:00.000Z',
          modified: '2026-11-30T00:00:00.000Z',
          pattern: "[url:value = 'http://late.example/gate.php']",
          pattern_type: 'stix',
          valid_from: '2026-11-30T00:00:00.000Z',
        },
      ],
      { producerOrganisationId: p.org, authorUserId: p.user, defaultTlp: 'green', source: { kind: 'api' } },
    );
    expect(result.counts.added).toBe(1);
    await expect
      .poll(
        async () =>
          (await batch(outsider, ['http://LATE.example/gate.php'])).json<{ hits: Hit[] }>().hits.length,
      )
      .toBe(1);
  });
});

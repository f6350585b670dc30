// The legal API on the built-in dataset: answers with explanations, every problem of a bad question,
// and what-if that changes nothing stored.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/platform/http/app.ts';
import type { Services } from '../../src/platform/services.ts';
import { createTestServices } from '../support/services.ts';
import { asSession, buildOrganisation, buildUser, loginAs, type Session } from '../support/factories.ts';

let services: Services;
let app: FastifyInstance;
let session: Session;
beforeAll(async () => {
  services = await createTestServices({ now: () => new Date('2026-11-22T10:00:00Z') });
  app = await buildApp(services);
  session = await loginAs(
    app,
    (await buildUser(services, { organisationId: (await buildOrganisation(services)).id, role: 'reader' }))
      .email,
  );
});
afterAll(async () => {
  await app.close();
  await services.close();
});
const get = (url: string) => app.inject({ method: 'GET', url, ...asSession(session, false) });

describe('legal API', () => {
  it('answers a basis with its explanation and sources, dated today by default', async () => {
    const res = await get('/api/v1/legal/basis?from=FR&to=JP&offence=illegal-access&measure=preservation');
    const body = res.json<{
      answer: string;
      bases: string[];
      date: string;
      explanation: { instrument: string; conditions: { facts: { source?: string }[] }[] }[];
    }>();
    expect(body).toMatchObject({ answer: 'yes', bases: ['coe-ets-185'], date: '2026-11-22' });
    const budapest = body.explanation.find((e) => e.instrument === 'coe-ets-185');
    expect(budapest?.conditions[0]?.facts.every((f) => f.source?.startsWith('http'))).toBe(true);
  });

  it('reports what the dataset rests on, and rejects a malformed cut-off date', async () => {
    const res = await get('/api/v1/legal/sources?olderThan=2100-01-01');
    expect(res.statusCode).toBe(200);
    const body = res.json<{
      laws: { total: number };
      jurisdictions: { withBudapestOffences: number };
      unsourced: number;
      olderThan: { laws: number };
    }>();
    expect(body.unsourced).toBe(0);
    expect(body.jurisdictions.withBudapestOffences).toBeGreaterThanOrEqual(190);
    expect(body.olderThan.laws).toBe(body.laws.total);
    const bad = await get('/api/v1/legal/sources?olderThan=yesterday');
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ error: { details: { path: string }[] } }>().error.details[0]?.path).toBe('olderThan');
  });

  it('requires a login', async () => {
    expect((await app.inject({ method: 'GET', url: '/api/v1/legal/jurisdictions' })).statusCode).toBe(401);
  });

  it('lists every problem of a bad question with a 400', async () => {
    const res = await get('/api/v1/legal/basis?from=ZZ&to=ZZ&offence=spam&measure=arrest&date=2026-13-01');
    expect(res.statusCode).toBe(400);
    const paths = res.json<{ error: { details: { path: string }[] } }>().error.details.map((d) => d.path);
    expect(paths).toEqual(expect.arrayContaining(['from', 'to', 'offence.0', 'measure.0', 'date']));
  });

  it('gives the matrix and havens with reach for a chosen offence and measure', async () => {
    const m = (await get('/api/v1/legal/matrix?offence=illegal-access&measure=preservation')).json<{
      jurisdictions: string[];
      answers: Record<string, Record<string, string>>;
    }>();
    expect(m.jurisdictions).toHaveLength(249);
    expect(m.answers.FR?.JP).toBe('yes');
    const h = (await get('/api/v1/legal/havens?offence=illegal-access&measure=preservation')).json<{
      havens: { jurisdiction: string }[];
      reach: Record<string, number>;
    }>();
    expect(h.havens.map((x) => x.jurisdiction)).toContain('RU');
    expect(h.reach.FR).toBeGreaterThan(0.2);
  });

  it('answers a what-if without storing it', async () => {
    const body = {
      offence: 'illegal-access',
      measure: 'preservation',
      accessions: [{ jurisdiction: 'KE', instrument: 'coe-ets-185' }],
    };
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/legal/what-if',
      ...asSession(session),
      payload: body,
    });
    const r = res.json<{
      before: { coverage: number };
      after: { coverage: number };
      changedPairs: { from: string; to: string }[];
    }>();
    expect(r.after.coverage).toBeGreaterThan(r.before.coverage);
    expect(r.changedPairs.some((p) => p.from === 'KE' || p.to === 'KE')).toBe(true);
    const again = (
      await app.inject({
        method: 'POST',
        url: '/api/v1/legal/what-if',
        ...asSession(session),
        payload: { ...body, accessions: [] },
      })
    ).json<{ before: { coverage: number } }>();
    expect(again.before.coverage).toBe(r.before.coverage);
    const bad = await app.inject({
      method: 'POST',
      url: '/api/v1/legal/what-if',
      ...asSession(session),
      payload: { ...body, accessions: [{ jurisdiction: 'KE', instrument: 'nope' }] },
    });
    expect(bad.statusCode).toBe(404);
  });

  it('recommends accessions and plans cooperation', async () => {
    const rec = (await get('/api/v1/legal/recommend?offence=illegal-access&measure=preservation&k=3')).json<{
      recommendations: { gain: number }[];
    }>();
    expect(rec.recommendations).toHaveLength(3);
    // Greedy gains need not shrink: once a state joins, the next joiner also gains a pair with it.
    expect(rec.recommendations.every((r) => r.gain > 0)).toBe(true);
    const plan = (await get('/api/v1/legal/plan?victim=FR&countries=NG,RU,BR&offence=computer-fraud')).json<{
      countries: { country: string }[];
    }>();
    expect(plan.countries.map((c) => c.country)).toEqual(['NG', 'RU', 'BR']);
  });
});

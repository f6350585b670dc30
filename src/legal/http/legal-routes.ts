// /api/v1/legal: the legal basis, matrices, havens, recommendations, plans, dataset browsing and
// what-if, on the built-in dataset. What-if changes live only in the request: nothing is stored.
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Ctx } from '../../platform/context.ts';
import { requireAuth } from '../../platform/http/auth-hook.ts';
import { AppError } from '../../platform/errors/app-error.ts';
import { loadBuiltInWorld, loadExampleWorld, EXAMPLE_WORLDS } from '../dataset-files.ts';
import { usableFacts } from '../world.ts';
import { checkOlderThan, checkQuery } from '../query.ts';
import { sourcesReport } from '../sources-report.ts';
import { basis } from '../basis.ts';
import { computeMatrix, presentMatrix } from '../matrix.ts';
import { indexWorld } from '../world-index.ts';
import { findHavens, reachOf } from '../havens.ts';
import { recommendAccessions } from '../accession.ts';
import { planCooperation } from '../plan.ts';
import { whatIf } from '../what-if.ts';
import { lawSchema } from '../schemas.ts';

const csv = (v: string | undefined) =>
  v
    ?.split(',')
    .map((s) => s.trim())
    .filter(Boolean);
const flag = z
  .enum(['true', 'false'])
  .optional()
  .transform((v) => v === 'true');
const worldParam = z.enum(['builtin', ...EXAMPLE_WORLDS]).default('builtin');
const common = { date: z.string().optional(), includeLowConfidence: flag, world: worldParam };

export function legalRoutes(ctx: Ctx): FastifyPluginAsync {
  return async (base) => {
    const app = base.withTypeProvider<ZodTypeProvider>();
    // `world` picks the built-in dataset or one of the shipped example worlds (five-plus-one).
    const pick = (name: string) => (name === 'builtin' ? loadBuiltInWorld() : loadExampleWorld(name));
    const worldFor = (low: boolean, name = 'builtin') => usableFacts(pick(name), low);

    app.get(
      '/jurisdictions',
      {
        schema: {
          tags: ['legal'],
          summary: 'Every jurisdiction of the dataset',
          querystring: z.object({ world: worldParam }),
        },
      },
      async (request) => {
        requireAuth(request);
        return { jurisdictions: pick(request.query.world).jurisdictions };
      },
    );
    app.get(
      '/instruments',
      {
        schema: {
          tags: ['legal'],
          summary: 'The cooperation instruments, with their parties, dates, scope and sources',
          querystring: z.object({ world: worldParam }),
        },
      },
      async (request) => {
        requireAuth(request);
        return { instruments: pick(request.query.world).instruments };
      },
    );
    app.get(
      '/instruments/:id',
      {
        schema: { tags: ['legal'], summary: 'One instrument', params: z.object({ id: z.string().max(100) }) },
      },
      async (request) => {
        requireAuth(request);
        const inst = loadBuiltInWorld().instruments.find((i) => i.id === request.params.id);
        if (!inst) {
          throw new AppError('LEGAL_UNKNOWN_INSTRUMENT', `no instrument ${request.params.id}`);
        }
        return inst;
      },
    );
    app.get(
      '/laws',
      {
        schema: {
          tags: ['legal'],
          summary: 'National law rows with their sources',
          querystring: z.object({
            jurisdiction: z
              .string()
              .regex(/^[A-Z]{2}$/)
              .optional(),
          }),
        },
      },
      async (request) => {
        requireAuth(request);
        return {
          laws: loadBuiltInWorld().laws.filter(
            (l) => !request.query.jurisdiction || l.jurisdiction === request.query.jurisdiction,
          ),
        };
      },
    );

    app.get(
      '/sources',
      {
        schema: {
          tags: ['legal'],
          summary:
            'What the dataset rests on: facts by kind and confidence, coverage, unsourced and stale facts',
          querystring: z.object({ olderThan: z.string().optional() }),
        },
      },
      async (request) => {
        requireAuth(request);
        return sourcesReport(loadBuiltInWorld(), checkOlderThan(request.query.olderThan));
      },
    );

    app.get(
      '/basis',
      {
        schema: {
          tags: ['legal'],
          summary: 'The legal basis for a request from one state to another, explained',
          querystring: z.object({
            from: z.string().optional(),
            to: z.string().optional(),
            offence: z.string().optional(),
            measure: z.string().optional(),
            suspectNational: flag,
            ...common,
          }),
        },
      },
      async (request) => {
        requireAuth(request);
        const qs = request.query;
        const world = worldFor(qs.includeLowConfidence, qs.world);
        const q = checkQuery(
          world,
          { from: qs.from, to: qs.to, offences: csv(qs.offence), measures: csv(qs.measure), date: qs.date },
          ctx.now(),
          ['from', 'to', 'offence', 'measure'],
        );
        return basis(world, {
          from: q.from,
          to: q.to,
          offence: q.offences[0]!,
          measure: q.measures[0]!,
          date: q.date,
          suspectNational: qs.suspectNational,
        });
      },
    );

    app.get(
      '/matrix',
      {
        schema: {
          tags: ['legal'],
          summary: 'Every ordered pair for an offence and a measure: answers[R][Q] is R asking Q',
          querystring: z.object({
            offence: z.string().optional(),
            measure: z.string().optional(),
            ...common,
          }),
        },
      },
      async (request) => {
        requireAuth(request);
        const world = worldFor(request.query.includeLowConfidence, request.query.world);
        const q = checkQuery(
          world,
          {
            offences: csv(request.query.offence),
            measures: csv(request.query.measure),
            date: request.query.date,
          },
          ctx.now(),
          ['offence', 'measure'],
        );
        const ix = indexWorld(world);
        return {
          offence: q.offences[0],
          measure: q.measures[0],
          date: q.date,
          jurisdictions: ix.codes,
          ...presentMatrix(ix, computeMatrix(ix, q.offences[0]!, q.measures[0]!, q.date)),
        };
      },
    );

    app.get(
      '/havens',
      {
        schema: {
          tags: ['legal'],
          summary: 'Havens and the reach of every state (rule 6)',
          querystring: z.object({
            offence: z.string().optional(),
            measure: z.string().optional(),
            threshold: z.coerce.number().optional(),
            ...common,
          }),
        },
      },
      async (request) => {
        requireAuth(request);
        const world = worldFor(request.query.includeLowConfidence, request.query.world);
        const q = checkQuery(
          world,
          {
            offences: csv(request.query.offence),
            measures: csv(request.query.measure),
            date: request.query.date,
            threshold: request.query.threshold,
          },
          ctx.now(),
          ['offence', 'measure'],
        );
        const ix = indexWorld(world);
        const m = computeMatrix(ix, q.offences[0]!, q.measures[0]!, q.date);
        const reach = Object.fromEntries(ix.codes.map((c, i) => [c, reachOf(ix, m, i)]));
        return {
          date: q.date,
          threshold: q.threshold,
          havens: findHavens(ix, q.offences[0]!, q.measures[0]!, q.date, q.threshold, m),
          reach,
        };
      },
    );

    app.get(
      '/recommend',
      {
        schema: {
          tags: ['legal'],
          summary: 'Accessions that close most gaps, greedily (rule 7)',
          querystring: z.object({
            offence: z.string().optional(),
            measure: z.string().optional(),
            k: z.coerce.number().optional(),
            ...common,
          }),
        },
      },
      async (request) => {
        requireAuth(request);
        const world = worldFor(request.query.includeLowConfidence, request.query.world);
        const q = checkQuery(
          world,
          {
            offences: csv(request.query.offence),
            measures: csv(request.query.measure),
            date: request.query.date,
            k: request.query.k,
          },
          ctx.now(),
          ['offence', 'measure'],
        );
        return {
          date: q.date,
          recommendations: recommendAccessions(
            world,
            q.offences.flatMap((offence) => q.measures.map((measure) => ({ offence, measure }))),
            q.date,
            q.k,
          ),
        };
      },
    );

    app.get(
      '/plan',
      {
        schema: {
          tags: ['legal'],
          summary: 'For a victim and the countries an attack spans: what each allows and what to do',
          querystring: z.object({
            victim: z.string().optional(),
            countries: z.string().optional(),
            offence: z.string().optional(),
            ...common,
          }),
        },
      },
      async (request) => {
        requireAuth(request);
        const world = worldFor(request.query.includeLowConfidence, request.query.world);
        const q = checkQuery(
          world,
          {
            from: request.query.victim,
            countries: csv(request.query.countries),
            offences: csv(request.query.offence),
            date: request.query.date,
          },
          ctx.now(),
          ['from', 'offence', 'countries'],
        );
        return {
          victim: q.from,
          offence: q.offences[0],
          date: q.date,
          countries: planCooperation(world, q.from, q.countries, q.offences[0]!, q.date),
        };
      },
    );

    app.post(
      '/what-if',
      {
        schema: {
          tags: ['legal'],
          summary: 'Hypothetical accessions and law changes: the changed coverage and havens (never stored)',
          body: z.object({
            offence: z.string(),
            measure: z.string(),
            date: z.string().optional(),
            threshold: z.number().optional(),
            includeLowConfidence: z.boolean().default(false),
            world: worldParam,
            accessions: z
              .array(
                z.object({
                  jurisdiction: z.string().regex(/^[A-Z]{2}$/),
                  instrument: z.string(),
                  from: z.string().optional(),
                }),
              )
              .max(500)
              .default([]),
            laws: z.array(lawSchema).max(5000).default([]),
          }),
        },
      },
      async (request) => {
        requireAuth(request);
        const b = request.body;
        const world = worldFor(b.includeLowConfidence, b.world);
        const q = checkQuery(
          world,
          {
            offences: [b.offence],
            measures: [b.measure],
            date: b.date,
            threshold: b.threshold,
            countries: b.accessions.map((a) => a.jurisdiction),
          },
          ctx.now(),
          ['offence', 'measure'],
        );
        const unknown = b.accessions
          .map((a, i) => ({ a, i }))
          .filter(({ a }) => !world.instruments.some((inst) => inst.id === a.instrument));
        if (unknown.length > 0) {
          throw new AppError(
            'LEGAL_UNKNOWN_INSTRUMENT',
            `unknown instrument(s): ${unknown.map(({ a }) => a.instrument).join(', ')}`,
            unknown.map(({ a, i }) => ({
              path: `accessions.${i}.instrument`,
              reason: `no instrument ${a.instrument}`,
            })),
          );
        }
        return {
          date: q.date,
          ...whatIf(
            world,
            { accessions: b.accessions, laws: b.laws },
            q.offences[0]!,
            q.measures[0]!,
            q.date,
            q.threshold,
          ),
        };
      },
    );
  };
}

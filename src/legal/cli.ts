// `accord legal basis|matrix|havens|recommend|plan|sources`: computed from the built-in dataset or a --world
// file alone, without a database. The --json shapes are a contract (docs/cli.md).
import type { Command } from 'commander';
import { printResult, type CliIO } from '../platform/cli/io.ts';
import { loadBuiltInWorld, loadWorldFile } from './dataset-files.ts';
import { usableFacts } from './world.ts';
import { basis } from './basis.ts';
import { matrix } from './matrix.ts';
import { havens as findHavens } from './havens.ts';
import { recommend } from './accession.ts';
import { plan } from './plan.ts';
import { checkQuery, type QueryInput } from './query.ts';
import { renderBasis, renderHavens, renderMatrix, renderPlan, renderRecommendations } from './render.ts';
import { sourcesReport } from './sources-report.ts';
import { renderSources } from './render-sources.ts';
import { checkOlderThan } from './query.ts';

type Common = { date?: string; world?: string; json?: boolean; includeLowConfidence?: boolean };
const list = (v: string) =>
  v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

function worldFor(opts: Common) {
  return usableFacts(
    opts.world ? loadWorldFile(opts.world) : loadBuiltInWorld(),
    Boolean(opts.includeLowConfidence),
  );
}

function withCommon(cmd: Command): Command {
  return cmd
    .option('--date <YYYY-MM-DD>', 'the day the question is about (default: today, UTC)')
    .option('--world <file>', 'compute from this world file instead of the built-in dataset')
    .option('--include-low-confidence', 'also use facts of low confidence')
    .option('--json', 'machine-readable output');
}

export function registerLegalCommands(program: Command, io: CliIO, now: () => Date = () => new Date()): void {
  const legal = program
    .command('legal')
    .description('the legal basis between countries, coverage, havens and accessions');

  withCommon(
    legal
      .command('basis')
      .description('the legal basis for a request from one state to another')
      .requiredOption('--from <R>', 'requesting state')
      .requiredOption('--to <Q>', 'requested state')
      .requiredOption('--offence <O>', 'offence slug')
      .requiredOption('--measure <M>', 'measure slug')
      .option('--suspect-national', 'the suspect is a national of the requested state'),
  ).action(
    (
      opts: Common & {
        from: string;
        to: string;
        offence: string;
        measure: string;
        suspectNational?: boolean;
      },
    ) => {
      const world = worldFor(opts);
      const q = checkQuery(
        world,
        { from: opts.from, to: opts.to, offences: [opts.offence], measures: [opts.measure], date: opts.date },
        now(),
        ['from', 'to', 'offence', 'measure'],
      );
      const a = basis(world, {
        from: q.from,
        to: q.to,
        offence: q.offences[0]!,
        measure: q.measures[0]!,
        date: q.date,
        suspectNational: Boolean(opts.suspectNational),
      });
      printResult(
        io,
        opts.json,
        {
          answer: a.answer,
          bases: a.bases,
          reasons: a.reasons,
          alternative: a.alternative,
          date: a.date,
          explanation: a.explanation,
        },
        () =>
          renderBasis(a, {
            from: q.from,
            to: q.to,
            offence: opts.offence,
            measure: opts.measure,
            dateDefaulted: q.dateDefaulted,
          }),
      );
    },
  );

  withCommon(
    legal
      .command('matrix')
      .description('every pair of states: coverage of an offence and a measure')
      .requiredOption('--offence <O>', 'offence slug')
      .requiredOption('--measure <M>', 'measure slug'),
  ).action((opts: Common & { offence: string; measure: string }) => {
    const world = worldFor(opts);
    const q = checkQuery(
      world,
      { offences: [opts.offence], measures: [opts.measure], date: opts.date },
      now(),
      ['offence', 'measure'],
    );
    const m = matrix(world, q.offences[0]!, q.measures[0]!, q.date);
    printResult(io, opts.json, m, () => renderMatrix(m, q.dateDefaulted));
  });

  withCommon(
    legal
      .command('havens')
      .description('states the offence or cooperation does not reach (rule 6)')
      .requiredOption('--offence <O>', 'offence slug')
      .requiredOption('--measure <M>', 'measure slug')
      .option('--threshold <τ>', 'reach below which a state is isolated', (v) => Number(v), 0.5),
  ).action((opts: Common & { offence: string; measure: string; threshold: number }) => {
    const world = worldFor(opts);
    const q = checkQuery(
      world,
      { offences: [opts.offence], measures: [opts.measure], date: opts.date, threshold: opts.threshold },
      now(),
      ['offence', 'measure'],
    );
    const havens = findHavens(world, q.offences[0]!, q.measures[0]!, q.date, q.threshold);
    printResult(io, opts.json, { date: q.date, threshold: q.threshold, havens }, () =>
      renderHavens(havens, q.date, q.dateDefaulted),
    );
  });

  withCommon(
    legal
      .command('recommend')
      .description('the accessions that close most gaps, greedily (rule 7)')
      .requiredOption('--offence <O[,O…]>', 'offence slugs')
      .requiredOption('--measure <M[,M…]>', 'measure slugs')
      .option('--k <n>', 'how many recommendations', (v) => Number(v), 5),
  ).action((opts: Common & { offence: string; measure: string; k: number }) => {
    const world = worldFor(opts);
    const q = checkQuery(
      world,
      { offences: list(opts.offence), measures: list(opts.measure), date: opts.date, k: opts.k },
      now(),
      ['offence', 'measure'],
    );
    const recommendations = recommend(world, q.offences, q.measures, q.date, q.k);
    printResult(io, opts.json, { date: q.date, recommendations }, () =>
      renderRecommendations(recommendations, q.date, q.dateDefaulted),
    );
  });

  legal
    .command('sources')
    .description(
      'what the dataset rests on: facts by kind and confidence, coverage, unsourced and stale facts',
    )
    .option('--older-than <YYYY-MM-DD>', 'also list law facts last checked before this date')
    .option('--world <file>', 'report on this world file instead of the built-in dataset')
    .option('--json', 'machine-readable output')
    .action((opts: { olderThan?: string; world?: string; json?: boolean }) => {
      // Every fact, low confidence included: the report is about the data, not an answer.
      const world = opts.world ? loadWorldFile(opts.world) : loadBuiltInWorld();
      const report = sourcesReport(world, checkOlderThan(opts.olderThan));
      printResult(io, opts.json, report, () => renderSources(report));
    });

  withCommon(
    legal
      .command('plan')
      .description('for a victim state and the countries an attack spans: what each allows, and what to do')
      .requiredOption('--victim <V>', 'the victim state')
      .requiredOption('--countries <A,B,C>', 'the countries involved')
      .requiredOption('--offence <O>', 'offence slug'),
  ).action((opts: Common & { victim: string; countries: string; offence: string }) => {
    const world = worldFor(opts);
    const input: QueryInput = {
      victim: opts.victim,
      countries: list(opts.countries),
      offences: [opts.offence],
      date: opts.date,
    };
    const q = checkQuery(world, input, now(), ['victim', 'offence', 'countries']);
    const plans = plan(world, q.victim, q.countries, q.offences[0]!, q.date);
    printResult(
      io,
      opts.json,
      { victim: q.victim, offence: q.offences[0], date: q.date, countries: plans },
      () => renderPlan(plans, q.date, q.dateDefaulted),
    );
  });
}

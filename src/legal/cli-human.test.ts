// The legal CLI for people: readable answers with their sources and dates, the injected clock, the
// low-confidence switch, and bad questions naming each problem.
import { join } from 'node:path';
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { bufferIO } from '../platform/cli/io.ts';
import { DATASET_DIR } from './dataset-files.ts';
import { registerLegalCommands } from './cli.ts';
import { runLegal as run } from './test-support/run-cli.ts';

const world = join(DATASET_DIR, 'examples/five-plus-one.json');

describe('accord legal, for people', () => {
  it('basis without --json: the answer, the bases, each condition with its facts and sources, the date', async () => {
    const res = await run(
      'legal',
      'basis',
      '--from',
      'FR',
      '--to',
      'JP',
      '--offence',
      'illegal-access',
      '--measure',
      'preservation',
      '--date',
      '2026-11-22',
    );
    expect(res.code).toBe(0);
    expect(res.out).toContain('FR asking JP for preservation (illegal-access): YES');
    expect(res.out).toContain('date: 2026-11-22');
    expect(res.out).toContain('basis: coe-ets-185');
    expect(res.out).toContain('- dual-criminality: not-required');
    expect(res.out).toMatch(
      /FR is a party to coe-ets-185 from 2006-05-01 .*\[high confidence\] <https?:\/\//,
    );
    expect(res.out).toContain('instruments that do not apply:');
  });

  it('defaults the date to today (UTC) from the injected clock, and says so', async () => {
    const io = bufferIO();
    const program = new Command('accord').exitOverride();
    registerLegalCommands(program, io, () => new Date('2026-03-04T23:30:00-05:00'));
    const args = [
      'legal',
      'basis',
      '--from',
      'AA',
      '--to',
      'BB',
      '--offence',
      'csam',
      '--measure',
      'mla',
      '--world',
      world,
    ];
    await program.parseAsync([...args, '--json'], { from: 'user' });
    expect(JSON.parse(io.out.join(''))).toMatchObject({ date: '2026-03-05' });
    await program.parseAsync(args, { from: 'user' });
    expect(io.out[1]).toContain('date: 2026-03-05 (today, UTC');
  });

  it('leaves low-confidence parties out unless --include-low-confidence', async () => {
    const args = [
      'legal',
      'basis',
      '--from',
      'JO',
      '--to',
      'MR',
      '--offence',
      'illegal-access',
      '--measure',
      'preservation',
      '--date',
      '2026-11-22',
      '--json',
    ];
    expect((await run(...args)).json()).toMatchObject({ answer: 'no', reasons: ['no-common-instrument'] });
    expect((await run(...args, '--include-low-confidence')).json()).toMatchObject({
      answer: 'yes',
      bases: ['las-arab-ito-2010'],
    });
  });

  it('prints matrix, havens, recommend and plan for people, each with its date', async () => {
    const common = ['--date', '2026-01-01', '--world', world];
    const matrixOut = await run(
      'legal',
      'matrix',
      '--offence',
      'illegal-access',
      '--measure',
      'mla',
      ...common,
    );
    expect(matrixOut.out).toContain('coverage 73.3% of 30 ordered pairs');
    const havensOut = await run(
      'legal',
      'havens',
      '--offence',
      'illegal-access',
      '--measure',
      'mla',
      ...common,
    );
    expect(havensOut.out).toContain('FF  reach 20.0%  isolated');
    const recOut = await run(
      'legal',
      'recommend',
      '--offence',
      'illegal-access',
      '--measure',
      'mla',
      ...common,
    );
    expect(recOut.out).toContain('1. FF joins five-state-convention: +8 ordered pairs with a basis');
    const planOut = await run(
      'legal',
      'plan',
      '--victim',
      'AA',
      '--countries',
      'BB',
      '--offence',
      'csam',
      ...common,
    );
    expect(planOut.out).toContain('→ Request expedited preservation of the data from BB');
    for (const out of [matrixOut, havensOut, recOut, planOut]) {
      expect(out.out).toContain('date: 2026-01-01');
    }
  });

  it('names the victim in a bad plan question, with every problem', async () => {
    const res = await run(
      'legal',
      'plan',
      '--victim',
      'XX',
      '--countries',
      'BB,YY',
      '--offence',
      'csam',
      '--world',
      world,
    );
    expect(res.code).toBe(2);
    expect(res.err).toContain('- victim:');
    expect(res.err).toContain('- countries.1:');
  });
});

// The legal CLI's --json shapes are a contract (docs/cli.md); these tests pin them.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runLegal as run } from './test-support/run-cli.ts';
import { DATASET_DIR } from './dataset-files.ts';

const world = join(DATASET_DIR, 'examples/five-plus-one.json');

describe('accord legal', () => {
  it('basis: answer, bases, reasons, alternative and an explanation', async () => {
    const res = await run(
      'legal',
      'basis',
      '--from',
      'EE',
      '--to',
      'FF',
      '--offence',
      'illegal-access',
      '--measure',
      'extradition',
      '--suspect-national',
      '--date',
      '2026-01-01',
      '--world',
      world,
      '--json',
    );
    expect(res.code).toBe(0);
    expect(res.json()).toMatchObject({
      answer: 'no',
      bases: [],
      reasons: ['nationals-not-extradited'],
      alternative: 'prosecute-in-requested-state',
      date: '2026-01-01',
    });
    expect(Array.isArray(res.json().explanation)).toBe(true);
  });

  it('matrix: coverage, jurisdictions and answers[R][Q]', async () => {
    const res = await run(
      'legal',
      'matrix',
      '--offence',
      'illegal-access',
      '--measure',
      'mla',
      '--date',
      '2026-01-01',
      '--world',
      world,
      '--json',
    );
    const m = res.json() as {
      coverage: number;
      jurisdictions: string[];
      answers: Record<string, Record<string, string>>;
    };
    expect(m).toMatchObject({ offence: 'illegal-access', measure: 'mla', date: '2026-01-01' });
    expect(m.jurisdictions).toEqual(['AA', 'BB', 'CC', 'DD', 'EE', 'FF']);
    expect(m.answers.EE?.FF).toBe('yes');
    expect(m.answers.AA?.FF).toBe('no');
    expect(m.coverage).toBeCloseTo(22 / 30);
  });

  it('havens: the sixth state is isolated for the four others', async () => {
    const res = await run(
      'legal',
      'havens',
      '--offence',
      'illegal-access',
      '--measure',
      'mla',
      '--date',
      '2026-01-01',
      '--world',
      world,
      '--json',
    );
    expect(res.json()).toMatchObject({ havens: [{ jurisdiction: 'FF', reasons: ['isolated'], reach: 0.2 }] });
  });

  it('recommend: the sixth state joining the convention closes the gaps', async () => {
    const res = await run(
      'legal',
      'recommend',
      '--offence',
      'illegal-access',
      '--measure',
      'mla',
      '--k',
      '3',
      '--date',
      '2026-01-01',
      '--world',
      world,
      '--json',
    );
    expect(res.json()).toEqual({
      date: '2026-01-01',
      recommendations: [{ instrument: 'five-state-convention', jurisdiction: 'FF', gain: 8 }],
    });
  });

  it('plan: per country, what has a basis and what to do', async () => {
    const res = await run(
      'legal',
      'plan',
      '--victim',
      'AA',
      '--countries',
      'BB,FF',
      '--offence',
      'illegal-access',
      '--date',
      '2026-01-01',
      '--world',
      world,
      '--json',
    );
    const plan = res.json() as {
      countries: {
        country: string;
        measures: { measure: string; answer: string }[];
        steps: { action: string; measure: string; via: string[] }[];
        advice: string[];
      }[];
    };
    expect(plan.countries.map((c) => c.country)).toEqual(['BB', 'FF']);
    expect(plan.countries[0]?.measures.find((m) => m.measure === 'mla')?.answer).toBe('yes');
    expect(plan.countries[0]?.steps[0]).toMatchObject({
      action: 'request',
      measure: 'preservation',
      via: ['five-state-convention'],
    });
    expect(plan.countries[1]?.steps.map((s) => [s.action, s.measure])).toEqual([
      ['diplomatic-route', 'preservation'],
      ['diplomatic-route', 'mla'],
      ['diplomatic-route', 'extradition'],
    ]);
    expect(plan.countries[1]?.advice[0]).toContain('No treaty basis for expedited preservation');
  });

  it('lists every problem of a bad question with exit code 2', async () => {
    const res = await run(
      'legal',
      'basis',
      '--from',
      'XX',
      '--to',
      'XX',
      '--offence',
      'hacking',
      '--measure',
      'arrest',
      '--date',
      '2026-02-30',
      '--world',
      world,
    );
    expect(res.code).toBe(2);
    for (const path of ['from', 'to', 'offence.0', 'measure.0', 'date']) {
      expect(res.err).toContain(`- ${path}:`);
    }
    const same = await run(
      'legal',
      'basis',
      '--from',
      'AA',
      '--to',
      'AA',
      '--offence',
      'csam',
      '--measure',
      'mla',
      '--world',
      world,
    );
    expect(same.err).toContain('must differ');
  });

  it('rejects an invalid world file whole, naming each problem', async () => {
    const bad = join(import.meta.dirname, 'fixtures/invalid-world.json');
    const res = await run('legal', 'matrix', '--offence', 'csam', '--measure', 'mla', '--world', bad);
    expect(res.code).toBe(2);
    expect(res.err).toContain('instruments.0.parties.1.jurisdiction: jurisdiction ZZ is not listed');
    expect(res.err).toContain('laws.1: a second row for AA and csam');
  });

  it('runs as a separate process on a world file, printing JSON', () => {
    const out = execFileSync(
      process.execPath,
      [
        join(import.meta.dirname, '../cli.ts'),
        'legal',
        'basis',
        '--from',
        'AA',
        '--to',
        'BB',
        '--offence',
        'illegal-access',
        '--measure',
        'preservation',
        '--date',
        '2026-01-01',
        '--world',
        world,
        '--json',
      ],
      { encoding: 'utf8' },
    );
    expect(JSON.parse(out)).toMatchObject({ answer: 'yes', bases: ['five-state-convention'] });
  });
});

// Checks the inputs of a legal question against a world, listing every problem at once; dates default
// to today (UTC) from the injected clock.
import { AppError, type ErrorDetail } from '../platform/errors/app-error.ts';
import type { ErrorCode } from '../platform/errors/error-codes.ts';
import { isMeasure, isOffence, type Measure, type Offence } from './taxonomy.ts';
import type { World } from './world.ts';
import { isoDate } from './schemas.ts';

export type QueryInput = {
  from?: string | undefined;
  victim?: string | undefined;
  to?: string | undefined;
  offences?: string[] | undefined;
  measures?: string[] | undefined;
  date?: string | undefined;
  countries?: string[] | undefined;
  threshold?: number | undefined;
  k?: number | undefined;
};
export type Query = {
  from: string;
  to: string;
  victim: string;
  offences: Offence[];
  measures: Measure[];
  date: string;
  dateDefaulted: boolean;
  countries: string[];
  threshold: number;
  k: number;
};

export function today(now: Date): string {
  return now.toISOString().slice(0, 10);
}

export function checkQuery(
  world: World,
  input: QueryInput,
  now: Date,
  need: ('from' | 'to' | 'victim' | 'offence' | 'measure' | 'countries')[],
): Query {
  const problems: (ErrorDetail & { code: ErrorCode })[] = [];
  const codes = new Set(world.jurisdictions.map((j) => j.code));
  const jurisdiction = (value: string | undefined, path: string) => {
    if (need.includes(path as 'from') && !value) {
      problems.push({ code: 'LEGAL_INVALID_QUERY', path, reason: 'is required' });
    } else if (value && !codes.has(value.toUpperCase())) {
      problems.push({
        code: 'LEGAL_UNKNOWN_JURISDICTION',
        path,
        reason: `"${value}" is not a jurisdiction of this world (ISO 3166-1 alpha-2, like FR)`,
      });
    }
    return value?.toUpperCase() ?? '';
  };
  const from = jurisdiction(input.from, 'from');
  const to = jurisdiction(input.to, 'to');
  const victim = jurisdiction(input.victim, 'victim');
  const countries = (input.countries ?? []).map((c, i) => jurisdiction(c, `countries.${i}`));
  if (need.includes('countries') && countries.length === 0) {
    problems.push({ code: 'LEGAL_INVALID_QUERY', path: 'countries', reason: 'list at least one country' });
  }
  if (need.includes('from') && need.includes('to') && from && from === to) {
    problems.push({
      code: 'LEGAL_SAME_STATE',
      path: 'to',
      reason: 'the requesting and requested states must differ',
    });
  }
  const offences = (input.offences ?? []).filter(
    (o, i) =>
      isOffence(o) ||
      !problems.push({
        code: 'LEGAL_UNKNOWN_OFFENCE',
        path: `offence.${i}`,
        reason: `"${o}" is not an offence slug (see docs/cli.md)`,
      }),
  ) as Offence[];
  const measures = (input.measures ?? []).filter(
    (m, i) =>
      isMeasure(m) ||
      !problems.push({
        code: 'LEGAL_UNKNOWN_MEASURE',
        path: `measure.${i}`,
        reason: `"${m}" is not a measure slug`,
      }),
  ) as Measure[];
  if (need.includes('offence') && (input.offences ?? []).length === 0) {
    problems.push({ code: 'LEGAL_INVALID_QUERY', path: 'offence', reason: 'is required' });
  }
  if (need.includes('measure') && (input.measures ?? []).length === 0) {
    problems.push({ code: 'LEGAL_INVALID_QUERY', path: 'measure', reason: 'is required' });
  }
  const date = input.date ?? today(now);
  if (
    !/^\d{4}-\d{2}-\d{2}$/.test(date) ||
    Number.isNaN(Date.parse(`${date}T00:00:00Z`)) ||
    !new Date(`${date}T00:00:00Z`).toISOString().startsWith(date)
  ) {
    problems.push({
      code: 'LEGAL_INVALID_QUERY',
      path: 'date',
      reason: `"${date}" is not a date YYYY-MM-DD`,
    });
  }
  const threshold = input.threshold ?? 0.5;
  if (!(threshold >= 0 && threshold <= 1)) {
    problems.push({ code: 'LEGAL_INVALID_QUERY', path: 'threshold', reason: 'must be between 0 and 1' });
  }
  const k = input.k ?? 5;
  if (!Number.isInteger(k) || k < 1 || k > 100) {
    problems.push({ code: 'LEGAL_INVALID_QUERY', path: 'k', reason: 'must be a whole number from 1 to 100' });
  }
  if (problems.length > 0) {
    const kinds = new Set(problems.map((p) => p.code));
    const code = kinds.size === 1 ? (problems[0] as { code: ErrorCode }).code : 'LEGAL_INVALID_QUERY';
    throw new AppError(
      code,
      problems.map((p) => `${p.path} ${p.reason}`).join('; '),
      problems.map(({ path, reason }) => ({ path, reason })),
    );
  }
  return {
    from,
    to,
    victim,
    offences,
    measures,
    date,
    dateDefaulted: input.date === undefined,
    countries,
    threshold,
    k,
  };
}

/** The optional cut-off date of `legal sources`: a real YYYY-MM-DD date or an input error naming it. */
export function checkOlderThan(value: string | undefined): string | undefined {
  if (value === undefined) {
    return undefined;
  }
  const parsed = isoDate.safeParse(value);
  if (!parsed.success) {
    throw new AppError(
      'LEGAL_INVALID_QUERY',
      `olderThan ${parsed.error.issues[0]?.message ?? 'is invalid'}`,
      [{ path: 'olderThan', reason: parsed.error.issues[0]?.message ?? 'is invalid' }],
    );
  }
  return parsed.data;
}

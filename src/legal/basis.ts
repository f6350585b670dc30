// The legal basis for one request (rules 1–5): each instrument considered, each condition checked,
// and the facts, with their sources and confidence, that decided it.
import { AppError } from '../platform/errors/app-error.ts';
import { COERCIVE, type Measure, type Offence } from './taxonomy.ts';
import {
  coversOffence,
  dualCriminality,
  dualCriminalityNeed,
  lawOn,
  lawTable,
  partyOn,
  penaltyThreshold,
  type LawTable,
  type Tri,
} from './facts.ts';
import { lawFact, nationalsFact, partyFact, type Fact } from './explain.ts';
import type { Instrument } from './schemas.ts';
import type { World } from './world.ts';

export type Answer = 'yes' | 'no' | 'undetermined';
export type NoReason =
  'no-common-instrument' | 'dual-criminality-failed' | 'penalty-below-threshold' | 'nationals-not-extradited';
export type ConditionName =
  'both-parties' | 'measure' | 'offence' | 'binding' | 'dual-criminality' | 'penalty-threshold' | 'nationals';
export type Condition = {
  condition: ConditionName;
  result: Tri | 'not-required';
  detail: string;
  facts: Fact[];
};
export type InstrumentVerdict = {
  instrument: string;
  name: string;
  applies: boolean;
  verdict: Answer | 'not-applicable';
  reasons: NoReason[];
  conditions: Condition[];
  /** What the instrument also requires that the rules cannot check (shown with the verdict). */
  caveat?: string;
};
export type BasisQuery = {
  from: string;
  to: string;
  offence: Offence;
  measure: Measure;
  date: string;
  suspectNational?: boolean | undefined;
};
export type BasisAnswer = {
  answer: Answer;
  bases: string[];
  reasons: NoReason[];
  alternative: null | 'prosecute-in-requested-state';
  date: string;
  explanation: InstrumentVerdict[];
};

const met = (ok: boolean): Tri => (ok ? 'met' : 'failed');

/** Rule 1, every condition listed (not only the first that fails), so the explanation is complete. */
function applicability(inst: Instrument, q: BasisQuery): Condition[] {
  const r = partyOn(inst, q.from, q.date);
  const p = partyOn(inst, q.to, q.date);
  const missing = [r ? undefined : q.from, p ? undefined : q.to].filter(Boolean);
  const listed = inst.parties.filter((x) => x.jurisdiction === q.from || x.jurisdiction === q.to);
  const coercive = COERCIVE.has(q.measure);
  return [
    {
      condition: 'both-parties',
      result: met(missing.length === 0),
      detail:
        missing.length === 0
          ? `both are parties in force on ${q.date}`
          : missing.length === 2
            ? `neither ${q.from} nor ${q.to} is a party in force on ${q.date}`
            : `${missing.join('')} is not a party in force on ${q.date}; cooperation never chains through a third state`,
      facts: listed.map((x) => partyFact(inst, x, q.date)),
    },
    {
      condition: 'measure',
      result: met(inst.measures.includes(q.measure)),
      detail: `${inst.id} ${inst.measures.includes(q.measure) ? 'provides' : 'does not provide'} ${q.measure}`,
      facts: [],
    },
    {
      condition: 'offence',
      result: met(coversOffence(inst, q.offence)),
      detail: `${inst.id} ${coversOffence(inst, q.offence) ? 'covers' : 'does not cover'} ${q.offence}`,
      facts: [],
    },
    {
      condition: 'binding',
      result: coercive ? met(inst.binding) : 'not-required',
      detail: !coercive
        ? `${q.measure} is not coercive: a non-binding instrument may give it`
        : inst.binding
          ? `${inst.id} is binding`
          : `${inst.id} is not binding: it gives only contact-point and spontaneous information`,
      facts: [],
    },
  ];
}

function evaluate(world: World, laws: LawTable, inst: Instrument, q: BasisQuery): InstrumentVerdict {
  const base = { instrument: inst.id, name: inst.name, ...(inst.caveat ? { caveat: inst.caveat } : {}) };
  const conditions = applicability(inst, q);
  if (conditions.some((c) => c.result === 'failed')) {
    return { ...base, applies: false, verdict: 'not-applicable', reasons: [], conditions };
  }
  const reasons: NoReason[] = [];
  const rLaw = lawOn(laws, q.from, q.offence, q.date);
  const qLaw = lawOn(laws, q.to, q.offence, q.date);
  const lawFacts = [lawFact(q.from, q.offence, rLaw), lawFact(q.to, q.offence, qLaw)];
  const need = dualCriminalityNeed(inst, q.measure, q.offence, partyOn(inst, q.to, q.date));
  const because = {
    default: `the default for ${q.measure}`,
    instrument: `${inst.id} for ${q.measure}`,
    reservation: `a reservation of ${q.to} for ${q.measure}`,
  }[need.because];
  if (need.required) {
    const result = dualCriminality(rLaw, qLaw);
    conditions.push({
      condition: 'dual-criminality',
      result,
      detail: `dual criminality is required (${because}): ${result}`,
      facts: lawFacts,
    });
    if (result === 'failed') {
      reasons.push('dual-criminality-failed');
    }
  } else {
    const detail = `dual criminality is not required (${because})`;
    conditions.push({ condition: 'dual-criminality', result: 'not-required', detail, facts: [] });
  }
  const k = inst.minPenaltyYears[q.measure];
  if (k !== undefined) {
    const result = penaltyThreshold(rLaw, qLaw, k);
    conditions.push({
      condition: 'penalty-threshold',
      result,
      detail: `${inst.id} requires a maximum penalty of at least ${k} year(s) in both: ${result}`,
      facts: lawFacts,
    });
    if (result === 'failed') {
      reasons.push('penalty-below-threshold');
    }
  }
  if (q.measure === 'extradition' && q.suspectNational) {
    const requested = world.jurisdictions.find((j) => j.code === q.to);
    const refuses = requested?.extraditesNationals === false;
    conditions.push({
      condition: 'nationals',
      result: refuses ? 'failed' : 'met',
      detail: refuses
        ? `${q.to} does not extradite its nationals${inst.autDedereAutJudicare ? `; ${inst.id} obliges it to prosecute instead (aut dedere aut judicare)` : ''}`
        : `${q.to} extradites its nationals`,
      facts: requested ? [nationalsFact(requested)] : [],
    });
    if (refuses) {
      reasons.push('nationals-not-extradited');
    }
  }
  const results = conditions.map((c) => c.result);
  const verdict: Answer = reasons.length > 0 ? 'no' : results.includes('unknown') ? 'undetermined' : 'yes';
  return { ...base, applies: true, verdict, reasons, conditions };
}

function checkStates(world: World, q: BasisQuery): void {
  const codes = new Set(world.jurisdictions.map((j) => j.code));
  const problems = (['from', 'to'] as const)
    .filter((key) => !codes.has(q[key]))
    .map((key) => ({ path: key, reason: `"${q[key]}" is not a jurisdiction of this world` }));
  if (problems.length > 0) {
    throw new AppError('LEGAL_UNKNOWN_JURISDICTION', problems.map((p) => p.reason).join('; '), problems);
  }
  if (q.from === q.to) {
    throw new AppError('LEGAL_SAME_STATE', 'the requesting and requested states must differ', [
      { path: 'to', reason: 'must differ from from (R = Q is not a request)' },
    ]);
  }
}

/**
 * Rule 5: yes if any applying instrument says yes (bases: all that do), else undetermined if any does,
 * else no with `no-common-instrument` or the reasons of the instruments that applied.
 * Throws AppError for unknown states or R = Q; every other outcome is a value.
 */
export function basis(world: World, q: BasisQuery, laws: LawTable = lawTable(world)): BasisAnswer {
  checkStates(world, q);
  const explanation = world.instruments.map((inst) => evaluate(world, laws, inst, q));
  const applying = explanation.filter((e) => e.applies);
  const bases = applying.filter((e) => e.verdict === 'yes').map((e) => e.instrument);
  const answer: Answer =
    bases.length > 0 ? 'yes' : applying.some((e) => e.verdict === 'undetermined') ? 'undetermined' : 'no';
  const reasons: NoReason[] =
    answer !== 'no'
      ? []
      : applying.length === 0
        ? ['no-common-instrument']
        : [...new Set(applying.flatMap((e) => e.reasons))];
  // Rule 4: refusing a national under an aut dedere aut judicare instrument means prosecuting instead.
  const aut = applying.some(
    (e) =>
      e.reasons.includes('nationals-not-extradited') &&
      world.instruments.find((i) => i.id === e.instrument)?.autDedereAutJudicare,
  );
  return {
    answer,
    bases,
    reasons,
    alternative: answer !== 'yes' && aut ? 'prosecute-in-requested-state' : null,
    date: q.date,
    explanation,
  };
}

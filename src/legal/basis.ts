// The legal basis for one request (rules 1–5): each instrument considered, each condition checked,
// and the facts, with their sources and confidence, that decided it.
import { COERCIVE, type Measure, type Offence } from './taxonomy.ts';
import {
  coversOffence,
  dualCriminality,
  dualCriminalityNeed,
  lawOn,
  lawTable,
  partyOn,
  penaltyThreshold,
  type LawFact,
  type LawTable,
  type Tri,
} from './facts.ts';
import type { Confidence, Instrument, Party } from './schemas.ts';
import type { World } from './world.ts';

export type Answer = 'yes' | 'no' | 'undetermined';
export type Fact = {
  about: string;
  text: string;
  source?: string | undefined;
  confidence?: Confidence | undefined;
  note?: string | undefined;
};
export type Condition = { condition: string; result: Tri | 'not-required'; detail: string; facts: Fact[] };
export type InstrumentVerdict = {
  instrument: string;
  name: string;
  applies: boolean;
  verdict: Answer | 'not-applicable';
  reasons: string[];
  conditions: Condition[];
};
export type BasisQuery = {
  from: string;
  to: string;
  offence: Offence;
  measure: Measure;
  date: string;
  suspectNational?: boolean;
};
export type BasisAnswer = {
  answer: Answer;
  bases: string[];
  reasons: string[];
  alternative: null | 'prosecute-in-requested-state';
  date: string;
  explanation: InstrumentVerdict[];
};

function partyFact(inst: Instrument, p: Party): Fact {
  return {
    about: p.jurisdiction,
    text:
      `${p.jurisdiction} is a party to ${inst.id} from ${p.from ?? '(not in force)'}${p.until ? ` until ${p.until}` : ''}` +
      (p.approximateDate
        ? " (its own date was not retrieved: the instrument's entry into force is used)"
        : ''),
    source: p.source ?? inst.source,
    confidence: p.confidence ?? inst.confidence,
    note: p.note,
  };
}

function lawFact(code: string, offence: Offence, f: LawFact): Fact {
  if (!f.law) {
    return { about: code, text: `no law fact for ${offence} in ${code}: status unknown` };
  }
  const penalty =
    f.maxPenaltyYears === undefined
      ? 'maximum penalty unknown'
      : `maximum penalty ${f.maxPenaltyYears} years`;
  return {
    about: code,
    text: `${code}: ${offence} ${f.status}, ${penalty}${f.law.citation ? ` (${f.law.citation})` : ''}`,
    source: f.law.source,
    confidence: f.law.confidence,
    note: f.law.note,
  };
}

function evaluate(world: World, laws: LawTable, inst: Instrument, q: BasisQuery): InstrumentVerdict {
  const base = { instrument: inst.id, name: inst.name };
  const r = partyOn(inst, q.from, q.date);
  const p = partyOn(inst, q.to, q.date);
  const notApplicable = (condition: string, detail: string, facts: Fact[] = []): InstrumentVerdict => ({
    ...base,
    applies: false,
    verdict: 'not-applicable',
    reasons: [],
    conditions: [{ condition, result: 'failed', detail, facts }],
  });
  if (!r || !p) {
    const missing = [!r ? q.from : undefined, !p ? q.to : undefined].filter(Boolean).join(' and ');
    return notApplicable(
      'both-parties',
      `${missing} ${missing.includes(' and ') ? 'are' : 'is'} not a party in force on ${q.date}; cooperation does not chain through third states`,
      [r, p].filter((x): x is Party => x !== undefined).map((x) => partyFact(inst, x)),
    );
  }
  if (!inst.measures.includes(q.measure)) {
    return notApplicable('measure', `${inst.id} does not provide ${q.measure}`);
  }
  if (!coversOffence(inst, q.offence)) {
    return notApplicable('offence', `${inst.id} does not cover ${q.offence}`);
  }
  if (COERCIVE.has(q.measure) && !inst.binding) {
    return notApplicable(
      'binding',
      `${inst.id} is not binding: it gives only contact-point and spontaneous information`,
    );
  }
  const conditions: Condition[] = [
    {
      condition: 'both-parties',
      result: 'met',
      detail: `both are parties in force on ${q.date}`,
      facts: [partyFact(inst, r), partyFact(inst, p)],
    },
  ];
  const reasons: string[] = [];
  const rLaw = lawOn(laws, q.from, q.offence, q.date);
  const qLaw = lawOn(laws, q.to, q.offence, q.date);
  const need = dualCriminalityNeed(inst, q.measure, q.offence, p);
  if (need.required) {
    const result = dualCriminality(rLaw, qLaw);
    const why =
      need.because === 'reservation'
        ? ` (required by a reservation of ${q.to})`
        : need.because === 'instrument'
          ? ` (required by ${inst.id})`
          : '';
    conditions.push({
      condition: 'dual-criminality',
      result,
      detail: `dual criminality ${result}${why}`,
      facts: [lawFact(q.from, q.offence, rLaw), lawFact(q.to, q.offence, qLaw)],
    });
    if (result === 'failed') {
      reasons.push('dual-criminality-failed');
    }
  } else {
    conditions.push({
      condition: 'dual-criminality',
      result: 'not-required',
      detail: `dual criminality is not required for ${q.measure}`,
      facts: [],
    });
  }
  const k = inst.minPenaltyYears[q.measure];
  if (k !== undefined) {
    const result = penaltyThreshold(rLaw, qLaw, k);
    conditions.push({
      condition: 'penalty-threshold',
      result,
      detail: `maximum penalty of at least ${k} year(s) in both: ${result}`,
      facts: [lawFact(q.from, q.offence, rLaw), lawFact(q.to, q.offence, qLaw)],
    });
    if (result === 'failed') {
      reasons.push('penalty-below-threshold');
    }
  }
  const requested = world.jurisdictions.find((j) => j.code === q.to);
  if (q.measure === 'extradition' && q.suspectNational && requested && !requested.extraditesNationals) {
    conditions.push({
      condition: 'nationals',
      result: 'failed',
      detail: `${q.to} does not extradite its nationals`,
      facts: [
        {
          about: q.to,
          text: `${q.to} does not extradite nationals`,
          source: requested.source,
          confidence: requested.confidence,
          note: requested.note,
        },
      ],
    });
    reasons.push('nationals-not-extradited');
  }
  const results = conditions.map((c) => c.result);
  const verdict: Answer = reasons.length > 0 ? 'no' : results.includes('unknown') ? 'undetermined' : 'yes';
  return { ...base, applies: true, verdict, reasons, conditions };
}

/** Rule 5: yes if any instrument says yes, else undetermined if any does, else no with the reasons. */
export function basis(world: World, q: BasisQuery, laws: LawTable = lawTable(world)): BasisAnswer {
  const explanation = world.instruments.map((inst) => evaluate(world, laws, inst, q));
  const applying = explanation.filter((e) => e.applies);
  const bases = applying.filter((e) => e.verdict === 'yes').map((e) => e.instrument);
  const answer: Answer =
    bases.length > 0 ? 'yes' : applying.some((e) => e.verdict === 'undetermined') ? 'undetermined' : 'no';
  const reasons =
    answer !== 'no'
      ? []
      : applying.length === 0
        ? ['no-common-instrument']
        : [...new Set(applying.flatMap((e) => e.reasons))];
  const aut =
    answer === 'no' &&
    applying.some(
      (e) =>
        e.reasons.includes('nationals-not-extradited') &&
        world.instruments.find((i) => i.id === e.instrument)?.autDedereAutJudicare,
    );
  return {
    answer,
    bases,
    reasons,
    alternative: aut ? 'prosecute-in-requested-state' : null,
    date: q.date,
    explanation,
  };
}

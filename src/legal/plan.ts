// The botnet question: a victim state and the countries its infrastructure spans. For each country,
// which measures have a basis on which instrument, and what to do where none does.
import { basis, type Answer, type NoReason } from './basis.ts';
import { lawTable } from './facts.ts';
import { MEASURES, type Measure, type Offence } from './taxonomy.ts';
import type { World } from './world.ts';

export type MeasurePlan = { measure: Measure; answer: Answer; bases: string[]; reasons: NoReason[] };
/** A step has a stable action code (for translation) and an English sentence. */
export type StepAction =
  | 'request'
  | 'ask-contact-point'
  | 'share-spontaneously'
  | 'check-law-facts'
  | 'prosecute-in-requested-state'
  | 'diplomatic-route';
export type Step = { action: StepAction; measure: Measure; via: string[]; text: string };
export type CountryPlan = {
  country: string;
  measures: MeasurePlan[];
  extraditionIfNational: Answer;
  steps: Step[];
  advice: string[];
};

const LABEL: Record<Measure, string> = {
  preservation: 'expedited preservation of the data',
  disclosure: 'expedited disclosure of traffic data',
  mla: 'mutual legal assistance (search, seizure, evidence)',
  extradition: 'extradition',
  'contact-point': 'the 24/7 point of contact',
  'spontaneous-information': 'spontaneous information',
};

function stepsFor(
  country: string,
  get: (m: Measure) => MeasurePlan,
  ifNational: Answer,
  aut: boolean,
): Step[] {
  const steps: Step[] = [];
  const step = (action: StepAction, measure: Measure, via: string[], text: string) =>
    steps.push({ action, measure, via, text });
  const cp = get('contact-point');
  for (const measure of ['preservation', 'disclosure', 'mla', 'extradition'] as const) {
    const m = get(measure);
    if (m.answer === 'yes') {
      step(
        'request',
        measure,
        m.bases,
        `Request ${LABEL[measure]} from ${country} (basis: ${m.bases.join(', ')}).`,
      );
    } else if (m.answer === 'undetermined') {
      step(
        'check-law-facts',
        measure,
        [],
        `${LABEL[measure]}: a basis exists only if law facts missing from the dataset hold (dual criminality, penalties); check them with the central authority of ${country}.`,
      );
    } else if (measure === 'preservation' && cp.answer === 'yes') {
      step(
        'ask-contact-point',
        measure,
        cp.bases,
        `No basis for preservation: ask the 24/7 point of contact of ${country} (basis: ${cp.bases.join(', ')}) to have the data preserved voluntarily.`,
      );
    } else if (measure !== 'disclosure') {
      step(
        'diplomatic-route',
        measure,
        [],
        `No treaty basis for ${LABEL[measure]} with ${country} (${m.reasons.join(', ')}): use the diplomatic route (letters rogatory on reciprocity) or police-to-police channels.`,
      );
    }
  }
  if (ifNational === 'no' && aut) {
    step(
      'prosecute-in-requested-state',
      'extradition',
      [],
      `If the suspect is a national of ${country}, it will not extradite: ask it to prosecute (aut dedere aut judicare).`,
    );
  }
  const si = get('spontaneous-information');
  if (si.answer === 'yes') {
    step(
      'share-spontaneously',
      'spontaneous-information',
      si.bases,
      `Share what you know with ${country} spontaneously (basis: ${si.bases.join(', ')}) so it can open its own case.`,
    );
  }
  return steps;
}

/** Per country (the victim itself left out), every measure's answer and the steps to take. */
export function planCooperation(
  world: World,
  victim: string,
  countries: string[],
  offence: Offence,
  date: string,
): CountryPlan[] {
  const laws = lawTable(world);
  return [...new Set(countries)]
    .filter((c) => c !== victim)
    .map((country) => {
      const measures = MEASURES.map((measure) => {
        const a = basis(world, { from: victim, to: country, offence, measure, date }, laws);
        return { measure, answer: a.answer, bases: a.bases, reasons: a.reasons };
      });
      const national = basis(
        world,
        { from: victim, to: country, offence, measure: 'extradition', date, suspectNational: true },
        laws,
      );
      const get = (m: Measure) => measures.find((x) => x.measure === m) as MeasurePlan;
      const steps = stepsFor(country, get, national.answer, national.alternative !== null);
      return {
        country,
        measures,
        extraditionIfNational: national.answer,
        steps,
        advice: steps.map((s) => s.text),
      };
    });
}

/** The plan for validated inputs (the name the API and UI use). */
export const plan = planCooperation;

// The botnet question: a victim state and the countries its infrastructure spans. For each country,
// which measures have a basis on which instrument, and what to do where none does.
import { basis, type Answer } from './basis.ts';
import { lawTable } from './facts.ts';
import { MEASURES, type Measure, type Offence } from './taxonomy.ts';
import type { World } from './world.ts';

export type MeasurePlan = { measure: Measure; answer: Answer; bases: string[]; reasons: string[] };
export type CountryPlan = {
  country: string;
  measures: MeasurePlan[];
  extraditionIfNational: Answer;
  advice: string[];
};

function adviceFor(
  country: string,
  measures: MeasurePlan[],
  ifNational: Answer,
  alternative: string | null,
): string[] {
  const get = (m: Measure) => measures.find((x) => x.measure === m) as MeasurePlan;
  const advice: string[] = [];
  const preservation = get('preservation');
  if (preservation.answer === 'yes') {
    advice.push(
      `Request expedited preservation now (basis: ${preservation.bases.join(', ')}), then follow with MLA.`,
    );
  } else if (get('contact-point').answer === 'yes') {
    advice.push(
      `No basis for preservation: ask the 24/7 point of contact of ${country} (basis: ${get('contact-point').bases.join(', ')}) to preserve voluntarily.`,
    );
  } else {
    advice.push(
      `No treaty basis for preservation with ${country}: use police-to-police channels or a diplomatic request on reciprocity, and share spontaneously.`,
    );
  }
  if (get('mla').answer === 'undetermined') {
    advice.push(
      'MLA depends on facts missing from the dataset (dual criminality, penalties): check with the central authority.',
    );
  } else if (get('mla').answer === 'no') {
    advice.push(
      `No MLA basis: letters rogatory on reciprocity, or consider spontaneous information to ${country}.`,
    );
  }
  if (ifNational === 'no' && alternative) {
    advice.push(
      `If the suspect is a national of ${country}, it will not extradite: ask it to prosecute (aut dedere aut judicare).`,
    );
  }
  return advice;
}

export function planCooperation(
  world: World,
  victim: string,
  countries: string[],
  offence: Offence,
  date: string,
): CountryPlan[] {
  const laws = lawTable(world);
  return countries
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
      return {
        country,
        measures,
        extraditionIfNational: national.answer,
        advice: adviceFor(country, measures, national.answer, national.alternative),
      };
    });
}

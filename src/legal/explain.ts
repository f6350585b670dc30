// The facts an explanation cites: each with the text a person reads, its source and its confidence,
// and, where Accord derived or defaulted something, a sentence saying so.
import type { LawFact } from './facts.ts';
import type { Confidence, Instrument, Jurisdiction, LawBasis, Party } from './schemas.ts';
import type { Offence } from './taxonomy.ts';

export type Fact = {
  about: string;
  text: string;
  source?: string | undefined;
  confidence?: Confidence | undefined;
  note?: string | undefined;
  /** For law facts: a statute read, a secondary source, or a treaty-obligation inference (never a statute). */
  basis?: LawBasis | undefined;
  /** Set when the fact was inferred rather than read (shown as a distinct badge). */
  inferred?: boolean | undefined;
};

export function partyFact(inst: Instrument, p: Party, date: string): Fact {
  const span = p.from
    ? `from ${p.from}${p.until ? ` until ${p.until} (exclusive)` : ''}`
    : 'with no date of entry into force: never in force for it in this dataset';
  const inForce =
    p.from !== undefined && p.from <= date && (!p.until || date < p.until)
      ? ''
      : ` (not in force on ${date})`;
  return {
    about: p.jurisdiction,
    text:
      `${p.jurisdiction} is a party to ${inst.id} ${span}${inForce}` +
      (p.fromBasis ? `; date derived: ${p.fromBasis}` : ''),
    source: p.source ?? inst.source,
    confidence: p.confidence ?? inst.confidence,
    note: p.note,
  };
}

export function lawFact(code: string, offence: Offence, f: LawFact): Fact {
  if (!f.law) {
    return {
      about: code,
      text: `no law fact for ${offence} in ${code} on this date: status unknown (never guessed)`,
    };
  }
  const penalty =
    f.maxPenaltyYears === undefined
      ? 'maximum penalty unknown'
      : `maximum penalty ${f.maxPenaltyYears} years`;
  const inferred = f.law.basis === 'treaty-obligation';
  const origin = inferred
    ? `; inferred from a treaty obligation, not a statute read (${f.law.reason ?? 'treaty obligation'})`
    : f.law.basis === 'not-found' && f.law.reason
      ? `; ${f.law.reason}`
      : '';
  return {
    about: code,
    text: `${code}: ${offence} ${f.status}, ${penalty}${f.law.citation ? ` (${f.law.citation})` : ''}${origin}`,
    source: f.law.source,
    confidence: f.law.confidence,
    note: f.law.note,
    basis: f.law.basis,
    inferred,
  };
}

export function nationalsFact(j: Jurisdiction): Fact {
  const text =
    j.extraditesNationals === undefined
      ? `${j.code} extradites its nationals: not sourced, so the default of the rules (true) applies`
      : `${j.code} ${j.extraditesNationals ? 'extradites' : 'does not extradite'} its nationals`;
  if (j.extraditesNationals === undefined) {
    return { about: j.code, text };
  }
  return {
    about: j.code,
    text,
    source: j.extraditesNationalsSource ?? j.source,
    confidence: j.extraditesNationalsConfidence ?? j.confidence,
    note: j.extraditesNationalsNote ?? j.note,
  };
}

// The offence taxonomy (the four ITU categories refined into offences) with the articles of the
// instruments that define each, and the measures a requesting state can ask for (legal-rules.md v1).

export const OFFENCES = [
  'illegal-access',
  'illegal-interception',
  'data-interference',
  'system-interference',
  'misuse-of-devices',
  'computer-forgery',
  'computer-fraud',
  'identity-theft',
  'copyright-infringement',
  'csam',
  'grooming',
  'non-consensual-intimate-images',
  'xenophobic-content',
  'online-gambling',
  'defamation',
  'cyberbullying',
  'laundering-of-proceeds',
] as const;
export type Offence = (typeof OFFENCES)[number];

export const CATEGORIES = [
  'confidentiality-integrity',
  'computer-related',
  'copyright',
  'content',
  'other',
] as const;
export type Category = (typeof CATEGORIES)[number];

export const MEASURES = [
  'preservation',
  'disclosure',
  'mla',
  'extradition',
  'contact-point',
  'spontaneous-information',
] as const;
export type Measure = (typeof MEASURES)[number];

/** Measures that compel the requested state: only binding instruments give them (rule 1.3). */
export const COERCIVE: ReadonlySet<Measure> = new Set(['preservation', 'disclosure', 'mla', 'extradition']);

/** Rule 2: dual criminality is required by default for these measures. */
export const DUAL_CRIMINALITY_BY_DEFAULT: ReadonlySet<Measure> = new Set([
  'mla',
  'disclosure',
  'extradition',
]);

type Articles = { budapest?: string; un2024?: string; arab?: string; other?: string };
export type OffenceInfo = { category: Category; articles: Articles };

// Article numbers as data, from ../shared/data/legal-notes.md §9.1: Budapest checked against the
// authentic text (ETS 185 arts 2–10; ETS 189 arts 3–6 for xenophobia); UN 2024 and Arab Convention
// numbers are medium confidence there. Offences no instrument defines carry no article.
export const OFFENCE_INFO: Record<Offence, OffenceInfo> = {
  'illegal-access': {
    category: 'confidentiality-integrity',
    articles: { budapest: 'art. 2', un2024: 'art. 7', arab: 'art. 6' },
  },
  'illegal-interception': {
    category: 'confidentiality-integrity',
    articles: { budapest: 'art. 3', un2024: 'art. 8', arab: 'art. 7' },
  },
  'data-interference': {
    category: 'confidentiality-integrity',
    articles: { budapest: 'art. 4', un2024: 'art. 9', arab: 'art. 8' },
  },
  'system-interference': {
    category: 'confidentiality-integrity',
    articles: { budapest: 'art. 5', un2024: 'art. 10' },
  },
  'misuse-of-devices': {
    category: 'confidentiality-integrity',
    articles: { budapest: 'art. 6', un2024: 'art. 11', arab: 'art. 9' },
  },
  'computer-forgery': {
    category: 'computer-related',
    articles: { budapest: 'art. 7', un2024: 'art. 12', arab: 'art. 10' },
  },
  'computer-fraud': {
    category: 'computer-related',
    articles: { budapest: 'art. 8', un2024: 'art. 13', arab: 'art. 11' },
  },
  'identity-theft': { category: 'computer-related', articles: {} },
  'copyright-infringement': { category: 'copyright', articles: { budapest: 'art. 10', arab: 'art. 17' } },
  csam: { category: 'content', articles: { budapest: 'art. 9', un2024: 'art. 14', arab: 'arts 12–13' } },
  grooming: {
    category: 'content',
    articles: { un2024: 'art. 15', other: 'Lanzarote Convention (CETS 201) art. 23' },
  },
  'non-consensual-intimate-images': { category: 'content', articles: { un2024: 'art. 16' } },
  'xenophobic-content': { category: 'content', articles: { budapest: 'ETS 189 arts 3–6' } },
  'online-gambling': { category: 'content', articles: {} },
  defamation: { category: 'content', articles: {} },
  cyberbullying: { category: 'content', articles: {} },
  'laundering-of-proceeds': { category: 'other', articles: { un2024: 'art. 17' } },
};

/** The nine offences of Budapest arts 2–10 (the ones its Parties must criminalise). */
export const BUDAPEST_OFFENCES: readonly Offence[] = OFFENCES.filter((o) =>
  OFFENCE_INFO[o].articles.budapest?.startsWith('art.'),
);

export function isOffence(value: string): value is Offence {
  return (OFFENCES as readonly string[]).includes(value);
}
export function isMeasure(value: string): value is Measure {
  return (MEASURES as readonly string[]).includes(value);
}

// TLP 2.0 levels as STIX markings: the official marking-definition ids (TLP 2.0 and the TLP 1.0 ids
// they replace), custom TLP marking definitions, MISP tlp:* tags, and the one-TLP-per-object rule.
// Who may see what is the platform access policy's business (src/platform/access/tlp-policy.ts).
import { TLP_LEVELS, type Tlp } from '../platform/access/tlp-policy.ts';
import type { ErrorDetail } from '../platform/errors/app-error.ts';

/** @see oasis-open/cti-stix-common-objects extension-definition-specifications/tlp-2.0 */
export const TLP_EXTENSION_ID = 'extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d';

export const TLP2_MARKING_IDS: Readonly<Record<Tlp, string>> = {
  clear: 'marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487',
  green: 'marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb',
  amber: 'marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421',
  'amber+strict': 'marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003',
  red: 'marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1',
};

/** @see STIX 2.1 section 7.2.1.4 (TLP 1.0 marking definitions); WHITE became CLEAR in TLP 2.0. */
export const TLP1_MARKING_IDS = {
  white: 'marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9',
  green: 'marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da',
  amber: 'marking-definition--f88d31f6-486f-44da-b317-01333bde0b82',
  red: 'marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed',
} as const;

// OpenCTI's fixed id for its TLP:AMBER+STRICT marking (pycti, OpenCTI exports): common in the wild.
const OPENCTI_AMBER_STRICT_ID = 'marking-definition--826578e1-40ad-459f-bc73-ede076f81f37';

const BY_ID = new Map<string, Tlp>([
  ...TLP_LEVELS.map((level) => [TLP2_MARKING_IDS[level], level] as const),
  [TLP1_MARKING_IDS.white, 'clear'],
  [TLP1_MARKING_IDS.green, 'green'],
  [TLP1_MARKING_IDS.amber, 'amber'],
  [TLP1_MARKING_IDS.red, 'red'],
  [OPENCTI_AMBER_STRICT_ID, 'amber+strict'],
]);

/** Whether an id is one of the fixed TLP marking definitions (2.0, 1.0, OpenCTI's AMBER+STRICT). */
export function isFixedTlpMarkingId(id: string): boolean {
  return BY_ID.has(id);
}

/** A TLP level from its name in any case, with or without "TLP:"; WHITE reads as CLEAR. */
export function parseTlp(text: string): Tlp | undefined {
  const name = text
    .trim()
    .toLowerCase()
    .replace(/^tlp\s*:\s*/, '');
  if (name === 'white') {
    return 'clear';
  }
  return (TLP_LEVELS as readonly string[]).includes(name) ? (name as Tlp) : undefined;
}

/** The MISP taxonomy tag `tlp:<level>` (any case), or undefined for every other tag. */
export function tlpOfTag(tag: string): Tlp | undefined {
  return /^\s*tlp\s*:/i.test(tag) ? parseTlp(tag) : undefined;
}

function field(object: unknown, key: string): unknown {
  return typeof object === 'object' && object !== null ? (object as Record<string, unknown>)[key] : undefined;
}

/**
 * The TLP level a marking-definition object stands for: the TLP 2.0 extension, a TLP 1.0 style
 * `definition_type: "tlp"`, or a name such as "TLP:AMBER+STRICT"; undefined for other markings.
 */
export function tlpOfMarkingDefinition(definition: unknown): Tlp | undefined {
  const known = BY_ID.get(String(field(definition, 'id')));
  if (known !== undefined) {
    return known;
  }
  const tlp2 = field(field(field(definition, 'extensions'), TLP_EXTENSION_ID), 'tlp_2_0');
  if (typeof tlp2 === 'string') {
    return parseTlp(tlp2);
  }
  const type = field(definition, 'definition_type');
  const body = field(definition, 'definition');
  const tlp1 =
    typeof type === 'string' && type.toLowerCase() === 'tlp'
      ? (field(body, 'tlp') ?? field(body, 'TLP'))
      : undefined;
  if (typeof tlp1 === 'string') {
    return parseTlp(tlp1);
  }
  const name = field(definition, 'name');
  return typeof name === 'string' && /^\s*tlp:/i.test(name) ? parseTlp(name) : undefined;
}

export type TlpResult =
  { ok: true; value: Tlp | undefined } | { ok: false; reason: 'contradictory-tlp'; details: ErrorDetail[] };

function oneLevel(found: { path: string; level: Tlp }[], what: string): TlpResult {
  const levels = new Set(found.map((f) => f.level));
  if (levels.size > 1) {
    const reason = `contradictory TLP ${what}: ${[...levels].map((l) => l.toUpperCase()).join(' and ')}; an object has one TLP`;
    return {
      ok: false,
      reason: 'contradictory-tlp',
      details: found.map((f) => ({ path: f.path, reason: `TLP:${f.level.toUpperCase()} — ${reason}` })),
    };
  }
  return { ok: true, value: found[0]?.level };
}

/**
 * The one TLP level of an object from its object_marking_refs: the official ids, plus marking
 * definitions the caller knows (e.g. from the same bundle). Two different levels are an error.
 * @see STIX 2.1 section 7.2.2.1 (object markings)
 */
export function tlpOfMarkings(
  objectMarkingRefs: readonly string[] | undefined,
  knownMarkingDefinitions?: ReadonlyMap<string, unknown>,
): TlpResult {
  const found: { path: string; level: Tlp }[] = [];
  (objectMarkingRefs ?? []).forEach((ref, i) => {
    const known = knownMarkingDefinitions?.get(ref);
    const level = BY_ID.get(ref) ?? (known === undefined ? undefined : tlpOfMarkingDefinition(known));
    if (level !== undefined) {
      found.push({ path: `$.object_marking_refs[${i}]`, level });
    }
  });
  return oneLevel(found, 'markings');
}

/** The one TLP level among MISP tags (`tlp:amber`, `TLP:WHITE`…); two different levels are an error. */
export function tlpOfTags(tags: readonly string[]): TlpResult {
  const found: { path: string; level: Tlp }[] = [];
  tags.forEach((tag, i) => {
    const level = tlpOfTag(tag);
    if (level !== undefined) {
      found.push({ path: `Tag[${i}]`, level });
    }
  });
  return oneLevel(found, 'tags');
}

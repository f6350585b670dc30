// Validates a world (dataset or --world file) as a whole: every problem is listed with its path and
// reason, shape and cross-reference problems together, and nothing is computed from a partial world
// (legal-rules.md, "World data"). Also filters the facts answers may use by confidence.
import type { ErrorDetail, Result } from '../platform/errors/app-error.ts';
import { zodIssuesToDetails } from '../platform/errors/parse-input.ts';
import { worldSchema, type Confidence, type WorldData } from './schemas.ts';

export type World = WorldData;

type Loose = Record<string, unknown>;
const list = (value: unknown): Loose[] =>
  Array.isArray(value) ? value.map((v) => (typeof v === 'object' && v !== null ? (v as Loose) : {})) : [];
const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
const wellFormed = (code: string | undefined): code is string =>
  code !== undefined && /^[A-Z]{2}$/.test(code);

/**
 * Cross-reference checks, run on the raw input so that they are reported even when the shape is
 * also wrong: duplicates, jurisdictions not listed, instruments referenced but absent, until ≤ from.
 * Malformed values are left to the schema, which reports them once.
 */
function crossReferenceProblems(raw: unknown): ErrorDetail[] {
  const world = typeof raw === 'object' && raw !== null ? (raw as Loose) : {};
  const problems: ErrorDetail[] = [];
  const codes = new Set<string>();
  list(world.jurisdictions).forEach((j, i) => {
    const code = text(j.code);
    if (wellFormed(code) && codes.has(code)) {
      problems.push({ path: `jurisdictions.${i}.code`, reason: `duplicate jurisdiction ${code}` });
    }
    if (code !== undefined) {
      codes.add(code);
    }
  });
  const listed = (value: unknown, path: string) => {
    const code = text(value);
    if (wellFormed(code) && !codes.has(code)) {
      problems.push({ path, reason: `jurisdiction ${code} is not listed in jurisdictions` });
    }
  };
  const lawKeys = new Set<string>();
  list(world.laws).forEach((law, i) => {
    listed(law.jurisdiction, `laws.${i}.jurisdiction`);
    const key = `${text(law.jurisdiction)}/${text(law.offence)}`;
    if (lawKeys.has(key)) {
      problems.push({
        path: `laws.${i}`,
        reason: `a second row for ${text(law.jurisdiction)} and ${text(law.offence)} (at most one per pair)`,
      });
    }
    lawKeys.add(key);
  });
  const instruments = list(world.instruments);
  const ids = new Set(instruments.map((inst) => text(inst.id)));
  const seen = new Set<string>();
  instruments.forEach((inst, i) => {
    const id = text(inst.id);
    if (id !== undefined && seen.has(id)) {
      problems.push({ path: `instruments.${i}.id`, reason: `duplicate instrument id ${id}` });
    }
    if (id !== undefined) {
      seen.add(id);
    }
    const required = text(inst.openToPartiesOf);
    if (required !== undefined && !ids.has(required)) {
      problems.push({ path: `instruments.${i}.openToPartiesOf`, reason: `no instrument ${required}` });
    }
    for (const key of ['openTo', 'signatories']) {
      const codesListed = inst[key];
      if (Array.isArray(codesListed)) {
        codesListed.forEach((c, k) => listed(c, `instruments.${i}.${key}.${k}`));
      }
    }
    const parties = new Set<string>();
    list(inst.parties).forEach((p, k) => {
      const path = `instruments.${i}.parties.${k}`;
      const code = text(p.jurisdiction);
      listed(code, `${path}.jurisdiction`);
      if (code !== undefined && parties.has(code)) {
        problems.push({
          path: `${path}.jurisdiction`,
          reason: `${code} is listed twice as a party of ${id}`,
        });
      }
      if (code !== undefined) {
        parties.add(code);
      }
      const from = text(p.from);
      const until = text(p.until);
      if (from !== undefined && until !== undefined && until <= from) {
        problems.push({ path: `${path}.until`, reason: 'must be after from (until is exclusive)' });
      }
    });
  });
  return problems;
}

/** The world, or every problem with it. A `--world` file need not carry sources or confidences. */
export function validateWorld(raw: unknown): Result<World, 'invalid-world'> {
  const parsed = worldSchema.safeParse(raw);
  const problems = [
    ...(parsed.success ? [] : zodIssuesToDetails(parsed.error.issues)),
    ...crossReferenceProblems(raw),
  ];
  if (!parsed.success || problems.length > 0) {
    return { ok: false, reason: 'invalid-world', details: problems };
  }
  return { ok: true, value: parsed.data };
}

const rank: Record<Confidence, number> = { low: 0, medium: 1, high: 2 };

/** The confidence a fact counts with: its own, else its instrument's, else high (user-supplied worlds). */
export function effectiveConfidence(own: Confidence | undefined, inherited?: Confidence): Confidence {
  return own ?? inherited ?? 'high';
}

/**
 * The facts answers may use: low-confidence law rows and parties are left out unless asked for.
 * A party without its own confidence takes its instrument's; a fact without any counts as high, so a
 * `--world` file without confidences is used whole.
 */
export function usableFacts(world: World, includeLowConfidence: boolean): World {
  if (includeLowConfidence) {
    return world;
  }
  // Cached per world object so that repeated questions on the built-in world share one index.
  let filtered = highAndMedium.get(world);
  if (!filtered) {
    filtered = withoutLowConfidence(world);
    highAndMedium.set(world, filtered);
  }
  return filtered;
}

const highAndMedium = new WeakMap<World, World>();
function withoutLowConfidence(world: World): World {
  const ok = (c: Confidence) => rank[c] > rank.low;
  return {
    ...world,
    // A low-confidence nationals rule is dropped, so the rules' default applies and says so.
    jurisdictions: world.jurisdictions.map((j) => {
      if (
        j.extraditesNationals === undefined ||
        ok(effectiveConfidence(j.extraditesNationalsConfidence, j.confidence))
      ) {
        return j;
      }
      const {
        extraditesNationals: _e,
        extraditesNationalsSource: _s,
        extraditesNationalsConfidence: _c,
        ...rest
      } = j;
      return rest;
    }),
    laws: world.laws.filter((l) => ok(effectiveConfidence(l.confidence))),
    instruments: world.instruments.map((inst) => ({
      ...inst,
      parties: inst.parties.filter((p) => ok(effectiveConfidence(p.confidence, inst.confidence))),
    })),
  };
}

// Validates a world (dataset or --world file) as a whole: every problem is listed with its path and
// reason, and nothing is computed from a partial world (legal-rules.md, "World data").
import type { ErrorDetail, Result } from '../platform/errors/app-error.ts';
import { zodIssuesToDetails } from '../platform/errors/parse-input.ts';
import { worldSchema, type Confidence, type WorldData } from './schemas.ts';

export type World = WorldData;

export function validateWorld(raw: unknown): Result<World, 'invalid-world'> {
  const parsed = worldSchema.safeParse(raw);
  if (!parsed.success) {
    return { ok: false, reason: 'invalid-world', details: zodIssuesToDetails(parsed.error.issues) };
  }
  const world = parsed.data;
  const problems: ErrorDetail[] = [];
  const codes = new Set<string>();
  world.jurisdictions.forEach((j, i) => {
    if (codes.has(j.code)) {
      problems.push({ path: `jurisdictions.${i}.code`, reason: `duplicate jurisdiction ${j.code}` });
    }
    codes.add(j.code);
  });
  const known = (c: string, path: string) =>
    codes.has(c) || problems.push({ path, reason: `jurisdiction ${c} is not listed in jurisdictions` });
  const lawKeys = new Set<string>();
  world.laws.forEach((law, i) => {
    known(law.jurisdiction, `laws.${i}.jurisdiction`);
    const key = `${law.jurisdiction}/${law.offence}`;
    if (lawKeys.has(key)) {
      problems.push({
        path: `laws.${i}`,
        reason: `a second row for ${law.jurisdiction} and ${law.offence} (at most one per pair)`,
      });
    }
    lawKeys.add(key);
  });
  const ids = new Set<string>();
  world.instruments.forEach((inst, i) => {
    if (ids.has(inst.id)) {
      problems.push({ path: `instruments.${i}.id`, reason: `duplicate instrument id ${inst.id}` });
    }
    ids.add(inst.id);
    const parties = new Set<string>();
    inst.parties.forEach((p, k) => {
      const path = `instruments.${i}.parties.${k}`;
      known(p.jurisdiction, `${path}.jurisdiction`);
      if (parties.has(p.jurisdiction)) {
        problems.push({
          path: `${path}.jurisdiction`,
          reason: `${p.jurisdiction} is listed twice as a party of ${inst.id}`,
        });
      }
      parties.add(p.jurisdiction);
      if (p.from && p.until && p.until <= p.from) {
        problems.push({ path: `${path}.until`, reason: 'must be after from' });
      }
    });
  });
  return problems.length > 0
    ? { ok: false, reason: 'invalid-world', details: problems }
    : { ok: true, value: world };
}

const rank: Record<Confidence, number> = { low: 0, medium: 1, high: 2 };

/**
 * The facts answers may use: low-confidence law rows and parties are left out unless asked for.
 * A party without its own confidence takes its instrument's; a fact without any counts as high
 * (user-supplied worlds need not carry confidences).
 */
export function usableFacts(world: World, includeLowConfidence: boolean): World {
  if (includeLowConfidence) {
    return world;
  }
  const ok = (c: Confidence | undefined) => rank[c ?? 'high'] > rank.low;
  return {
    ...world,
    laws: world.laws.filter((l) => ok(l.confidence)),
    instruments: world.instruments.map((inst) => ({
      ...inst,
      parties: inst.parties.filter((p) => ok(p.confidence ?? inst.confidence)),
    })),
  };
}

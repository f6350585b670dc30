// The batched constituency lookup a routing run uses answers exactly what the single lookup (the
// resolve API) answers, on a random directory and random questions (seeded; printed on failure).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Services } from '../../src/platform/services.ts';
import { inTransaction } from '../../src/platform/db/pool.ts';
import {
  findConstituencyMatches,
  findConstituencyMatchesBatch,
  upsertCirt,
  type ConstituencyQuery,
} from '../../src/intel/cirts/cirt-store.ts';
import { cirtInput } from '../../src/intel/cirts/schemas.ts';
import { domainCandidates } from '../../src/intel/cirts/precedence.ts';
import { createTestServices } from '../support/services.ts';

let services: Services;
beforeAll(async () => {
  services = await createTestServices();
});
afterAll(() => services.close());

const COUNTRIES = ['FR', 'NG', 'KE', 'BR'];
const DOMAINS = ['*.ng', '*.gov.ng', 'mail.gov.ng', '*.fr', 'example.fr'];
const byKey = (m: { cirtId: string; via: string; specificity: number; detail: string }) =>
  `${m.cirtId} ${m.via} ${m.specificity} ${m.detail}`;

describe('findConstituencyMatchesBatch', () => {
  it('agrees with findConstituencyMatches on random directories and questions', async () => {
    const seed = Number(process.env.FC_SEED ?? Date.now() % 1_000_000);
    const octet = fc.integer({ min: 0, max: 3 });
    const teams = fc.sample(
      fc.record({
        ranges: fc.array(fc.tuple(octet, fc.constantFrom(8, 16, 24)), { maxLength: 2 }),
        asns: fc.uniqueArray(fc.integer({ min: 64496, max: 64499 }), { maxLength: 2 }),
        countries: fc.uniqueArray(fc.constantFrom(...COUNTRIES), { maxLength: 2 }),
        domains: fc.uniqueArray(fc.constantFrom(...DOMAINS), { maxLength: 2 }),
      }),
      { numRuns: 25, seed },
    );
    await inTransaction(services.ctx.db, async (tx) => {
      for (const [i, t] of teams.entries()) {
        await upsertCirt(
          tx,
          cirtInput.parse({
            officialName: `Random team ${i}`,
            country: 'FR',
            ranges: t.ranges.map(([o, bits]) => `10.${bits === 8 ? 0 : o}.0.0/${bits}`),
            asns: t.asns,
            countries: t.countries,
            domains: t.domains,
          }),
          'test',
        );
      }
    });
    const questions: ConstituencyQuery[] = fc.sample(
      fc.record({
        ip: fc.option(
          fc.tuple(octet, octet).map(([a, b]) => `10.${a}.${b}.7`),
          { nil: undefined },
        ),
        asn: fc.option(fc.integer({ min: 64496, max: 64499 }), { nil: undefined }),
        country: fc.option(fc.constantFrom(...COUNTRIES), { nil: undefined }),
        domainCandidates: fc.option(
          fc.constantFrom('a.mail.gov.ng', 'mail.gov.ng', 'x.example.fr', 'example.fr').map(domainCandidates),
          { nil: undefined },
        ),
      }),
      { numRuns: 120, seed: seed + 1 },
    );
    const batch = await findConstituencyMatchesBatch(services.ctx.db, questions);
    for (const [i, question] of questions.entries()) {
      const single = await findConstituencyMatches(services.ctx.db, question);
      expect(
        batch[i]!.map(byKey).sort(),
        `seed ${seed} (FC_SEED=${seed}); ${JSON.stringify(question)}`,
      ).toEqual(single.map(byKey).sort());
    }
    expect(batch.some((m) => m.length > 0)).toBe(true);
  });
});

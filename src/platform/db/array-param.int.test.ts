// The array literals PostgreSQL reads back as the same arrays node-postgres would have sent.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Services } from '../services.ts';
import { createTestServices } from '../../../test/support/services.ts';
import { integerArrayParam, textArrayParam } from './array-param.ts';

let services: Services;
beforeAll(async () => {
  services = await createTestServices();
});
afterAll(() => services.close());

describe('array parameters', () => {
  it('are read back as the arrays given, whatever their text', async () => {
    const text = fc.string({ unit: 'binary', maxLength: 12 }).filter((s) => !s.includes('\u0000'));
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.oneof(text, fc.constantFrom('NULL', '"', '\\', '{}', ',', ' ', '')), { maxLength: 8 }),
        fc.array(fc.integer({ min: -(2 ** 53) + 1, max: 2 ** 53 - 1 }), { maxLength: 5 }),
        async (texts, numbers) => {
          const r = await services.ctx.db.query<{ t: string[]; n: string[] }>(
            'SELECT $1::text[] AS t, $2::bigint[]::text[] AS n',
            [textArrayParam(texts), integerArrayParam(numbers)],
          );
          expect(r.rows[0]!.t).toEqual(texts);
          expect(r.rows[0]!.n).toEqual(numbers.map(String));
        },
      ),
      { numRuns: 150 },
    );
  });
});

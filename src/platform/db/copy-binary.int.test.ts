// Binary COPY against PostgreSQL's own text parsing: every field type the store writes comes out of a
// binary COPY exactly as the same value written as text, including timestamps at the edges (fractions
// finer than a microsecond, halves, second 60, years 1 and 9999) and arrays (empty, unicode, quotes).
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Services } from '../services.ts';
import { createTestServices } from '../../../test/support/services.ts';
import { inTransaction } from './pool.ts';
import { copyBinaryRows, OID_TEXT, OID_UUID } from './copy-binary.ts';
import { timestampParts } from '../../intel/stix/timestamp.ts';

let services: Services;
beforeAll(async () => {
  services = await createTestServices();
});
afterAll(() => services.close());

const REPEATED = ['6a1b7d1e-8a7c-4f7e-9a51-2d1f0c3b4a5e', 'F00DFACE-0000-4000-8000-00000000000A'];

type Row = {
  t: string | null;
  u: string | null;
  ts: string | null;
  b: boolean;
  n: number;
  i: number;
  ua: string[];
  ta: string[];
};

const two = (min: number, max: number) => fc.integer({ min, max }).map((n) => String(n).padStart(2, '0'));
const timestamp = fc
  .tuple(
    fc.integer({ min: 1, max: 9999 }).map((y) => String(y).padStart(4, '0')),
    two(1, 12),
    two(1, 28),
    two(0, 23),
    two(0, 59),
    two(0, 60),
    fc.oneof(
      fc.constant(''),
      fc.stringMatching(/^[0-9]{1,9}$/),
      // Exactly half a microsecond, and just either side of a second.
      fc.constantFrom('0000005', '0000015', '0000025', '9999995', '9999994', '5', '1234565'),
    ),
  )
  .map(([y, mo, d, h, mi, s, f]) => `${y}-${mo}-${d}T${h}:${mi}:${s}${f ? `.${f}` : ''}Z`);
const text = fc.string({ unit: 'binary', maxLength: 40 }).filter((s) => !s.includes('\u0000'));
const row: fc.Arbitrary<Row> = fc.record({
  t: fc.option(text, { nil: null }),
  // Repeated ids take the writer's cache of recent uuids.
  u: fc.option(fc.oneof(fc.uuid(), fc.constantFrom(...REPEATED)), { nil: null }),
  ts: fc.option(timestamp, { nil: null }),
  b: fc.boolean(),
  n: fc.integer({ min: -(2 ** 53) + 1, max: 2 ** 53 - 1 }),
  i: fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }),
  ua: fc.array(fc.oneof(fc.uuid(), fc.constantFrom(...REPEATED)), { maxLength: 3 }),
  ta: fc.array(text, { maxLength: 3 }),
});

const COLUMNS = ['t', 'u', 'ts', 'b', 'n', 'i', 'ua', 'ta'];
const TABLE = 't text, u uuid, ts timestamptz, b boolean, n bigint, i integer, ua uuid[], ta text[]';
const READ = `SELECT t, u::text, to_char(ts AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US') AS ts, b, n::text, i,
  ua::text[], ta FROM copied ORDER BY k`;

describe('binary COPY', () => {
  it('stores what PostgreSQL parses from the same values as text', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(row, { minLength: 1, maxLength: 20 }), async (rows) => {
        const [binary, parsed] = await inTransaction(services.ctx.db, async (tx) => {
          await tx.query(`CREATE TEMPORARY TABLE copied (k serial, ${TABLE}) ON COMMIT DROP`);
          await copyBinaryRows(tx, 'copied', COLUMNS, rows.length, (i, w) => {
            const r = rows[i]!;
            w.textField(r.t);
            w.uuidField(r.u);
            if (r.ts === null) {
              w.null();
            } else {
              const { seconds, micros } = timestampParts(r.ts);
              w.timestampField(seconds, micros);
            }
            w.boolField(r.b);
            w.int8Field(r.n);
            w.int4Field(r.i);
            w.arrayField(r.ua, OID_UUID);
            w.arrayField(r.ta, OID_TEXT);
          });
          const fromBinary = (await tx.query(READ)).rows;
          await tx.query('TRUNCATE copied');
          for (const r of rows) {
            await tx.query(
              `INSERT INTO copied (${COLUMNS.join(', ')}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
              [r.t, r.u, r.ts, r.b, String(r.n), r.i, r.ua, r.ta],
            );
          }
          return [fromBinary, (await tx.query(READ)).rows];
        });
        expect(binary).toEqual(parsed);
      }),
      { numRuns: 100 },
    );
  });

  it('refuses a malformed uuid before anything is sent', async () => {
    await expect(
      inTransaction(services.ctx.db, async (tx) => {
        await tx.query(`CREATE TEMPORARY TABLE copied (k serial, ${TABLE}) ON COMMIT DROP`);
        await copyBinaryRows(tx, 'copied', ['u'], 1, (_i, w) => w.uuidField('not-a-uuid'));
      }),
    ).rejects.toThrow(/not a uuid/);
  });
});

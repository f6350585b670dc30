// Global snapshot benchmark: latency of the whole snapshot (seven TLP-filtered aggregate queries) and
// of a search page and an object page, over N indicators from 20 countries sharing values (skewed, so
// some values are reported by many countries) and N/2 sightings, against a naive baseline in the same
// run: fetching the reader's visible reports into Node and counting countries per value there.
// Usage: node bench/snapshot.ts [--quick]   (quick: 20k indicators instead of 100k)
import { performance } from 'node:perf_hooks';
import { inTransaction } from '../src/platform/db/pool.ts';
import {
  insertOrganisation,
  insertUser,
  insertMembership,
  findMemberships,
  findUserById,
} from '../src/platform/identity/store.ts';
import { actorOf } from '../src/platform/identity/present.ts';
import { buildSnapshot, snapshotQuery } from '../src/intel/snapshot.ts';
import { snapshotAggregates } from '../src/intel/snapshot-store.ts';
import {
  objectsByLabels,
  objectsByProducerCountry,
  objectsByTypes,
} from '../src/intel/snapshot-objects-store.ts';
import type { SnapshotFilter } from '../src/intel/snapshot-sql.ts';
import { searchObjects, viewObject } from '../src/intel/objects.ts';
import { visibilityArgs, visibleToSql } from '../src/intel/visibility-sql.ts';
import { benchServices } from './support/database.ts';

const quick = process.argv.includes('--quick');
const n = quick ? 20_000 : 100_000;
const COUNTRIES = [
  'FR',
  'NG',
  'BR',
  'JP',
  'KE',
  'ID',
  'DE',
  'US',
  'IN',
  'ZA',
  'MX',
  'EG',
  'TN',
  'SN',
  'GH',
  'PH',
  'VN',
  'AR',
  'CL',
  'NL',
];
const { services, cleanup } = await benchServices();
const { db } = services.ctx;

const orgIds: string[] = [];
for (const country of COUNTRIES) {
  orgIds.push(
    (
      await insertOrganisation(db, {
        name: `Bench CIRT ${country}`,
        country,
        kind: 'cirt',
        mfaRequired: false,
      })
    ).id,
  );
}
const userId = await insertUser(db, {
  email: 'bench@accord.test',
  displayName: 'Bench',
  languages: [],
  isAdmin: false,
  passwordHash: 'x',
  mustChangePassword: false,
});
await insertMembership(db, userId, orgIds[0]!, 'analyst');
const actor = actorOf((await findUserById(db, userId))!, await findMemberships(db, userId), 'session');

const t0 = performance.now();
await inTransaction(db, async (tx) => {
  await tx.query('SELECT setseed(0.42)');
  // Values: n/2 IPv4 addresses; each indicator takes one with a squared-uniform skew, so low ids are
  // shared by many organisations (the correlations the snapshot is for) and most values by one.
  await tx.query(
    `INSERT INTO intel_values (kind, value) SELECT 'ipv4', '10.' || (g >> 16 & 255) || '.' || (g >> 8 & 255) || '.' || (g & 255)
       FROM generate_series(1, $1::int) g`,
    [n / 2],
  );
  await tx.query(
    `INSERT INTO intel_objects (stix_id, type, spec_version, created, modified, producer_organisation_id, tlp, raw, name, labels)
     SELECT 'indicator--00000000-0000-4000-8000-' || lpad(to_hex(g), 12, '0'), 'indicator', '2.1', c, c, ($2::uuid[])[1 + floor(random() * 20)::int],
            CASE WHEN random() < 0.15 THEN 'amber' WHEN random() < 0.05 THEN 'clear' ELSE 'green' END,
            '{"type":"indicator","indicator_types":["malicious-activity"]}', 'Bench indicator ' || g,
            ARRAY[(ARRAY['botnet','phishing','ransomware','scanner','c2'])[1 + floor(random() * 5)::int]]
       FROM generate_series(1, $1::int) g, LATERAL (SELECT now() - random() * interval '60 days' + g * interval '0 s' AS c) t`,
    [n, orgIds],
  );
  await tx.query(
    `INSERT INTO intel_object_values (value_id, object_pk)
     SELECT DISTINCT 1 + floor(random() ^ 2 * $1)::bigint, pk FROM intel_objects`,
    [n / 2],
  );
  await tx.query(
    `INSERT INTO intel_sightings (value_id, kind, count, first_seen, last_seen, country, producer_organisation_id, tlp)
     SELECT v, 'sighting', 1 + floor(random() * 50)::int, t, t, ($3::text[])[1 + i], ($2::uuid[])[1 + i], 'green'
       FROM generate_series(1, $1::int) g,
            LATERAL (SELECT 1 + floor(random() ^ 2 * $1)::bigint + g * 0 AS v, floor(random() * 20)::int AS i,
                            now() - random() * interval '60 days' AS t) r`,
    [n / 2, orgIds, COUNTRIES],
  );
});
await db.query('ANALYZE');
const loadSeconds = (performance.now() - t0) / 1000;

async function median(runs: number, f: () => Promise<unknown>): Promise<number> {
  await f();
  const times: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const start = performance.now();
    await f();
    times.push(performance.now() - start);
  }
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)]!;
}

const naive = async () => {
  // The obvious implementation: fetch every visible (value, country) report of the period, count in JS.
  const r = await db.query<{ value_id: number; country: string }>(
    `SELECT ov.value_id, p.country FROM intel_objects o JOIN organisations p ON p.id = o.producer_organisation_id
       JOIN intel_object_values ov ON ov.object_pk = o.pk
      WHERE o.is_latest AND o.created >= now() - interval '30 days' AND ${visibleToSql('o', 1, 2)}
     UNION ALL SELECT s.value_id, s.country FROM intel_sightings s
      WHERE s.last_seen >= now() - interval '30 days' AND ${visibleToSql('s', 1, 2)}`,
    visibilityArgs(actor),
  );
  const byValue = new Map<number, Set<string>>();
  for (const row of r.rows) {
    const set = byValue.get(row.value_id) ?? new Set<string>();
    set.add(row.country);
    byValue.set(row.value_id, set);
  }
  return [...byValue]
    .filter(([, c]) => c.size >= 2)
    .sort((a, b) => b[1].size - a[1].size)
    .slice(0, 100);
};

const cases: [string, () => Promise<unknown>][] = [
  ['snapshot, 30 days (all 7 parts)', () => buildSnapshot(services.ctx, actor, snapshotQuery.parse({}))],
  ...(
    [
      [
        '  values, countries, timeline, rising (one statement)',
        (f) =>
          snapshotAggregates(db, actor, f, {
            minCountries: 2,
            sharedLimit: 100,
            risingLimit: 15,
            bucket: 'day',
          }),
      ],
      ['  objects by labels (offences)', (f) => objectsByLabels(db, actor, f)],
      [
        '  objects by indicator/malware types, raw JSON parsed (the slow path labels avoid)',
        (f) => objectsByTypes(db, actor, f, []),
      ],
      ['  objects by producer country', (f) => objectsByProducerCountry(db, actor, f)],
    ] as [string, (f: SnapshotFilter) => Promise<unknown>][]
  ).map(([name, run]): [string, () => Promise<unknown>] => [
    name,
    () =>
      run({ since: new Date(Date.now() - 30 * 86_400_000).toISOString(), until: new Date().toISOString() }),
  ]),
  ['snapshot, 365 days', () => buildSnapshot(services.ctx, actor, snapshotQuery.parse({ days: '365' }))],
  [
    'snapshot, 30 days, TLP:GREEN, FR only',
    () => buildSnapshot(services.ctx, actor, snapshotQuery.parse({ tlp: 'green', country: 'FR' })),
  ],
  ['naive baseline: visible reports to Node, countries per value in JS (30 days, shared values only)', naive],
  ['search page (50, newest first)', () => searchObjects(services.ctx, actor, { limit: 50 })],
  ['search by exact value', () => searchObjects(services.ctx, actor, { limit: 50, value: '10.0.0.3' })],
  [
    'object page (view with correlations)',
    () =>
      viewObject(services.ctx, actor, 'indicator--00000000-0000-4000-8000-000000000001').catch(
        () => undefined,
      ),
  ],
];
console.log(
  `${n.toLocaleString('en')} indicators, ${(n / 2).toLocaleString('en')} values, ${(n / 2).toLocaleString('en')} sightings, 20 countries; loaded in ${loadSeconds.toFixed(1)} s\n`,
);
console.log('| what | median of 5 |');
console.log('|---|---|');
for (const [name, f] of cases) {
  console.log(`| ${name} | ${(await median(5, f)).toFixed(1)} ms |`);
}
await cleanup();

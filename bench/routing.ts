// Routing benchmark: (1) route decisions per second (special-purpose check, both country datasets,
// ASN) against the peer baseline of one `maxmind` lookup on the same addresses; (2) finding the
// responsible teams in a directory of country, ASN and range teams, batched as routing runs do against
// the naive one query per value; (3) a whole routing run (decisions, teams, TLP, notifications, audit)
// from an uploaded list. Same addresses for every variant, in the same run.
// Usage: node bench/routing.ts [--quick]   (quick: 5k addresses instead of 20k)
import { performance } from 'node:perf_hooks';
import maxmind, { type Response } from 'maxmind';
import { inTransaction } from '../src/platform/db/pool.ts';
import {
  insertOrganisation,
  insertUser,
  insertMembership,
  findMemberships,
  findUserById,
} from '../src/platform/identity/store.ts';
import { actorOf } from '../src/platform/identity/present.ts';
import { openRoutingLookups, routeAddress } from '../src/intel/routing/route-decision.ts';
import { resolveDataFile } from '../src/intel/routing/data-sources.ts';
import { ISO_3166_ALPHA2 } from '../src/intel/routing/cctld.ts';
import {
  findConstituencyMatches,
  findConstituencyMatchesBatch,
  upsertCirt,
} from '../src/intel/cirts/cirt-store.ts';
import { cirtInput } from '../src/intel/cirts/schemas.ts';
import { createRoutingRun } from '../src/intel/routing/routing-run.ts';
import { benchServices, formatRate } from './support/database.ts';

const quick = process.argv.includes('--quick');
const n = quick ? 5_000 : 20_000;
// A fixed xorshift generator: the same addresses on every run.
let state = 0x9e3779b9;
const random = () => {
  state ^= state << 13;
  state ^= state >>> 17;
  state ^= state << 5;
  return (state >>> 0) / 2 ** 32;
};
const ip = () =>
  [1 + Math.floor(random() * 222), random() * 256, random() * 256, random() * 256].map(Math.floor).join('.');

const lookups = await openRoutingLookups();
const addresses: string[] = [];
while (addresses.length < n) {
  const a = ip();
  if (routeAddress(lookups, a).outcome === 'routed') {
    addresses.push(a);
  }
}

function rate(f: () => void, count: number, rounds = 5): number {
  let best = Infinity;
  for (let r = 0; r < rounds; r += 1) {
    const t = performance.now();
    f();
    best = Math.min(best, performance.now() - t);
  }
  return (count / best) * 1000;
}
const reader = await maxmind.open<Response>(resolveDataFile('countryPrimary'));
const decisions = rate(() => addresses.forEach((a) => routeAddress(lookups, a)), n);
const single = rate(() => addresses.forEach((a) => reader.get(a)), n);

const { services, cleanup } = await benchServices();
const { db } = services.ctx;
const org = await insertOrganisation(db, {
  name: 'Bench coordination',
  country: 'CH',
  kind: 'coordinator',
  mfaRequired: false,
});
const userId = await insertUser(db, {
  email: 'bench@routing.example',
  displayName: 'Bench',
  languages: ['en'],
  isAdmin: false,
  passwordHash: 'x',
  mustChangePassword: false,
});
await insertMembership(db, userId, org.id, 'analyst');
const actor = actorOf((await findUserById(db, userId))!, await findMemberships(db, userId), 'cli');

// Directory: one national team per country, 1,000 ASN teams, 2,000 range teams (/16 to /24).
await inTransaction(db, async (tx) => {
  let i = 0;
  for (const country of ISO_3166_ALPHA2) {
    await upsertCirt(
      tx,
      cirtInput.parse({ officialName: `Bench national ${country}`, country, countries: [country] }),
      'bench',
    );
  }
  for (; i < 1000; i += 1) {
    const asn = lookups.asn(addresses[i % n]!)?.asn ?? 64496;
    await upsertCirt(
      tx,
      cirtInput.parse({ officialName: `Bench ASN team ${i}`, country: 'FR', asns: [asn] }),
      'bench',
    );
  }
  for (i = 0; i < 2000; i += 1) {
    const [a = 1, b = 0, c = 0] = addresses[(i * 7) % n]!.split('.').map(Number);
    const range = i % 2 === 0 ? `${a}.${b}.0.0/16` : `${a}.${b}.${c}.0/24`;
    await upsertCirt(
      tx,
      cirtInput.parse({ officialName: `Bench range team ${i}`, country: 'FR', ranges: [range] }),
      'bench',
    );
  }
});
await db.query('ANALYZE cirt_constituency');
const queries = addresses.map((a) => {
  const d = routeAddress(lookups, a);
  return { ip: a, asn: d.asn?.asn, country: d.countries[0] };
});
const timed = async (f: () => Promise<unknown>) => {
  const t = performance.now();
  await f();
  return performance.now() - t;
};
const naiveMs = await timed(async () => {
  for (const q of queries) {
    await findConstituencyMatches(db, q);
  }
});
const batchMs = await timed(async () => {
  for (let i = 0; i < queries.length; i += 2000) {
    await findConstituencyMatchesBatch(db, queries.slice(i, i + 2000));
  }
});
let counts: Record<string, number> = {};
const runMs = await timed(async () => {
  const run = await createRoutingRun(services.ctx, actor, {
    source: { kind: 'list', text: addresses.join('\n'), tlp: 'green' },
  });
  counts = run.counts;
});
await cleanup();

const teams = ISO_3166_ALPHA2.size + 3000;
console.log(
  `${n.toLocaleString('en')} random routed public IPv4 addresses; directory of ${teams.toLocaleString('en')} teams (${ISO_3166_ALPHA2.size} national, 1,000 ASN, 2,000 range); best of 5 rounds for in-memory lookups.\n`,
);
console.log('| what | rate | baseline (same run) |');
console.log('|---|---|---|');
console.log(
  `| route decisions (special-purpose, 2 country datasets, ASN) | ${formatRate(decisions)}/s | one \`maxmind\` lookup: ${formatRate(single)}/s |`,
);
console.log(
  `| responsible teams, batched (2,000 per query) | ${formatRate((n / batchMs) * 1000)} values/s | one query per value: ${formatRate((n / naiveMs) * 1000)} values/s |`,
);
console.log(
  `| whole routing run from a list (${counts.notifications} notifications) | ${formatRate((n / runMs) * 1000)} values/s (${(runMs / 1000).toFixed(1)} s) | |`,
);

// TAXII server benchmark: objects/s paged by a client through collections of 100k and 1M objects,
// first-page latency as the collection grows, requests/s for discovery and get-by-id with token auth
// and with Basic user + password (cached verification, against argon2 per request), and POST ingest
// objects/s; against naive OFFSET paging on the same table in the same run.
// Usage: node bench/taxii.ts [--quick]   (quick: 10k and 100k objects)
import { performance } from 'node:perf_hooks';
import { buildApp } from '../src/platform/http/app.ts';
import { inTransaction } from '../src/platform/db/pool.ts';
import {
  insertOrganisation,
  insertUser,
  insertMembership,
  findMemberships,
  findUserById,
} from '../src/platform/identity/store.ts';
import { actorOf } from '../src/platform/identity/present.ts';
import { createApiToken } from '../src/platform/identity/tokens.ts';
import { createCollection } from '../src/intel/collections.ts';
import { hashPassword, verifyPassword } from '../src/platform/identity/passwords.ts';
import { benchServices, formatRate } from './support/database.ts';

const quick = process.argv.includes('--quick');
const BENCH_PASSWORD = 'bench password, long enough';
const sizes = quick ? [10_000, 100_000] : [100_000, 1_000_000];
const { services, cleanup } = await benchServices();
const { db } = services.ctx;

const org = await insertOrganisation(db, {
  name: 'Bench CIRT',
  country: 'FR',
  kind: 'cirt',
  mfaRequired: false,
});
const userId = await insertUser(db, {
  email: 'bench@accord.test',
  displayName: 'Bench',
  languages: [],
  isAdmin: false,
  passwordHash: await hashPassword(BENCH_PASSWORD),
  mustChangePassword: false,
});
await insertMembership(db, userId, org.id, 'org-admin');
const actor = actorOf((await findUserById(db, userId))!, await findMemberships(db, userId), 'session');
const { token } = await createApiToken(services.ctx, actor, { name: 'bench' });
const { id: collectionId } = await createCollection(services.ctx, actor, {
  title: 'Bench',
  ownerOrganisationId: org.id,
  defaultTlp: 'green',
});
const app = await buildApp(services);
const base = await app.listen({ port: 0, host: '127.0.0.1' });
const headers = { accept: 'application/taxii+json;version=2.1', authorization: `Bearer ${token}` };
const objectsUrl = `${base}/taxii2/accord/collections/${collectionId}/objects/`;

async function grow(to: number, from: number): Promise<number> {
  const t0 = performance.now();
  await inTransaction(db, async (tx) => {
    await tx.query(
      `INSERT INTO intel_objects (stix_id, type, spec_version, created, modified, producer_organisation_id, tlp, raw)
       SELECT 'indicator--' || u, 'indicator', '2.1', '2026-11-01T00:00:00Z', '2026-11-01T00:00:00Z', $1, 'green',
              format('{"type":"indicator","spec_version":"2.1","id":"indicator--%s","created":"2026-11-01T00:00:00.000Z","modified":"2026-11-01T00:00:00.000Z","name":"C2 server %s","pattern":"[ipv4-addr:value = ''%s'']","pattern_type":"stix","valid_from":"2026-11-01T00:00:00Z","labels":["botnet"]}',
                     u, g, ((g >> 16) & 255) || '.' || ((g >> 8) & 255) || '.' || (g & 255) || '.7')
         FROM generate_series($2::int + 1, $3::int) g, LATERAL (SELECT '00000000-0000-4000-8000-' || lpad(to_hex(g), 12, '0') AS u) x`,
      [org.id, from, to],
    );
    await tx.query(
      `INSERT INTO taxii_collection_objects (collection_id, object_pk, date_added)
       SELECT $1, pk, '2026-11-01T00:00:00Z'::timestamptz + pk * interval '1 millisecond' FROM intel_objects WHERE pk > $2 ORDER BY pk`,
      [collectionId, from],
    );
  });
  await db.query('ANALYZE intel_objects; ANALYZE taxii_collection_objects');
  return (performance.now() - t0) / 1000;
}

async function pageAll(limit: number): Promise<{ objects: number; seconds: number; pages: number }> {
  const t0 = performance.now();
  let url = `${objectsUrl}?limit=${limit}`;
  let objects = 0;
  let pages = 0;
  for (;;) {
    const res = await fetch(url, { headers });
    const body = (await res.json()) as { more: boolean; next?: string; objects?: unknown[] };
    objects += body.objects?.length ?? 0;
    pages += 1;
    if (!body.more || !body.next) {
      break;
    }
    url = `${objectsUrl}?limit=${limit}&next=${encodeURIComponent(body.next)}`;
  }
  return { objects, seconds: (performance.now() - t0) / 1000, pages };
}

async function medianMs(run: () => Promise<unknown>, times = 15): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < times; i += 1) {
    const t0 = performance.now();
    await run();
    samples.push(performance.now() - t0);
  }
  return samples.sort((a, b) => a - b)[Math.floor(samples.length / 2)] as number;
}

async function requestsPerSecond(
  url: string,
  total = 3000,
  concurrency = 16,
  requestHeaders: Record<string, string> = headers,
): Promise<number> {
  let sent = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (sent < total) {
        sent += 1;
        const res = await fetch(url, { headers: requestHeaders });
        await res.arrayBuffer();
      }
    }),
  );
  return total / ((performance.now() - t0) / 1000);
}

const rows: string[] = [];
let size = 0;
for (const target of sizes) {
  const loadSeconds = await grow(target, size);
  size = target;
  const firstPage = await medianMs(() =>
    fetch(`${objectsUrl}?limit=1000`, { headers }).then((r) => r.arrayBuffer()),
  );
  const sample = await db.query<{ pk: number }>('SELECT pk FROM intel_objects ORDER BY pk DESC LIMIT 1');
  const lastKnown = sample.rows[0]!.pk;
  const offsetLast = await medianMs(
    () =>
      db.query(
        `SELECT o.raw FROM taxii_collection_objects c JOIN intel_objects o ON o.pk = c.object_pk WHERE c.collection_id = $1
      ORDER BY c.date_added, c.seq OFFSET $2 LIMIT 1000`,
        [collectionId, Math.max(0, size - 1000)],
      ),
    5,
  );
  const keysetLast = await medianMs(
    () =>
      db.query(
        `SELECT o.raw FROM taxii_collection_objects c JOIN intel_objects o ON o.pk = c.object_pk WHERE c.collection_id = $1 AND c.seq > $2
      ORDER BY c.seq LIMIT 1000`,
        [collectionId, Math.max(0, lastKnown - 1000)],
      ),
    5,
  );
  const paged1k = await pageAll(1000);
  const paged10k = await pageAll(10_000);
  rows.push(
    `| ${formatRate(size)} objects | load ${loadSeconds.toFixed(1)} s | ${formatRate(paged1k.objects / paged1k.seconds)}/s (limit 1000, ${paged1k.pages} pages) | ${formatRate(paged10k.objects / paged10k.seconds)}/s (limit 10000) | first page ${firstPage.toFixed(1)} ms | last 1000 by OFFSET ${offsetLast.toFixed(1)} ms vs keyset ${keysetLast.toFixed(1)} ms (SQL only) |`,
  );
  if (paged1k.objects !== size) {
    throw new Error(`paging returned ${paged1k.objects} of ${size} objects`);
  }
}
console.log(
  '| collection | bulk load | paged (limit 1000) | paged (limit 10000) | first page (median) | naive OFFSET vs keyset, last page |',
);
console.log('|---|---|---|---|---|---|');
rows.forEach((r) => console.log(r));
const someId = (await db.query<{ stix_id: string }>('SELECT stix_id FROM intel_objects LIMIT 1')).rows[0]!
  .stix_id;
const discovery = await requestsPerSecond(`${base}/taxii2/`);
const byId = await requestsPerSecond(`${objectsUrl}${someId}/`);
const basicHeaders = {
  ...headers,
  authorization: `Basic ${Buffer.from(`bench@accord.test:${BENCH_PASSWORD}`).toString('base64')}`,
};
const basicDiscovery = await requestsPerSecond(`${base}/taxii2/`, 3000, 16, basicHeaders);
// The naive baseline: what checking the password on every request would allow at most (argon2 alone).
const storedHash = (
  await db.query<{ h: string }>('SELECT password_hash AS h FROM users WHERE id = $1', [userId])
).rows[0]!.h;
const argonStart = performance.now();
for (let i = 0; i < 20; i += 1) {
  await verifyPassword(storedHash, BENCH_PASSWORD);
}
const argonPerSecond = 20 / ((performance.now() - argonStart) / 1000);

// POST ingest: envelopes of 1000 new indicators through the full path (validation, TLP, dedupe, store,
// membership, status), one after the other, as a feed or a partner node would send them.
const postEnvelopes = quick ? 5 : 20;
const postStart = performance.now();
let posted = 0;
for (let e = 0; e < postEnvelopes; e += 1) {
  const objects = Array.from({ length: 1000 }, (_, i) => {
    const n = e * 1000 + i;
    const id = `indicator--${`b0000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`}`;
    return {
      type: 'indicator',
      spec_version: '2.1',
      id,
      created: '2026-11-30T10:00:00.000Z',
      modified: '2026-11-30T10:00:00.000Z',
      name: `Posted C2 ${n}`,
      pattern: `[ipv4-addr:value = '10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}']`,
      pattern_type: 'stix',
      valid_from: '2026-11-30T10:00:00Z',
    };
  });
  const res = await fetch(objectsUrl, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/taxii+json;version=2.1' },
    body: JSON.stringify({ objects }),
  });
  const status = (await res.json()) as { success_count?: number; description?: string };
  if (!res.ok || status.success_count === undefined) {
    throw new Error(
      `POST answered ${res.status}: ${status.description ?? JSON.stringify(status).slice(0, 300)}`,
    );
  }
  posted += status.success_count;
}
const postPerSecond = posted / ((performance.now() - postStart) / 1000);
if (posted !== postEnvelopes * 1000) {
  throw new Error(`POST stored ${posted} of ${postEnvelopes * 1000} objects`);
}

console.log(
  `\nWith Bearer token auth, 16 concurrent keep-alive clients in the same process: discovery ${formatRate(discovery)} req/s, object by id ${formatRate(byId)} req/s.`,
);
console.log(
  `Basic user + password (verification cached 60 s): discovery ${formatRate(basicDiscovery)} req/s; argon2 per request would cap it at ${argonPerSecond.toFixed(1)} verifications/s.`,
);
console.log(
  `POST objects: ${formatRate(postPerSecond)} objects/s (${postEnvelopes} envelopes of 1000 new indicators, each through validation, dedupe, store, membership and status).`,
);
await app.close();
await cleanup();

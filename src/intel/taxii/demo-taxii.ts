// The TAXII part of `accord demo`: a [Demo] collection shared by ngCERT with CERT-FR (writer) and
// KE-CIRT/CC (reader) under TLP:AMBER, three [Demo] indicators stored into it through the ingest core,
// and a [Demo] feed of ngCERT (disabled, so it never calls out) showing how a partner pull is set up.
import type { Ctx } from '../../platform/context.ts';
import { inTransaction } from '../../platform/db/pool.ts';
import { actorOf } from '../../platform/identity/present.ts';
import { findMemberships, findUserByEmail } from '../../platform/identity/store.ts';
import { createCollection } from '../collections.ts';
import { createFeed } from '../feeds/feeds.ts';
import { ingestStixObjectsIn } from '../ingest/ingest-batch.ts';
import { addToCollection } from './taxii-store.ts';

const TITLE = '[Demo] West Africa botnet takedown';
const OWNER_EMAIL = 'amaka.okafor@demo.accord.example';

/** Documentation addresses only (RFC 5737): nothing here points at a real network. */
const INDICATORS = [
  ['a1', "[ipv4-addr:value = '198.51.100.140']", '[Demo] Botnet C2 server, Lagos hosting'],
  ['a2', "[ipv4-addr:value = '198.51.100.141']", '[Demo] Botnet C2 fallback'],
  ['a3', "[domain-name:value = 'update-check.demo-botnet.example']", '[Demo] Botnet update domain'],
].map(([n, pattern, name]) => ({
  type: 'indicator',
  spec_version: '2.1',
  id: `indicator--de000000-0000-4000-8000-0000000000${n}`,
  created: '2026-11-28T09:00:00.000Z',
  modified: '2026-11-28T09:00:00.000Z',
  name,
  labels: ['demo'],
  pattern,
  pattern_type: 'stix',
  valid_from: '2026-11-28T09:00:00Z',
}));

async function orgId(ctx: Ctx, name: string): Promise<string | undefined> {
  const r = await ctx.db.query<{ id: string }>('SELECT id FROM organisations WHERE name = $1', [name]);
  return r.rows[0]?.id;
}

export async function loadTaxiiDemo(ctx: Ctx, baseUrl = 'http://localhost:8787'): Promise<string[]> {
  const [ng, fr, ke] = await Promise.all(
    ['[Demo] ngCERT', '[Demo] CERT-FR', '[Demo] KE-CIRT/CC'].map((n) => orgId(ctx, n)),
  );
  const user = await findUserByEmail(ctx.db, OWNER_EMAIL);
  if (!ng || !fr || !ke || !user) {
    return [];
  }
  const actor = actorOf(user, await findMemberships(ctx.db, user.id), 'cli');
  const existing = await ctx.db.query<{ id: string }>('SELECT id FROM taxii_collections WHERE title = $1', [
    TITLE,
  ]);
  const collectionId =
    existing.rows[0]?.id ??
    (
      await createCollection(ctx, actor, {
        title: TITLE,
        description:
          'Demonstration collection: indicators of a fictitious botnet, shared for a joint takedown.',
        alias: 'demo-west-africa-botnet',
        ownerOrganisationId: ng,
        readerOrganisationIds: [fr, ke],
        writerOrganisationIds: [fr],
        defaultTlp: 'amber',
        defaultAudienceOrganisationIds: [fr, ke],
      })
    ).id;
  await inTransaction(ctx.db, async (tx) => {
    const batch = await ingestStixObjectsIn(tx, ctx, actor, INDICATORS, {
      producerOrganisationId: ng,
      authorUserId: user.id,
      defaultTlp: 'amber',
      audienceOrganisationIds: [fr, ke],
      source: { kind: 'demo', ref: collectionId },
    });
    const ids = batch.results.flatMap((r) => (r.id ? [r.id] : []));
    const pks = await tx.query<{ pk: string }>(
      'SELECT pk FROM intel_objects WHERE stix_id = ANY($1) ORDER BY pk',
      [ids],
    );
    await addToCollection(
      tx,
      collectionId,
      pks.rows.map((r) => Number(r.pk)),
    );
  });
  // The feed pulls the coordination centre's demo collection into ngCERT's: the usual partner set-up.
  const feedName = '[Demo] Coordination centre C2 feed (disabled example)';
  const source = await ctx.db.query<{ id: string }>(
    "SELECT id FROM taxii_collections WHERE alias = 'demo-botnet-c2' LIMIT 1",
  );
  const hasFeed = await ctx.db.query('SELECT 1 FROM taxii_feeds WHERE organisation_id = $1 AND name = $2', [
    ng,
    feedName,
  ]);
  if (!hasFeed.rowCount) {
    // The example points at this node itself, usually on loopback, which the outbound guard refuses
    // to users. The demo may save it; running it still needs the operator's ACCORD_OUTBOUND_ALLOW.
    const demoCtx = {
      ...ctx,
      config: { ...ctx.config, outboundAllow: [...ctx.config.outboundAllow, '127.0.0.0/8', '::1/128'] },
    };
    await createFeed(demoCtx, actor, {
      name: feedName,
      organisationId: ng,
      url: `${baseUrl}/taxii2/`,
      remoteCollectionId: source.rows[0]?.id ?? 'demo-botnet-c2',
      auth: { kind: 'none' },
      intervalMinutes: 60,
      tlp: 'green',
      targetCollectionId: collectionId,
      enabled: false,
    });
  }
  return [
    `TAXII: collection "${TITLE}" (owner [Demo] ngCERT; readers CERT-FR and KE-CIRT/CC; CERT-FR writes; default TLP:AMBER) with ${INDICATORS.length} [Demo] indicators at ${baseUrl}/taxii2/accord/collections/${collectionId}/`,
    `  try: accord intel pull --url ${baseUrl}/taxii2/ --collection ${collectionId} --user ${OWNER_EMAIL} --password-env DEMO_PASSWORD`,
    `  and a disabled feed "${feedName}" of [Demo] ngCERT in Intel > Feeds (enable it with a token to pull; on loopback also set ACCORD_OUTBOUND_ALLOW=127.0.0.1/32).`,
  ];
}

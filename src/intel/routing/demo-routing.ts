// The routing part of `accord demo`: the coordination desk routes the labelled synthetic botnet feed
// (demo-feed.ts) to the demo CIRTs through the real routing run, and [Demo] CERT-FR acknowledges its
// notification, so the inbox and the routing map have something to show; and [Demo] KE-CIRT/CC routes
// its imported C2 blocklist (demo-imports.ts) as an import. Loaded once: a second `accord demo` finds
// the runs and leaves them.
import type { Ctx } from '../../platform/context.ts';
import type { Actor } from '../../platform/access/policy.ts';
import { actorOf } from '../../platform/identity/present.ts';
import { findMemberships, findUserByEmail } from '../../platform/identity/store.ts';
import { createRoutingRun } from './routing-run.ts';
import { acknowledgeNotification, listMyInbox } from '../notifications/inbox.ts';
import { DEMO_FEED, DEMO_FEED_NAME, DEMO_RUN_NAME } from './demo-feed.ts';

export const DEMO_IMPORT_RUN_NAME = '[Demo] KE-CIRT/CC C2 blocklist import: routing';

async function demoActor(ctx: Ctx, email: string): Promise<Actor | undefined> {
  const user = await findUserByEmail(ctx.db, email);
  return user ? actorOf(user, await findMemberships(ctx.db, user.id), 'cli') : undefined;
}

/**
 * KE-CIRT/CC routes what its blocklist import stored: four synthetic addresses of large Kenyan,
 * Nigerian and Japanese ISP blocks reach those countries' teams, and the documentation addresses
 * (which the snapshot correlates) are dropped as special-purpose, as they always are.
 */
async function routeDemoImport(ctx: Ctx): Promise<string[]> {
  const existing = await ctx.db.query('SELECT 1 FROM routing_runs WHERE name = $1', [DEMO_IMPORT_RUN_NAME]);
  const kenya = await demoActor(ctx, 'wanjiru.kamau@demo.accord.example');
  const organisationId = kenya?.memberships[0]?.organisationId;
  if (existing.rows.length > 0 || !kenya || !organisationId) {
    return [];
  }
  const found = await ctx.db.query<{ id: string }>(
    `SELECT id FROM intel_imports WHERE organisation_id = $1 AND file_name = 'kecirt-c2-blocklist.csv'
      ORDER BY created_at LIMIT 1`,
    [organisationId],
  );
  const importId = found.rows[0]?.id;
  if (!importId) {
    return [];
  }
  const run = await createRoutingRun(ctx, kenya, {
    name: DEMO_IMPORT_RUN_NAME,
    organisationId,
    source: { kind: 'import', importId },
  });
  const c = run.counts;
  return [
    `Routing: "${DEMO_IMPORT_RUN_NAME}" routed the import's ${c.values} values: ${c.routed} routed, ${c.notRouted} documentation addresses dropped (special-purpose, never routed).`,
  ];
}

export async function loadRoutingDemo(ctx: Ctx): Promise<string[]> {
  return [...(await routeDesksFeed(ctx)), ...(await routeDemoImport(ctx))];
}

async function routeDesksFeed(ctx: Ctx): Promise<string[]> {
  const existing = await ctx.db.query('SELECT 1 FROM routing_runs WHERE name = $1', [DEMO_RUN_NAME]);
  if (existing.rows.length > 0) {
    return [`Routing: the demo run "${DEMO_RUN_NAME}" is already there.`];
  }
  const desk = await demoActor(ctx, 'coordinator.analyst@demo.accord.example');
  if (!desk || desk.memberships.length === 0) {
    return [];
  }
  const run = await createRoutingRun(ctx, desk, {
    name: DEMO_RUN_NAME,
    organisationId: desk.memberships[0]?.organisationId,
    source: { kind: 'list', text: DEMO_FEED, tlp: 'amber', fileName: DEMO_FEED_NAME },
  });
  const certFr = await demoActor(ctx, 'julien.bernard@demo.accord.example');
  if (certFr) {
    const [first] = await listMyInbox(ctx, certFr);
    if (first) {
      await acknowledgeNotification(ctx, certFr, first.id);
    }
  }
  const c = run.counts;
  return [
    `Routing: "${DEMO_RUN_NAME}" routed ${c.routed} of ${c.values} synthetic values to ${c.notifications} demo CIRT inboxes (TLP:AMBER; ${c.notRouted} special-purpose values dropped; [Demo] CERT-FR has acknowledged).`,
  ];
}

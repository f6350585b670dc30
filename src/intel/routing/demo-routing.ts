// The routing part of `accord demo`: the coordination desk routes the labelled synthetic botnet feed
// (demo-feed.ts) to the demo CIRTs through the real routing run, and [Demo] CERT-FR acknowledges its
// notification, so the inbox and the routing map have something to show. Loaded once: a second
// `accord demo` finds the run and leaves it.
import type { Ctx } from '../../platform/context.ts';
import type { Actor } from '../../platform/access/policy.ts';
import { actorOf } from '../../platform/identity/present.ts';
import { findMemberships, findUserByEmail } from '../../platform/identity/store.ts';
import { createRoutingRun } from './routing-run.ts';
import { acknowledgeNotification, listMyInbox } from '../notifications/inbox.ts';
import { DEMO_FEED, DEMO_FEED_NAME, DEMO_RUN_NAME } from './demo-feed.ts';

async function demoActor(ctx: Ctx, email: string): Promise<Actor | undefined> {
  const user = await findUserByEmail(ctx.db, email);
  return user ? actorOf(user, await findMemberships(ctx.db, user.id), 'cli') : undefined;
}

export async function loadRoutingDemo(ctx: Ctx): Promise<string[]> {
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

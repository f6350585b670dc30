// The `intel.feed-pull` job: pulls a feed's remote collection as the feed's creator, from the feed's
// stored position, and records the run's outcome (counts or error) on the feed for the UI and API.
import type { Ctx } from '../../platform/context.ts';
import type { JobHandler } from '../../platform/jobs/runner.ts';
import { AppError } from '../../platform/errors/app-error.ts';
import { actorOf } from '../../platform/identity/present.ts';
import { findMemberships, findUserById } from '../../platform/identity/store.ts';
import { createOutboundFetch, type FetchLike } from '../../platform/http/outbound-fetch.ts';
import { createTaxiiClient, type TaxiiCredentials } from '../taxii/client/taxii-http-client.ts';
import { pullCollection } from '../taxii/client/pull.ts';
import { loadFeedKey, openSecret } from './feed-secrets.ts';
import { findFeed, markFeedFinished, markFeedRunning, saveFeedPosition, type FeedRow } from './feed-store.ts';

function credentialsOf(ctx: Ctx, f: FeedRow): TaxiiCredentials {
  if (f.auth_kind === 'none' || !f.secret_ciphertext) {
    return { kind: 'none' };
  }
  const secret = openSecret(loadFeedKey(ctx.config.dataDir), f.secret_ciphertext);
  return f.auth_kind === 'token'
    ? { kind: 'token', token: secret }
    : { kind: 'basic', user: f.username ?? '', password: secret };
}

export function createFeedPullHandler(ctx: Ctx, options: { fetch?: FetchLike } = {}): JobHandler {
  // An analyst set the URL: every request of the run, discovery and pages alike, passes the guard.
  const outbound = options.fetch ?? createOutboundFetch({ allow: ctx.config.outboundAllow });
  return async ({ job, progress, signal }) => {
    const feedId = (job.payload as { feedId?: unknown }).feedId;
    const feed = typeof feedId === 'string' ? await findFeed(ctx.db, feedId) : undefined;
    if (!feed) {
      return { skipped: 'the feed no longer exists' };
    }
    await markFeedRunning(ctx.db, feed.id, ctx.now().toISOString());
    try {
      const creator = feed.created_by ? await findUserById(ctx.db, feed.created_by) : undefined;
      if (!creator || creator.disabled) {
        throw new AppError(
          'FORBIDDEN',
          'the account that set up this feed is gone or disabled; re-create the feed',
        );
      }
      const actor = actorOf(creator, await findMemberships(ctx.db, creator.id), 'cli');
      let objects = 0;
      const result = await pullCollection(ctx, actor, {
        client: createTaxiiClient({
          credentials: credentialsOf(ctx, feed),
          fetch: outbound,
        }),
        url: feed.url,
        remoteCollectionId: feed.remote_collection_id,
        producerOrganisationId: feed.organisation_id,
        tlp: feed.tlp ?? undefined,
        audienceOrganisationIds: feed.audience_organisation_ids,
        targetCollectionId: feed.target_collection_id ?? undefined,
        position: {
          load: async (q) => (await findFeed(q, feed.id))?.last_added_after ?? undefined,
          save: (q, addedAfter) => saveFeedPosition(q, feed.id, addedAfter),
        },
        source: { kind: 'feed', ref: feed.id },
        signal,
        onPage: async (p) => {
          objects += p.objects;
          await progress({ done: objects, message: `${objects} object(s) pulled` });
        },
      });
      await markFeedFinished(ctx.db, feed.id, { status: 'succeeded', counts: result.counts, error: null });
      return { objects: result.objects, pages: result.pages, counts: result.counts };
    } catch (error) {
      await markFeedFinished(ctx.db, feed.id, {
        status: 'failed',
        counts: null,
        error: (error as Error).message.slice(0, 1000),
      });
      throw error;
    }
  };
}

// The intel capability's background jobs, by kind. Each feature adds its kind here (imports, feed
// pulls, notification delivery); `serve` and the CLI run them through the platform's job runner.
import type { Ctx } from '../platform/context.ts';
import type { JobHandlers } from '../platform/jobs/runner.ts';
import { NOTIFICATION_DELIVERY_JOB } from './notifications/delivery-channels.ts';
import { createDeliveryHandler } from './notifications/deliver-notification.ts';
import { ROUTING_RUN_JOB, createRoutingRunHandler } from './routing/routing-job.ts';
import { FEED_PULL_JOB } from './feeds/feeds.ts';
import { createFeedPullHandler } from './feeds/feed-job.ts';
import { IMPORT_JOB_KIND, importJobHandler } from './ingest/import-job.ts';

export function intelJobHandlers(ctx: Ctx): JobHandlers {
  return {
    [FEED_PULL_JOB]: createFeedPullHandler(ctx),
    [IMPORT_JOB_KIND]: importJobHandler(ctx),
    [NOTIFICATION_DELIVERY_JOB]: createDeliveryHandler(ctx),
    [ROUTING_RUN_JOB]: createRoutingRunHandler(ctx),
  };
}

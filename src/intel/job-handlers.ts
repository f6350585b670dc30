// The intel capability's background jobs, by kind. Each feature adds its kind here (imports, feed
// pulls, notification delivery); `serve` and the CLI run them through the platform's job runner.
import type { Ctx } from '../platform/context.ts';
import type { JobHandlers } from '../platform/jobs/runner.ts';

export function intelJobHandlers(_ctx: Ctx): JobHandlers {
  return {};
}

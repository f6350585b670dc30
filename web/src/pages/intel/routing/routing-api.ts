// Typed calls for the routing pages (runs and their map, the inbox, the CIRT directory); the types
// come from the server's own modules so the two cannot drift.
import { api } from '../../../api/client.ts';
import type { RoutingMap, DecisionView } from '../../../../../src/intel/routing/routing-map.ts';
import type { RunView } from '../../../../../src/intel/routing/run-view.ts';
import type { NotificationView } from '../../../../../src/intel/notifications/notification-view.ts';
import type { CirtView, ImportReport } from '../../../../../src/intel/cirts/directory.ts';
import type { Attribution } from '../../../../../src/intel/routing/data-sources.ts';
import type { CirtInput } from '../../../../../src/intel/cirts/schemas.ts';
import type { JobView } from '../../../../../src/platform/jobs/jobs.ts';

export type {
  RoutingMap,
  DecisionView,
  RunView,
  NotificationView,
  CirtView,
  ImportReport,
  Attribution,
  CirtInput,
};
export type CirtDetail = CirtView & { webhookSecret: string | null };
export type RunSourceInput =
  | { kind: 'list'; text: string; tlp: string; fileName?: string }
  | { kind: 'objects'; ids: string[] }
  | { kind: 'collection'; id: string }
  | { kind: 'import'; importId: string };

export const createRun = (body: { name?: string; source: RunSourceInput }) =>
  api<{ run: RunView }>('POST', '/intel/routing/runs', body);
export const queueRun = (body: { name?: string; organisationId?: string; source: RunSourceInput }) =>
  api<{ job: JobView }>('POST', '/intel/routing/runs?async=true', body);
export const getJob = (id: string) => api<JobView>('GET', `/jobs/${id}`);

/** Polls a queued routing run every second until it names its run; throws when the job failed. */
export async function followRoutingJob(
  queued: JobView,
  onProgress: (p: JobView['progress']) => void,
): Promise<{ runId?: string; error: string | null }> {
  let job = queued;
  while (job.status === 'queued' || job.status === 'running') {
    onProgress(job.progress);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    job = await getJob(job.id);
  }
  const runId = job.result?.runId;
  return job.status === 'succeeded' && typeof runId === 'string'
    ? { runId, error: null }
    : { error: job.error };
}
/** Lists longer than this run as a job with progress instead of within one request. */
export const ASYNC_LINES = 2000;
export const acknowledge = (id: string) =>
  api<{ notification: NotificationView }>('POST', `/intel/notifications/${id}/acknowledge`);
export const saveCirt = (id: string | undefined, body: CirtInput) =>
  id
    ? api<{ cirt: CirtDetail }>('PATCH', `/intel/cirts/${id}`, body).then((r) => r.cirt.id)
    : api<{ id: string }>('POST', '/intel/cirts', body).then((r) => r.id);
export const importDirectory = (teams: unknown) => api<ImportReport>('POST', '/intel/cirts/import', teams);
export const exportCsvUrl = (id: string) => `/api/v1/intel/notifications/${id}/export.csv`;

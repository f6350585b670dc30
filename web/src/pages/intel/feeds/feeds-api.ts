// TAXII feeds as the UI sees them: list with last run, one feed, add, run now.
import { api } from '../../../api/client.ts';
import type { FeedView } from '../../../../../src/intel/feeds/feeds.ts';
import type { Tlp } from '../intel-api.ts';

export type { FeedView };
export type FeedAuth =
  { kind: 'none' } | { kind: 'token'; token: string } | { kind: 'basic'; username: string; password: string };
export type FeedInput = {
  name: string;
  organisationId: string;
  url: string;
  remoteCollectionId: string;
  auth: FeedAuth;
  intervalMinutes: number;
  tlp?: Tlp;
  targetCollectionId?: string;
};

export async function listFeeds(): Promise<FeedView[]> {
  return (await api<{ feeds: FeedView[] }>('GET', '/intel/feeds')).feeds;
}

export async function addFeed(input: FeedInput): Promise<FeedView> {
  return (await api<{ feed: FeedView }>('POST', '/intel/feeds', input)).feed;
}

export async function runFeed(id: string): Promise<FeedView> {
  return (await api<{ feed: FeedView }>('POST', `/intel/feeds/${id}/run`)).feed;
}

export async function setFeedEnabled(id: string, enabled: boolean): Promise<FeedView> {
  return (await api<{ feed: FeedView }>('PATCH', `/intel/feeds/${id}`, { enabled })).feed;
}

// Typed calls to /api/v1/intel for the intel room's own pages (snapshot, search, object, import).
import { api } from '../../api/client.ts';
import type { ObjectSummary } from '../../../../src/intel/objects.ts';

export type { ObjectSummary };
export type Tlp = ObjectSummary['tlp'];
export const TLPS: Tlp[] = ['clear', 'green', 'amber', 'amber+strict', 'red'];

export type SearchParams = Record<string, string | undefined>;

/** A query string from the set values only, so the URL stays short and shareable. */
export function queryString(params: SearchParams): string {
  const entries = Object.entries(params).filter((e): e is [string, string] => Boolean(e[1]));
  return entries.length ? `?${new URLSearchParams(entries).toString()}` : '';
}

export function getIntel<T>(path: string, params: SearchParams = {}): Promise<T> {
  return api<T>('GET', `/intel${path}${queryString(params)}`);
}

export type { ObjectView } from '../../../../src/intel/objects.ts';
export type { Snapshot } from '../../../../src/intel/snapshot.ts';

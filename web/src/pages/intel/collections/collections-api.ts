// TAXII collections as the UI sees them: the list beside the other intel routes, one collection with
// its rights and defaults, and the changes an administrator of the owning organisation may make.
import { api } from '../../../api/client.ts';
import type { CollectionView } from '../../../../../src/intel/collections.ts';
import type { Tlp } from '../intel-api.ts';

export type { CollectionView };
export type CollectionSummary = Omit<CollectionView, 'defaultAudienceOrganisationIds' | 'canManage'>;
export type CollectionChanges = Partial<
  Pick<
    CollectionView,
    | 'title'
    | 'readersAllMembers'
    | 'readerOrganisationIds'
    | 'writerOrganisationIds'
    | 'defaultTlp'
    | 'defaultAudienceOrganisationIds'
  >
>;

export function createCollection(input: {
  title: string;
  ownerOrganisationId: string;
  defaultTlp: Tlp;
  readersAllMembers: boolean;
}): Promise<{ id: string }> {
  return api<{ id: string }>('POST', '/intel/collections', input);
}

export async function getCollection(id: string): Promise<CollectionView> {
  return (await api<{ collection: CollectionView }>('GET', `/intel/collections/${id}`)).collection;
}

export async function updateCollection(id: string, changes: CollectionChanges): Promise<CollectionView> {
  return (await api<{ collection: CollectionView }>('PATCH', `/intel/collections/${id}`, changes)).collection;
}

/** The address a TAXII client (taxii2-client, MISP, OpenCTI) uses for this collection. */
export function taxiiUrlOf(c: { id: string; apiRoot: string }): string {
  return `${window.location.origin}/taxii2/${c.apiRoot}/collections/${c.id}/`;
}

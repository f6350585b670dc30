// Builders for intel read tests: store an object version with its values straight through the store
// (the ingest pipeline has its own tests), and report a sighting, both as a given organisation.
import { randomUUID } from 'node:crypto';
import type { Services } from '../../src/platform/services.ts';
import { inTransaction } from '../../src/platform/db/pool.ts';
import type { Tlp } from '../../src/platform/access/tlp-policy.ts';
import { insertObjectVersion, linkValues } from '../../src/intel/store.ts';
import { insertSighting } from '../../src/intel/sightings-store.ts';

let counter = 0;

export type ObjectOverrides = {
  type?: string;
  name?: string;
  created?: string;
  labels?: string[];
  values?: { kind: string; value: string }[];
  audienceOrganisationIds?: string[];
  fields?: Record<string, unknown>;
};

export async function buildIntelObject(
  services: Services,
  organisationId: string,
  tlp: Tlp,
  o: ObjectOverrides = {},
): Promise<string> {
  counter += 1;
  const type = o.type ?? 'indicator';
  const stixId = `${type}--00000000-0000-4000-8000-${String(counter).padStart(12, '0')}`;
  const created = o.created ?? '2026-11-20T10:00:00.000Z';
  const values = o.values ?? [];
  const name = o.name ?? (type === 'relationship' ? null : `Object ${counter}`);
  const raw = {
    type,
    spec_version: '2.1',
    id: stixId,
    created,
    modified: created,
    ...(name ? { name } : {}),
    ...(o.labels ? { labels: o.labels } : {}),
    ...(type === 'indicator' && values[0]
      ? { pattern: `[ipv4-addr:value = '${values[0].value}']`, pattern_type: 'stix', valid_from: created }
      : {}),
    ...o.fields,
  };
  await storeVersion(
    services,
    raw,
    { name, labels: o.labels ?? [], validFrom: null },
    { producerOrganisationId: organisationId, tlp, audienceOrganisationIds: o.audienceOrganisationIds },
    values,
  );
  return stixId;
}

export async function buildValueSighting(
  services: Services,
  by: { organisationId: string; userId: string },
  s: {
    kind: string;
    value: string;
    country: string;
    tlp: Tlp;
    count?: number;
    firstSeen?: string;
    lastSeen?: string;
  },
): Promise<number> {
  const lastSeen = s.lastSeen ?? '2026-11-21T10:00:00.000Z';
  return inTransaction(services.ctx.db, (tx) =>
    insertSighting(tx, {
      kind: s.kind,
      value: s.value,
      type: 'sighting',
      count: s.count ?? 1,
      firstSeen: s.firstSeen ?? lastSeen,
      lastSeen,
      country: s.country,
      producerOrganisationId: by.organisationId,
      authorUserId: by.userId,
      tlp: s.tlp,
      audienceOrganisationIds: [],
      source: 'test',
    }),
  );
}

/** A STIX indicator as a file would carry it. */
export type RawIndicator = {
  type: 'indicator';
  spec_version: '2.1';
  id: string;
  created: string;
  modified: string;
  pattern: string;
  pattern_type: 'stix';
  valid_from: string;
};

/** An indicator object for `pattern`, with a new id (dated 2026-11-01). */
export function rawIndicator(pattern: string): RawIndicator {
  const at = '2026-11-01T00:00:00.000Z';
  return {
    type: 'indicator',
    spec_version: '2.1',
    id: `indicator--${randomUUID()}`,
    created: at,
    modified: at,
    pattern,
    pattern_type: 'stix',
    valid_from: at,
  };
}

/**
 * Stores `raw` exactly as given (routing reads its pattern; a test may also import the same object
 * and meet this stored version), without value links; returns its id.
 */
export async function storeRawIndicator(
  services: Services,
  raw: RawIndicator,
  by: Producer,
): Promise<string> {
  await storeVersion(services, raw, { name: raw.pattern, labels: [], validFrom: raw.valid_from }, by, []);
  return raw.id;
}

type Producer = {
  producerOrganisationId: string;
  tlp: Tlp;
  audienceOrganisationIds?: string[] | undefined;
  authorUserId?: string;
};

/** One version of `raw` (stored as its JSON, with the given name, labels and valid_from columns) as the producer's, linked to `values`. */
async function storeVersion(
  services: Services,
  raw: { id: string; type: string; created: string; modified: string },
  columns: { name: string | null; labels: string[]; validFrom: string | null },
  by: Producer,
  values: { kind: string; value: string }[],
): Promise<void> {
  const { name, labels, validFrom } = columns;
  await inTransaction(services.ctx.db, async (tx) => {
    const { pk } = await insertObjectVersion(tx, {
      stixId: raw.id,
      type: raw.type,
      specVersion: '2.1',
      created: raw.created,
      modified: raw.modified,
      revoked: false,
      validFrom,
      validUntil: null,
      createdByRef: null,
      producerOrganisationId: by.producerOrganisationId,
      authorUserId: by.authorUserId ?? null,
      tlp: by.tlp,
      audienceOrganisationIds: by.audienceOrganisationIds ?? [],
      audienceUserIds: [],
      name,
      labels,
      dedupeKey: null,
      raw: JSON.stringify(raw),
    });
    if (pk !== undefined && values.length > 0) {
      await linkValues(tx, pk, values);
    }
  });
}

// Converts a MISP event into STIX 2.1 objects: the creator organisation as an identity, attributes
// and object attributes flagged for detection (to_ids) as indicators, simple context attributes as
// observables, and a report tying them together. Ids come from MISP uuids, so a re-import is a no-op.
import { createHash } from 'node:crypto';
import type { Tlp } from '../../platform/access/tlp-policy.ts';
import type { ErrorDetail } from '../../platform/errors/app-error.ts';
import { zodIssuesToDetails } from '../../platform/errors/parse-input.ts';
import { mapAttribute, toPattern, type Comparison } from './attribute-patterns.ts';
import { mispAttribute, mispEvent, mispObject, type MispAttribute, type MispEvent } from './misp-schema.ts';

export type StixDraft = Record<string, unknown> & { id: string; type: string };
export type ConvertedObject = { object: StixDraft; tlp: Tlp | undefined };
export type MispConversion = {
  objects: ConvertedObject[];
  rejected: ErrorDetail[];
  eventTlp: Tlp | undefined;
};

const TLP_TAGS: Record<string, Tlp> = {
  'tlp:clear': 'clear',
  'tlp:white': 'clear',
  'tlp:green': 'green',
  'tlp:amber': 'amber',
  'tlp:amber+strict': 'amber+strict',
  'tlp:red': 'red',
};

/** The one TLP among tags (case-insensitive), or an error when tags contradict each other. */
export function tlpOfTags(tags: { name: string }[]): { tlp: Tlp | undefined } | { error: string } {
  const found = new Set(
    tags.map((t) => TLP_TAGS[t.name.trim().toLowerCase()]).filter((t): t is Tlp => t !== undefined),
  );
  if (found.size > 1) {
    return { error: `contradictory TLP tags: ${[...found].join(', ')}` };
  }
  return { tlp: [...found][0] };
}

// STIX 2.1 section 2.9: SCO ids are UUIDv5 in this namespace over their id-contributing properties.
const SCO_NAMESPACE = Buffer.from('00abedb4aa42466c9c01fed23315a9b7', 'hex');
export function scoId(type: string, contributing: Record<string, unknown>): string {
  const hash = createHash('sha1').update(SCO_NAMESPACE).update(JSON.stringify(contributing)).digest();
  hash[6] = ((hash[6] as number) & 0x0f) | 0x50;
  hash[8] = ((hash[8] as number) & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${type}--${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

const SIMPLE_SCO: Record<string, string> = {
  'ipv4-addr:value': 'ipv4-addr',
  'ipv6-addr:value': 'ipv6-addr',
  'domain-name:value': 'domain-name',
  'url:value': 'url',
  'email-addr:value': 'email-addr',
};

function labelsOf(event: MispEvent, attribute?: MispAttribute): string[] {
  const tags = [...event.Tag, ...(attribute?.Tag ?? [])].map((t) => t.name).filter((n) => !/^tlp:/i.test(n));
  const galaxies = event.Galaxy.flatMap((g) =>
    g.GalaxyCluster.map((c) => `${c.type ?? g.type ?? 'galaxy'}:${c.value}`),
  );
  return [...new Set([...tags, ...galaxies])].sort();
}

export function convertMispEvent(raw: unknown, path = 'Event'): MispConversion {
  const parsed = mispEvent.safeParse(raw);
  if (!parsed.success) {
    return { objects: [], rejected: zodIssuesToDetails(parsed.error.issues, path), eventTlp: undefined };
  }
  const event = parsed.data;
  const rejected: ErrorDetail[] = [];
  const eventTlpResult = tlpOfTags(event.Tag);
  if ('error' in eventTlpResult) {
    return {
      objects: [],
      rejected: [{ path: `${path}.Tag`, reason: eventTlpResult.error }],
      eventTlp: undefined,
    };
  }
  const eventTlp = eventTlpResult.tlp;
  const eventTime =
    event.timestamp ?? (event.date ? `${event.date}T00:00:00.000Z` : new Date(0).toISOString());
  const identity = event.Orgc
    ? {
        type: 'identity',
        spec_version: '2.1',
        id: `identity--${event.Orgc.uuid}`,
        created: eventTime,
        modified: eventTime,
        name: event.Orgc.name,
        identity_class: 'organization',
      }
    : undefined;
  const createdBy = identity ? { created_by_ref: identity.id } : {};
  const objects: ConvertedObject[] = [];
  const seen = new Set<string>();

  const addAttribute = (rawAttribute: unknown, where: string, objectName?: string) => {
    const a = mispAttribute.safeParse(rawAttribute);
    if (!a.success) {
      rejected.push(...zodIssuesToDetails(a.error.issues, where));
      return;
    }
    const attribute = a.data;
    if (attribute.deleted) {
      return;
    }
    const mapped = mapAttribute(attribute.type, attribute.value);
    if ('error' in mapped) {
      rejected.push({ path: where, reason: mapped.error });
      return;
    }
    const tlpResult = tlpOfTags(attribute.Tag);
    if ('error' in tlpResult) {
      rejected.push({ path: `${where}.Tag`, reason: tlpResult.error });
      return;
    }
    const time = attribute.timestamp ?? eventTime;
    const common = { spec_version: '2.1', created: time, modified: time, ...createdBy };
    const labels = labelsOf(event, attribute);
    let object: StixDraft;
    const single = mapped.comparisons.length === 1 ? (mapped.comparisons[0] as Comparison) : undefined;
    const scoType = single && SIMPLE_SCO[single.path];
    if (!attribute.to_ids && scoType && single) {
      object = {
        type: scoType,
        spec_version: '2.1',
        id: scoId(scoType, { value: single.value }),
        value: single.value,
      };
    } else if (!attribute.to_ids) {
      rejected.push({
        path: where,
        reason: `context attribute (to_ids false) of type ${attribute.type} is kept only as an indicator when flagged for detection`,
      });
      return;
    } else {
      object = {
        type: 'indicator',
        id: `indicator--${attribute.uuid}`,
        ...common,
        name: `${objectName ? `${objectName} ` : ''}${attribute.type}: ${attribute.value}`.slice(0, 250),
        ...(attribute.comment ? { description: attribute.comment } : {}),
        indicator_types: ['malicious-activity'],
        pattern: toPattern(mapped.comparisons),
        pattern_type: 'stix',
        pattern_version: '2.1',
        valid_from: time,
        ...(labels.length > 0 ? { labels } : {}),
        external_references: [
          { source_name: 'misp', external_id: attribute.uuid, description: `MISP event ${event.uuid}` },
        ],
      };
    }
    if (!seen.has(object.id)) {
      seen.add(object.id);
      objects.push({ object, tlp: tlpResult.tlp ?? eventTlp });
    }
  };

  event.Attribute.forEach((a, i) => addAttribute(a, `${path}.Attribute[${i}]`));
  event.Object.forEach((o, i) => {
    const obj = mispObject.safeParse(o);
    if (!obj.success) {
      rejected.push(...zodIssuesToDetails(obj.error.issues, `${path}.Object[${i}]`));
      return;
    }
    obj.data.Attribute.forEach((a, j) =>
      addAttribute(a, `${path}.Object[${i}].Attribute[${j}]`, obj.data.name),
    );
  });

  if (objects.length === 0) {
    rejected.push({ path, reason: 'the event has no attribute Accord can convert' });
    return { objects: [], rejected, eventTlp };
  }
  const report = {
    type: 'report',
    spec_version: '2.1',
    id: `report--${event.uuid}`,
    created: eventTime,
    modified: eventTime,
    ...createdBy,
    name: event.info.slice(0, 500),
    published: event.date ? `${event.date}T00:00:00.000Z` : eventTime,
    report_types: ['threat-report'],
    object_refs: objects.map((o) => o.object.id),
    ...(labelsOf(event).length > 0 ? { labels: labelsOf(event) } : {}),
    external_references: [{ source_name: 'misp', external_id: event.uuid }],
  };
  return {
    objects: [
      ...(identity ? [{ object: identity, tlp: eventTlp }] : []),
      ...objects,
      { object: report, tlp: eventTlp },
    ],
    rejected,
    eventTlp,
  };
}

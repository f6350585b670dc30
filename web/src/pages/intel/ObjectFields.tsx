// The readable view of a STIX object: the fields that matter for its type first, in order, then the
// common properties; references become links to their object pages. The raw JSON view shows the rest.
import { Link } from 'react-router';
import { useI18n } from '../../i18n/i18n.tsx';

// What an analyst reads first, per STIX 2.1 type (§4 SDOs, §6 SCOs); the rest follows alphabetically.
const LEAD_FIELDS: Record<string, string[]> = {
  indicator: ['pattern', 'pattern_type', 'indicator_types', 'valid_from', 'valid_until', 'kill_chain_phases'],
  malware: ['malware_types', 'is_family', 'aliases', 'first_seen', 'last_seen', 'capabilities'],
  'threat-actor': ['threat_actor_types', 'aliases', 'roles', 'goals', 'sophistication', 'primary_motivation'],
  campaign: ['aliases', 'first_seen', 'last_seen', 'objective'],
  'attack-pattern': ['aliases', 'kill_chain_phases'],
  infrastructure: ['infrastructure_types', 'first_seen', 'last_seen'],
  sighting: [
    'sighting_of_ref',
    'observed_data_refs',
    'where_sighted_refs',
    'first_seen',
    'last_seen',
    'count',
  ],
  relationship: ['source_ref', 'relationship_type', 'target_ref', 'start_time', 'stop_time'],
  report: ['report_types', 'published', 'object_refs'],
  'ipv4-addr': ['value', 'resolves_to_refs'],
  'ipv6-addr': ['value'],
  'domain-name': ['value', 'resolves_to_refs'],
  url: ['value'],
  file: ['name', 'hashes', 'size', 'mime_type'],
};
const COMMON = [
  'description',
  'labels',
  'confidence',
  'created',
  'modified',
  'created_by_ref',
  'external_references',
];
const HIDDEN = new Set(['type', 'id', 'spec_version', 'name', 'object_marking_refs', 'revoked']);
const STIX_ID = /^[a-z0-9-]+--[0-9a-f-]{36}$/;

export function ObjectFields({ object }: { object: Record<string, unknown> }) {
  const { t } = useI18n();
  const type = String(object.type);
  const lead = [...(LEAD_FIELDS[type] ?? []), ...COMMON].filter((k) => k in object);
  const rest = Object.keys(object)
    .filter((k) => !lead.includes(k) && !HIDDEN.has(k))
    .sort();
  return (
    <dl className="object-fields" aria-label={t('intel.object.readable')}>
      {[...lead, ...rest].map((k) => (
        <div key={k} className={k === 'pattern' ? 'wide' : undefined}>
          <dt>{k.replaceAll('_', ' ')}</dt>
          <dd>
            <FieldValue value={object[k]} />
          </dd>
        </div>
      ))}
    </dl>
  );
}

function FieldValue({ value }: { value: unknown }) {
  if (typeof value === 'string') {
    return STIX_ID.test(value) ? (
      <Link className="mono" to={`/intel/objects/${value}`}>
        {value}
      </Link>
    ) : (
      <span className={/^\[|^\d{4}-\d\d-\d\dT/.test(value) ? 'mono' : undefined}>{value}</span>
    );
  }
  if (Array.isArray(value)) {
    return value.every((v) => typeof v === 'string') ? (
      <ul className="inline-list">
        {value.map((v, i) => (
          <li key={i}>
            <FieldValue value={v} />
          </li>
        ))}
      </ul>
    ) : (
      <pre className="raw-json small">{JSON.stringify(value, null, 2)}</pre>
    );
  }
  if (value !== null && typeof value === 'object') {
    return <pre className="raw-json small">{JSON.stringify(value, null, 2)}</pre>;
  }
  return <span className="mono">{String(value)}</span>;
}

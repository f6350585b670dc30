// What Accord knows of each STIX 2.1 object type: its category, required properties, and which
// timestamps must come in order (reference targets are in reference-targets.ts).
// @see STIX 2.1 sections 4 (SDOs), 5 (SROs), 6 (SCOs), 7 (marking definitions), 7.3 (extension definitions)

export type Category = 'sdo' | 'sro' | 'sco' | 'meta';

const SDOS = [
  'attack-pattern',
  'campaign',
  'course-of-action',
  'grouping',
  'identity',
  'incident',
  'indicator',
  'infrastructure',
  'intrusion-set',
  'location',
  'malware',
  'malware-analysis',
  'note',
  'observed-data',
  'opinion',
  'report',
  'threat-actor',
  'tool',
  'vulnerability',
];
const SCOS = [
  'artifact',
  'autonomous-system',
  'directory',
  'domain-name',
  'email-addr',
  'email-message',
  'file',
  'ipv4-addr',
  'ipv6-addr',
  'mac-addr',
  'mutex',
  'network-traffic',
  'process',
  'software',
  'url',
  'user-account',
  'windows-registry-key',
  'x509-certificate',
];

export const CATEGORY_OF: ReadonlyMap<string, Category> = new Map<string, Category>([
  ...SDOS.map((t) => [t, 'sdo'] as const),
  ...SCOS.map((t) => [t, 'sco'] as const),
  ['relationship', 'sro'],
  ['sighting', 'sro'],
  ['marking-definition', 'meta'],
  ['language-content', 'meta'],
  ['extension-definition', 'meta'],
]);

/** Required beyond the common properties; `a|b` means at least one of them. */
export const REQUIRED: Readonly<Record<string, readonly string[]>> = {
  'attack-pattern': ['name'],
  campaign: ['name'],
  'course-of-action': ['name'],
  grouping: ['context', 'object_refs'],
  identity: ['name'],
  incident: ['name'],
  indicator: ['pattern', 'pattern_type', 'valid_from'],
  infrastructure: ['name'],
  'intrusion-set': ['name'],
  location: ['region|country|latitude'],
  malware: ['is_family'],
  'malware-analysis': ['product', 'result|analysis_sco_refs'],
  note: ['content', 'object_refs'],
  'observed-data': ['first_observed', 'last_observed', 'number_observed', 'object_refs|objects'],
  opinion: ['opinion', 'object_refs'],
  report: ['name', 'published', 'object_refs'],
  'threat-actor': ['name'],
  tool: ['name'],
  vulnerability: ['name'],
  relationship: ['relationship_type', 'source_ref', 'target_ref'],
  sighting: ['sighting_of_ref'],
  artifact: ['payload_bin|url'],
  'autonomous-system': ['number'],
  directory: ['path'],
  'domain-name': ['value'],
  'email-addr': ['value'],
  'email-message': ['is_multipart'],
  file: ['hashes|name'],
  'ipv4-addr': ['value'],
  'ipv6-addr': ['value'],
  'mac-addr': ['value'],
  mutex: ['name'],
  'network-traffic': ['protocols', 'src_ref|dst_ref'],
  software: ['name'],
  url: ['value'],
  'marking-definition': ['definition_type|extensions'],
  'language-content': ['object_ref', 'contents'],
  'extension-definition': ['created_by_ref', 'name', 'schema', 'version', 'extension_types'],
};

/** Pairs of timestamps where the second may not come before the first (strict: not equal either). */
export const ORDERED_TIMESTAMPS: readonly {
  from: string;
  to: string;
  strict: boolean;
  types?: readonly string[];
}[] = [
  { from: 'created', to: 'modified', strict: false },
  { from: 'first_seen', to: 'last_seen', strict: false },
  { from: 'valid_from', to: 'valid_until', strict: true, types: ['indicator'] },
  { from: 'first_observed', to: 'last_observed', strict: false },
  { from: 'start_time', to: 'stop_time', strict: true, types: ['relationship'] },
  { from: 'analysis_started', to: 'analysis_ended', strict: false },
  { from: 'validity_not_before', to: 'validity_not_after', strict: false },
];

/** Top-level properties holding timestamps, across the types that define them. */
export const TIMESTAMP_PROPERTIES: ReadonlySet<string> = new Set([
  'created',
  'modified',
  'first_seen',
  'last_seen',
  'valid_from',
  'valid_until',
  'published',
  'first_observed',
  'last_observed',
  'start_time',
  'stop_time',
  'analysis_started',
  'analysis_ended',
  'submitted',
  'ctime',
  'mtime',
  'atime',
  'created_time',
  'modified_time',
  'date',
  'start',
  'end',
  'account_created',
  'account_expires',
  'credential_last_changed',
  'account_first_login',
  'account_last_login',
  'validity_not_before',
  'validity_not_after',
]);

// The types each STIX reference property may point to, per object type.
// @see STIX 2.1 sections 4–6: the "Relationships" and reference properties of each type

/** Target types of references; 'sdo', 'sco' and '*' stand for categories and any object. */
export const REFERENCE_TARGETS: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>> = {
  grouping: { object_refs: ['*'] },
  note: { object_refs: ['*'] },
  opinion: { object_refs: ['*'] },
  report: { object_refs: ['*'] },
  malware: { sample_refs: ['file', 'artifact'], operating_system_refs: ['software'] },
  'malware-analysis': {
    host_vm_ref: ['software'],
    operating_system_ref: ['software'],
    installed_software_refs: ['software'],
    analysis_sco_refs: ['sco'],
    sample_ref: ['file', 'network-traffic', 'artifact'],
  },
  'observed-data': { object_refs: ['sco', 'relationship'] },
  relationship: { source_ref: ['sdo', 'sco'], target_ref: ['sdo', 'sco'] },
  sighting: {
    sighting_of_ref: ['sdo'],
    observed_data_refs: ['observed-data'],
    where_sighted_refs: ['identity', 'location'],
  },
  'domain-name': { resolves_to_refs: ['ipv4-addr', 'ipv6-addr', 'domain-name'] },
  'email-addr': { belongs_to_ref: ['user-account'] },
  'email-message': {
    from_ref: ['email-addr'],
    sender_ref: ['email-addr'],
    to_refs: ['email-addr'],
    cc_refs: ['email-addr'],
    bcc_refs: ['email-addr'],
    raw_email_ref: ['artifact'],
  },
  file: { parent_directory_ref: ['directory'], contains_refs: ['sco'], content_ref: ['artifact'] },
  directory: { contains_refs: ['file', 'directory'] },
  'ipv4-addr': { resolves_to_refs: ['mac-addr'], belongs_to_refs: ['autonomous-system'] },
  'ipv6-addr': { resolves_to_refs: ['mac-addr'], belongs_to_refs: ['autonomous-system'] },
  'network-traffic': {
    src_ref: ['ipv4-addr', 'ipv6-addr', 'mac-addr', 'domain-name'],
    dst_ref: ['ipv4-addr', 'ipv6-addr', 'mac-addr', 'domain-name'],
    src_payload_ref: ['artifact'],
    dst_payload_ref: ['artifact'],
    encapsulates_refs: ['network-traffic'],
    encapsulated_by_ref: ['network-traffic'],
  },
  process: {
    opened_connection_refs: ['network-traffic'],
    creator_user_ref: ['user-account'],
    image_ref: ['file'],
    parent_ref: ['process'],
    child_refs: ['process'],
  },
  'windows-registry-key': { creator_user_ref: ['user-account'] },
  'extension-definition': { created_by_ref: ['identity'] },
};

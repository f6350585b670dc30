// The official TLP 2.0 marking-definition objects, as Accord exports them with every TLP-marked object.
// @see oasis-open/cti-stix-common-objects extension-definition-specifications/tlp-2.0 (examples/tlp-*.json)
import type { Tlp } from '../platform/access/tlp-policy.ts';
import { TLP2_MARKING_IDS, TLP_EXTENSION_ID } from './tlp.ts';

export type TlpMarkingDefinition = {
  type: 'marking-definition';
  spec_version: '2.1';
  id: string;
  created: '2022-10-01T00:00:00.000Z';
  name: string;
  extensions: Record<string, { extension_type: 'property-extension'; tlp_2_0: Tlp }>;
};

/** "TLP:AMBER+STRICT" and so on, as FIRST writes the labels. */
export function tlpLabel(level: Tlp): string {
  return `TLP:${level.toUpperCase()}`;
}

export function toStixMarkingDefinition(level: Tlp): TlpMarkingDefinition {
  return {
    type: 'marking-definition',
    spec_version: '2.1',
    id: TLP2_MARKING_IDS[level],
    created: '2022-10-01T00:00:00.000Z',
    name: tlpLabel(level),
    extensions: { [TLP_EXTENSION_ID]: { extension_type: 'property-extension', tlp_2_0: level } },
  };
}

// The TLP 2.0 label as FIRST prints it: black background, the level's colour, upper case.
import type { Tlp } from './intel-api.ts';

export function TlpBadge({ tlp }: { tlp: Tlp }) {
  return <span className={`tlp tlp-${tlp.replace('+', '-')}`}>TLP:{tlp.toUpperCase()}</span>;
}

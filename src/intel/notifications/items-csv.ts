// A notification's items as CSV (RFC 4180), headed by a TLP line so the marking stays with the data.
import type { Tlp } from '../../platform/access/tlp-policy.ts';
import type { NotificationItem } from './notification-store.ts';

function cell(value: string): string {
  // A leading = + - @ makes spreadsheets evaluate the cell; an apostrophe keeps it text.
  const safe = /^[=+\-@]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function itemsToCsv(items: readonly NotificationItem[], tlp: Tlp): string {
  const header = ['value', 'kind', 'countries', 'asn', 'matched_by', 'constituency', 'tlp', 'stix_id'];
  const lines = items.map((i) =>
    [
      i.value,
      i.kind,
      i.countries.join(' '),
      i.asn === null ? '' : `AS${i.asn}`,
      i.via,
      i.detail,
      i.tlp,
      i.objectId ?? '',
    ]
      .map(cell)
      .join(','),
  );
  return [`# TLP:${tlp.toUpperCase()}`, header.join(','), ...lines].join('\r\n') + '\r\n';
}

// How a CSV feed or plain list maps to indicators: which column holds the value and what kind it
// is, which hold the first-seen date and the labels; presets for plain lists and abuse.ch exports,
// and a custom mapping written as `value=2;kind=url;first_seen=1;labels=5,6;delimiter=comma`.
import { AppError } from '../../platform/errors/app-error.ts';

export const VALUE_KINDS = ['auto', 'ip', 'domain', 'url', 'hash'] as const;
export type ValueKind = (typeof VALUE_KINDS)[number];

export type CsvMapping = {
  preset: string;
  /** Prefix of indicator names and a label, e.g. "Feodo Tracker". */
  title: string;
  /** null: the whole line is the value (plain lists). */
  delimiter: string | null;
  comment: string | null;
  /** A line whose value cell is one of these is a header, not a record. */
  headerNames: string[];
  value: number;
  kind: ValueKind;
  /** A column naming each row's kind (ThreatFox ioc_type: ip:port, domain, url, md5_hash…). */
  kindColumn?: number;
  firstSeen?: number;
  port?: number;
  labels: number[];
  fixedLabels: string[];
};

const plain = (preset: string, kind: ValueKind, title: string): CsvMapping => ({
  preset,
  title,
  delimiter: null,
  comment: '#',
  headerNames: [],
  value: 0,
  kind,
  labels: [],
  fixedLabels: [],
});

export const CSV_PRESETS: Readonly<Record<string, CsvMapping>> = {
  plain: plain('plain', 'auto', 'Feed'),
  ip: plain('ip', 'ip', 'IP list'),
  domain: plain('domain', 'domain', 'Domain list'),
  url: plain('url', 'url', 'URL list'),
  hash: plain('hash', 'hash', 'Hash list'),
  // https://feodotracker.abuse.ch/downloads/ipblocklist.csv
  feodo: {
    preset: 'feodo',
    title: 'Feodo Tracker',
    delimiter: ',',
    comment: '#',
    headerNames: ['dst_ip'],
    value: 1,
    kind: 'ip',
    firstSeen: 0,
    port: 2,
    labels: [5],
    fixedLabels: ['feodo-tracker', 'botnet-c2'],
  },
  // https://urlhaus.abuse.ch/downloads/csv_recent/
  urlhaus: {
    preset: 'urlhaus',
    title: 'URLhaus',
    delimiter: ',',
    comment: '#',
    headerNames: ['url'],
    value: 2,
    kind: 'url',
    firstSeen: 1,
    labels: [5, 6],
    fixedLabels: ['urlhaus'],
  },
  // https://threatfox.abuse.ch/export/csv/recent/
  threatfox: {
    preset: 'threatfox',
    title: 'ThreatFox',
    delimiter: ',',
    comment: '#',
    headerNames: ['ioc_value'],
    value: 2,
    kind: 'auto',
    kindColumn: 3,
    firstSeen: 0,
    labels: [4, 7, 11],
    fixedLabels: ['threatfox'],
  },
};

const DELIMITERS: Record<string, string | null> = {
  comma: ',',
  semicolon: ';',
  tab: '\t',
  pipe: '|',
  none: null,
};

function column(key: string, text: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0 || n > 255) {
    throw new AppError(
      'INTEL_IMPORT_MAPPING_INVALID',
      `${key} must be a column number from 0 (found "${text}")`,
    );
  }
  return n;
}

/**
 * A custom mapping: `key=value` pairs separated by `;`. Keys: value (required), kind
 * (auto|ip|domain|url|hash), first_seen, port, labels (columns separated by commas), delimiter
 * (comma|semicolon|tab|pipe|none), title, header (a header cell of the value column).
 */
export function parseCsvMapping(text: string): CsvMapping {
  const mapping: CsvMapping = { ...plain('custom', 'auto', 'Feed'), delimiter: ',' };
  let hasValue = false;
  for (const pair of text.split(';').filter((p) => p.trim() !== '')) {
    const eq = pair.indexOf('=');
    const key = pair.slice(0, eq).trim();
    const value = pair.slice(eq + 1).trim();
    if (eq < 0) {
      throw new AppError('INTEL_IMPORT_MAPPING_INVALID', `"${pair}" is not key=value`);
    }
    switch (key) {
      case 'value':
        mapping.value = column(key, value);
        hasValue = true;
        break;
      case 'kind':
        if (!(VALUE_KINDS as readonly string[]).includes(value)) {
          throw new AppError('INTEL_IMPORT_MAPPING_INVALID', `kind must be one of ${VALUE_KINDS.join(', ')}`);
        }
        mapping.kind = value as ValueKind;
        break;
      case 'first_seen':
        mapping.firstSeen = column(key, value);
        break;
      case 'port':
        mapping.port = column(key, value);
        break;
      case 'labels':
        mapping.labels = value.split(',').map((v) => column(key, v.trim()));
        break;
      case 'delimiter':
        if (!(value in DELIMITERS)) {
          throw new AppError(
            'INTEL_IMPORT_MAPPING_INVALID',
            `delimiter must be one of ${Object.keys(DELIMITERS).join(', ')}`,
          );
        }
        mapping.delimiter = DELIMITERS[value] ?? null;
        break;
      case 'title':
        mapping.title = value.slice(0, 100) || 'Feed';
        break;
      case 'header':
        mapping.headerNames = [value];
        break;
      default:
        throw new AppError('INTEL_IMPORT_MAPPING_INVALID', `unknown mapping key "${key}"`);
    }
  }
  if (!hasValue) {
    throw new AppError('INTEL_IMPORT_MAPPING_INVALID', 'a mapping needs value=<column>');
  }
  return mapping;
}

/** The mapping of a preset name, or of a custom mapping text (which wins when both are given). */
export function resolveCsvMapping(preset: string | null | undefined, columns?: string | null): CsvMapping {
  if (columns) {
    return parseCsvMapping(columns);
  }
  const found = CSV_PRESETS[preset ?? 'plain'];
  if (!found) {
    throw new AppError(
      'INTEL_IMPORT_MAPPING_INVALID',
      `unknown CSV preset "${preset}"; presets: ${Object.keys(CSV_PRESETS).join(', ')}`,
    );
  }
  return found;
}
